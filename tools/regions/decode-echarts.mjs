// Reads ECharts-style map GeoJSON into plain polygons of [lon, lat] pairs.
//
// ECharts 4 ships its maps in a compact "UTF8Encoding": every ring is a string in
// which each vertex is two characters. A character's code minus 64 is a zig-zag
// encoded integer (non-negative n -> 2n, negative n -> -2n-1), that integer is the
// delta from the previous vertex, the first delta is taken from the ring's entry
// in geometry.encodeOffsets, and the running sum divided by the scale (1024 unless
// the file says UTF8Scale) is the coordinate in degrees.
//
// The flag on the file is not trusted: some files mark themselves encoded but carry
// plain arrays (or the reverse), so every ring is decoded according to its own type.

const DEFAULT_SCALE = 1024;

// Undo the zig-zag mapping: even codes are non-negative, odd codes are negative.
function unzigzag(n) {
  return n % 2 === 0 ? n / 2 : -(n + 1) / 2;
}

// Decodes one encoded ring string; `offset` is the ring's [x, y] start in scaled units.
export function decodeRing(text, offset, scale = DEFAULT_SCALE) {
  if (text.length % 2 !== 0) {
    throw new Error(`encoded ring has odd length ${text.length}`);
  }
  let x = offset[0];
  let y = offset[1];
  const ring = [];
  for (let i = 0; i < text.length; i += 2) {
    x += unzigzag(text.charCodeAt(i) - 64);
    y += unzigzag(text.charCodeAt(i + 1) - 64);
    ring.push([x / scale, y / scale]);
  }
  return ring;
}

// One ring in whichever form it is stored; plain rings are copied as numbers.
function readRing(ring, offset, scale, where) {
  if (typeof ring === 'string') {
    if (!Array.isArray(offset)) {
      throw new Error(`${where}: encoded ring without encodeOffsets`);
    }
    return decodeRing(ring, offset, scale);
  }
  if (Array.isArray(ring)) {
    return ring.map((p) => [Number(p[0]), Number(p[1])]);
  }
  throw new Error(`${where}: unexpected ring type ${typeof ring}`);
}

// Returns the geometry as a list of polygons, each a list of rings (outer ring first).
export function readPolygons(geometry, scale = DEFAULT_SCALE, where = 'feature') {
  if (!geometry || !Array.isArray(geometry.coordinates)) return [];
  const offsets = geometry.encodeOffsets || [];
  if (geometry.type === 'Polygon') {
    const rings = geometry.coordinates.map((r, i) => readRing(r, offsets[i], scale, where));
    return rings.length ? [rings] : [];
  }
  if (geometry.type === 'MultiPolygon') {
    return geometry.coordinates
      .map((poly, i) => poly.map((r, j) => readRing(r, (offsets[i] || [])[j], scale, where)))
      .filter((rings) => rings.length > 0);
  }
  throw new Error(`${where}: unsupported geometry type ${geometry.type}`);
}

// Reads a whole FeatureCollection into { name, id, polygons } records, in file order.
// Features without geometry keep an empty polygon list so callers can report them.
export function readFeatureCollection(json, label = 'collection') {
  const scale = json.UTF8Scale == null ? DEFAULT_SCALE : json.UTF8Scale;
  return json.features.map((feature, index) => {
    const props = feature.properties || {};
    const name = props.name == null ? '' : String(props.name);
    // Codes sit in properties.id (china.json) or on the feature itself (the other files).
    const id = feature.id ?? props.id;
    return {
      name,
      id: id == null || id === '' ? null : String(id),
      polygons: readPolygons(feature.geometry, scale, `${label}#${index} ${name}`),
    };
  });
}
