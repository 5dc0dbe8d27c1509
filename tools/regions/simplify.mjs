// Border-preserving Douglas–Peucker simplification for the shapes of one map.
//
// All shapes drawn together (the children of one parent) are simplified as a group.
// Points where the neighbourhood of a border changes (a vertex used by several rings
// with different neighbours) are "junctions"; they are always kept and rings are cut
// there into segments. Each segment is simplified in a canonical direction, so the
// border two neighbours share comes out identical in both and the map tiles without
// slivers or gaps. Rings without junctions (islands, enclaves) are simplified whole,
// starting from a canonical point.

import { signedArea2, cleanRing } from './geometry.mjs';

const key = (p) => `${p[0]},${p[1]}`;

// Lexicographic order of points, used to pick canonical directions and starts.
function comparePoints(a, b) {
  return a[0] - b[0] || a[1] - b[1];
}

// Squared distance from p to segment a-b (to the point itself when a equals b).
function segmentDistance2(p, a, b) {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  let t = 0;
  const len2 = dx * dx + dy * dy;
  if (len2 > 0) {
    t = ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
  }
  const ex = a[0] + t * dx - p[0];
  const ey = a[1] + t * dy - p[1];
  return ex * ex + ey * ey;
}

// Classic Douglas–Peucker on an open polyline; endpoints always survive. Iterative so
// rings with tens of thousands of points do not exhaust the stack. On equal distances
// the first point wins, which keeps the result a pure function of the input order.
export function douglasPeucker(points, tolerance) {
  const n = points.length;
  if (n <= 2) return points.slice();
  const keep = new Uint8Array(n);
  keep[0] = 1;
  keep[n - 1] = 1;
  const tol2 = tolerance * tolerance;
  const stack = [[0, n - 1]];
  while (stack.length) {
    const [first, last] = stack.pop();
    let maxD = -1;
    let index = -1;
    for (let i = first + 1; i < last; i++) {
      const d = segmentDistance2(points[i], points[first], points[last]);
      if (d > maxD) {
        maxD = d;
        index = i;
      }
    }
    if (index !== -1 && maxD > tol2) {
      keep[index] = 1;
      stack.push([index, last], [first, index]);
    }
  }
  return points.filter((_, i) => keep[i]);
}

// Simplifies a segment so that it and its reverse give mirror-image results.
function simplifyCanonical(segment, tolerance) {
  const n = segment.length;
  let order = comparePoints(segment[0], segment[n - 1]);
  if (order === 0 && n > 2) order = comparePoints(segment[1], segment[n - 2]);
  if (order <= 0) return douglasPeucker(segment, tolerance);
  return douglasPeucker(segment.slice().reverse(), tolerance).reverse();
}

// Finds the junction points of a set of rings.
export function findJunctions(rings) {
  const firstNeighbours = new Map(); // point -> "prev|next" as first seen (unordered)
  const junctions = new Set();
  for (const ring of rings) {
    const n = ring.length;
    for (let i = 0; i < n; i++) {
      const k = key(ring[i]);
      if (junctions.has(k)) continue;
      const a = key(ring[(i + n - 1) % n]);
      const b = key(ring[(i + 1) % n]);
      const pair = a < b ? `${a}|${b}` : `${b}|${a}`;
      const seen = firstNeighbours.get(k);
      if (seen === undefined) firstNeighbours.set(k, pair);
      else if (seen !== pair) junctions.add(k);
    }
  }
  return junctions;
}

// Simplifies one ring given the group's junctions; returns the ring (maybe degenerate).
function simplifyRing(ring, junctions, tolerance) {
  const n = ring.length;
  const cuts = [];
  for (let i = 0; i < n; i++) if (junctions.has(key(ring[i]))) cuts.push(i);

  if (cuts.length === 0) {
    // Closed ring: start at its smallest point and run in the direction of the smaller
    // neighbour, so the same ring seen from an enclosing hole simplifies identically.
    let start = 0;
    for (let i = 1; i < n; i++) if (comparePoints(ring[i], ring[start]) < 0) start = i;
    const forward = comparePoints(ring[(start + 1) % n], ring[(start + n - 1) % n]) <= 0;
    const loop = [];
    for (let i = 0; i <= n; i++) {
      const j = forward ? (start + i) % n : (start - i + n * 2) % n;
      loop.push(ring[j]);
    }
    let out = douglasPeucker(loop, tolerance);
    out.pop(); // closing repeat
    if (!forward) out = out.reverse();
    return out;
  }

  const out = [];
  for (let c = 0; c < cuts.length; c++) {
    const from = cuts[c];
    const to = c + 1 < cuts.length ? cuts[c + 1] : cuts[0] + n;
    const segment = [];
    for (let i = from; i <= to; i++) segment.push(ring[i % n]);
    const simplified = simplifyCanonical(segment, tolerance);
    for (let i = 0; i < simplified.length - 1; i++) out.push(simplified[i]);
  }
  return out;
}

// Simplifies every shape of a group. `shapes` is an array of [id, rings]; the result
// keeps the same order. Rings whose simplified area is below `minArea2` (twice the
// area, in map units squared) are dropped, but each shape keeps at least its largest
// ring, simplified less aggressively if needed, so no region disappears from a map.
export function simplifyGroup(shapes, tolerance, minArea2) {
  const junctions = findJunctions(shapes.flatMap(([, rings]) => rings));
  return shapes.map(([id, rings]) => {
    const kept = [];
    for (const ring of rings) {
      const s = cleanRing(simplifyRing(ring, junctions, tolerance));
      if (s.length >= 3 && Math.abs(signedArea2(s)) >= minArea2) kept.push(s);
    }
    if (kept.length === 0 && rings.length > 0) kept.push(largestRingFallback(rings, tolerance));
    return [id, kept];
  });
}

// Simplifies the shape's largest ring alone, halving the tolerance until it still
// encloses area; tiny regions (small islands, urban districts) stay visible.
function largestRingFallback(rings, tolerance) {
  let largest = rings[0];
  for (const r of rings) if (Math.abs(signedArea2(r)) > Math.abs(signedArea2(largest))) largest = r;
  for (let t = tolerance; t >= 0.5; t /= 2) {
    const s = cleanRing(simplifyRing(largest, new Set(), t));
    if (s.length >= 3 && signedArea2(s) !== 0) return s;
  }
  return largest;
}
