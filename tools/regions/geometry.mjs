// Projection and small polygon utilities on integer map units.
//
// Map units: x = round(lon * 1000), y = round(-mercatorDegrees(lat) * 1000), so one
// unit is 1/1000 of a degree of longitude and y grows downward like SVG.
// A "shape" is a list of rings; a ring is a list of [x, y] points without the closing
// repeat. Outer rings have positive signed area (clockwise on screen, y down) and holes
// negative, so rings of neighbouring shapes run in opposite directions along a shared
// border and can be cancelled when shapes are merged.

const RAD = Math.PI / 180;

// Web Mercator northing expressed in degrees, so x and y use the same unit.
export function mercatorDegrees(lat) {
  return Math.log(Math.tan(Math.PI / 4 + (lat * RAD) / 2)) / RAD;
}

export function project(lon, lat) {
  // `+ 0` turns a rounded -0 into 0 so output never prints "-0".
  return [Math.round(lon * 1000) + 0, Math.round(-mercatorDegrees(lat) * 1000) + 0];
}

// Twice the signed area (shoelace); positive means clockwise on screen.
export function signedArea2(ring) {
  let sum = 0;
  for (let i = 0, n = ring.length; i < n; i++) {
    const a = ring[i];
    const b = ring[(i + 1) % n];
    sum += a[0] * b[1] - b[0] * a[1];
  }
  return sum;
}

// Drops repeated consecutive points and the closing repeat; rounding creates both.
export function cleanRing(ring) {
  const out = [];
  for (const p of ring) {
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  while (out.length > 1 && out[0][0] === out[out.length - 1][0] && out[0][1] === out[out.length - 1][1]) {
    out.pop();
  }
  return out;
}

// Projects [lon, lat] polygons to a shape with outer rings clockwise and holes anticlockwise.
export function projectPolygons(polygons) {
  const rings = [];
  for (const polygon of polygons) {
    polygon.forEach((lonLatRing, index) => {
      const ring = cleanRing(lonLatRing.map(([lon, lat]) => project(lon, lat)));
      if (ring.length < 3) return;
      const area = signedArea2(ring);
      if (area === 0) return;
      const wantPositive = index === 0;
      rings.push(area > 0 === wantPositive ? ring : ring.slice().reverse());
    });
  }
  return rings;
}

// [minX, minY, maxX, maxY] of a shape (or null for an empty one).
export function bboxOf(rings) {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const ring of rings) {
    for (const [x, y] of ring) {
      if (x < minX) minX = x;
      if (y < minY) minY = y;
      if (x > maxX) maxX = x;
      if (y > maxY) maxY = y;
    }
  }
  return minX === Infinity ? null : [minX, minY, maxX, maxY];
}

export function unionBbox(a, b) {
  if (!a) return b;
  if (!b) return a;
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
}

const key = (p) => `${p[0]},${p[1]}`;

function perimeter(ring) {
  let sum = 0;
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i];
    const b = ring[(i + 1) % ring.length];
    sum += Math.hypot(b[0] - a[0], b[1] - a[1]);
  }
  return sum;
}

// Mean width (2 x area / perimeter) under which a leftover ring is a sliver, in map units.
const SLIVER_WIDTH = 2;

// Merges shapes that tile each other into one outline by cancelling every edge that
// appears once in each direction (a border shared by two of the parts) and chaining
// the remaining edges back into rings. Where neighbours digitised a shared border with
// slightly different vertices the leftovers are hairline slivers, which are dropped.
export function dissolve(shapes) {
  const edges = [];
  const live = new Map(); // "a|b" -> indices of live edges a->b
  for (const rings of shapes) {
    for (const ring of rings) {
      for (let i = 0; i < ring.length; i++) {
        const a = ring[i];
        const b = ring[(i + 1) % ring.length];
        const reverse = live.get(`${key(b)}|${key(a)}`);
        if (reverse && reverse.length) {
          edges[reverse.pop()].dead = true;
          continue;
        }
        const id = edges.length;
        edges.push({ a, b, dead: false });
        const k = `${key(a)}|${key(b)}`;
        if (!live.has(k)) live.set(k, []);
        live.get(k).push(id);
      }
    }
  }
  // Outgoing live edges per start point, in input order for determinism.
  const outgoing = new Map();
  for (let id = 0; id < edges.length; id++) {
    if (edges[id].dead) continue;
    const k = key(edges[id].a);
    if (!outgoing.has(k)) outgoing.set(k, []);
    outgoing.get(k).push(id);
  }
  const used = new Uint8Array(edges.length);
  const rings = [];
  for (let start = 0; start < edges.length; start++) {
    if (edges[start].dead || used[start]) continue;
    const ring = [];
    let id = start;
    while (id !== undefined && !used[id]) {
      used[id] = 1;
      ring.push(edges[id].a);
      const next = (outgoing.get(key(edges[id].b)) || []).find((e) => !used[e]);
      id = next;
    }
    const cleaned = cleanRing(ring);
    if (cleaned.length >= 3 && Math.abs(signedArea2(cleaned)) >= SLIVER_WIDTH * perimeter(cleaned)) rings.push(cleaned);
  }
  return rings;
}
