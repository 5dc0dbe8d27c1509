// English names for the region catalogue (the name_en column of regions.tsv).
//
// A name is built as  base [ethnic groups] [suffix]:
//   - the Chinese administrative ending (市, 区, 县, 旗, 自治州, 经济技术开发区 …) is taken
//     off and appended in English ("District", "County", "Autonomous Prefecture" …);
//   - the ethnic groups of autonomous units are taken off next and named in English, in
//     their Chinese order ("Shuangjiang Lahu Va Blang Dai Autonomous County");
//   - the remaining base is written in Hanyu Pinyin without tones, syllables joined, first
//     letter capitalised, with an apostrophe before a non-initial syllable starting with
//     a, o or e (Xi'an, Lu'an, Dong'e). Pinyin comes from pinyin-pro (its word dictionary
//     settles most polyphones); PINYIN_OVERRIDES fixes the place names it reads wrongly,
//     and CONVENTIONAL holds the few names whose usual English is not pinyin (Hohhot).
// Provinces use a fixed table; the pseudo-cities of GB/T 2260 (市辖区, 省直辖县级行政区划 …)
// are described as groups ("Beijing municipal districts"). Statistical zones (development
// zones, new areas, management areas) are read as words: place names known to the
// catalogue, a few descriptive terms, and pinyin for the rest.
//
// Pure function of the catalogue and the pinned pinyin-pro: no clock, no randomness.

import { pinyin } from 'pinyin-pro';
import { ROOT_CODE } from './catalogue.mjs';

export const ROOT_NAME_EN = 'China';

// The usual English names of the 31 provincial units, without "Province" and the like.
export const PROVINCES = {
  110000: 'Beijing', 120000: 'Tianjin', 130000: 'Hebei', 140000: 'Shanxi', 150000: 'Inner Mongolia',
  210000: 'Liaoning', 220000: 'Jilin', 230000: 'Heilongjiang',
  310000: 'Shanghai', 320000: 'Jiangsu', 330000: 'Zhejiang', 340000: 'Anhui', 350000: 'Fujian',
  360000: 'Jiangxi', 370000: 'Shandong',
  410000: 'Henan', 420000: 'Hubei', 430000: 'Hunan', 440000: 'Guangdong', 450000: 'Guangxi', 460000: 'Hainan',
  500000: 'Chongqing', 510000: 'Sichuan', 520000: 'Guizhou', 530000: 'Yunnan', 540000: 'Tibet',
  610000: 'Shaanxi', 620000: 'Gansu', 630000: 'Qinghai', 640000: 'Ningxia', 650000: 'Xinjiang',
};

// Pseudo-city source names (catalogue.mjs PSEUDO_CITY_NAMES) -> English after the
// province's name. They group counties; they are not places.
export const PSEUDO_CITIES = {
  市辖区: 'municipal districts',
  县: 'counties',
  省直辖县级行政区划: 'county-level divisions',
  自治区直辖县级行政区划: 'county-level divisions',
};

// Place names pinyin-pro reads wrongly (checked against the reading used for the place).
// Chinese -> syllables. Applied to any part of a base, longest key first; the build warns
// about entries that no longer match anything.
export const PINYIN_OVERRIDES = {
  大埔: 'da bu', // 大埔县 (Guangdong)
  乐清: 'yue qing', // 乐清市 (Zhejiang)
  乐亭: 'lao ting', // 乐亭县 (Hebei)
  洪洞: 'hong tong', // 洪洞县 (Shanxi)
  涡阳: 'guo yang', // 涡阳县 (Anhui)
  歙: 'she', // 歙县 (Anhui)
  黄陂: 'huang pi', // 黄陂区 (Wuhan)
  蔚: 'yu', // 蔚县 (Hebei)
  单: 'shan', // 单县 (Shandong)
  尉犁: 'yu li', // 尉犁县 (Xinjiang)
  泌阳: 'bi yang', // 泌阳县 (Henan)
  浚: 'xun', // 浚县 (Henan)
  吴堡: 'wu bu', // 吴堡县 (Shaanxi)
  调兵山: 'diao bing shan', // 调兵山市 (Liaoning)
  都: 'du', // 成都, 都匀, 郫都, 丰都, 乐都 …: 都 in a place name is always du
  柏林: 'bai lin', // 万柏林区 (Taiyuan)
  珲春: 'hun chun', // 珲春市 (Jilin)
  大城: 'da cheng', // 大城县 (Hebei)
  民乐: 'min le', // 民乐县 (Gansu)
  曾都: 'zeng du', // 曾都区 (Suizhou)
  蚌: 'beng', // 蚌埠市, 蚌山区 (Anhui)
  什: 'shi', // 什邡市, 乌什县, 阿图什市, 康巴什区, 克什克腾旗, 塔什库尔干
  六合: 'lu he', // 六合区 (Nanjing)
  牟定: 'mou ding', // 牟定县 (Yunnan)
  繁峙: 'fan shi', // 繁峙县 (Shanxi)
  穆棱: 'mu ling', // 穆棱市 (Heilongjiang)
  筠连: 'jun lian', // 筠连县 (Sichuan)
  红寺堡: 'hong si bu', // 红寺堡区 (Ningxia)
  闵行: 'min hang', // 闵行区 (Shanghai)
};

// Bases whose usual English is not their pinyin: well-known conventional forms of names
// from Mongolian, Uyghur, Tibetan and Manchu. Deliberately short; the rest is pinyin.
// Chinese -> [English, provinces (two-digit code prefixes) where it applies]: 兴安 is
// Hinggan League in Inner Mongolia but 兴安区 (Heilongjiang) and 兴安县 (Guangxi) are Xing'an.
export const CONVENTIONAL = {
  呼和浩特: ['Hohhot', '15'],
  巴彦淖尔: ['Bayannur', '15'],
  鄂尔多斯: ['Ordos', '15'],
  呼伦贝尔: ['Hulunbuir', '15'],
  乌兰察布: ['Ulanqab', '15'],
  锡林郭勒: ['Xilingol', '15'],
  阿拉善: ['Alxa', '15'],
  兴安: ['Hinggan', '15'],
  海拉尔: ['Hailar', '15'],
  二连浩特: ['Erenhot', '15'],
  锡林浩特: ['Xilinhot', '15'],
  乌兰浩特: ['Ulanhot', '15'],
  哈尔滨: ['Harbin', '23'],
  齐齐哈尔: ['Qiqihar', '23'],
  乌鲁木齐: ['Urumqi', '65'],
  克拉玛依: ['Karamay', '65'],
  吐鲁番: ['Turpan', '65'],
  阿克苏: ['Aksu', '65'],
  喀什: ['Kashgar', '65'],
  和田: ['Hotan', '65'],
  伊犁: ['Ili', '65'],
  阿勒泰: ['Altay', '65'],
  博尔塔拉: ['Bortala', '65'],
  巴音郭楞: ['Bayingolin', '65'],
  克孜勒苏: ['Kizilsu', '65'],
  库尔勒: ['Korla', '65'],
  拉萨: ['Lhasa', '54'],
  日喀则: ['Shigatse', '54'],
  昌都: ['Qamdo', '54'],
  林芝: ['Nyingchi', '54'],
  那曲: ['Nagqu', '54'],
  阿里: ['Ngari', '54'],
  果洛: ['Golog', '63'],
  格尔木: ['Golmud', '63 54'],
};

// Ethnic groups in the names of autonomous units. Written with 族 in most names; some
// names leave it out (维吾尔自治区, 哈萨克自治州, 锡伯自治县, 鄂伦春自治旗), which is accepted
// for stems of two or more characters in autonomous names.
export const ETHNIC_GROUPS = {
  蒙古: 'Mongol', 回: 'Hui', 藏: 'Tibetan', 维吾尔: 'Uyghur', 苗: 'Miao', 彝: 'Yi', 壮: 'Zhuang',
  布依: 'Bouyei', 朝鲜: 'Korean', 满: 'Manchu', 侗: 'Dong', 瑶: 'Yao', 白: 'Bai', 土家: 'Tujia',
  哈尼: 'Hani', 哈萨克: 'Kazakh', 傣: 'Dai', 黎: 'Li', 傈僳: 'Lisu', 佤: 'Va', 畲: 'She',
  高山: 'Gaoshan', 拉祜: 'Lahu', 水: 'Sui', 东乡: 'Dongxiang', 纳西: 'Naxi', 景颇: 'Jingpo',
  柯尔克孜: 'Kyrgyz', 土: 'Tu', 达斡尔: 'Daur', 仫佬: 'Mulao', 羌: 'Qiang', 布朗: 'Blang',
  撒拉: 'Salar', 毛南: 'Maonan', 仡佬: 'Gelao', 锡伯: 'Xibe', 阿昌: 'Achang', 普米: 'Pumi',
  塔吉克: 'Tajik', 怒: 'Nu', 乌孜别克: 'Uzbek', 俄罗斯: 'Russian', 鄂温克: 'Evenki',
  德昂: "De'ang", 保安: 'Bonan', 裕固: 'Yugur', 京: 'Gin', 塔塔尔: 'Tatar', 独龙: 'Derung',
  鄂伦春: 'Oroqen', 赫哲: 'Hezhen', 门巴: 'Monba', 珞巴: 'Lhoba', 基诺: 'Jino', 各: 'Multi-ethnic',
};

// Endings by tier, Chinese -> English. The longest ending that leaves a base of at least
// minBase characters wins (so 清新区 is 清新 + 区, not 清 + 新区). `autonomous` endings are
// preceded by ethnic groups; `zone` endings mark statistical zones and new areas, whose
// base is read word by word.
export const CITY_ENDINGS = [
  { zh: '自治州', en: 'Autonomous Prefecture', autonomous: true },
  { zh: '地区', en: 'Prefecture' },
  { zh: '盟', en: 'League' },
  { zh: '市', en: '' },
];

export const COUNTY_ENDINGS = [
  { zh: '自治县', en: 'Autonomous County', autonomous: true },
  { zh: '自治旗', en: 'Autonomous Banner', autonomous: true },
  // 林区 is an ending only for a forestry district (神农架林区); in 万柏林区 and 碑林区 the 林
  // belongs to the name.
  { zh: '林区', en: 'Forestry District', minBase: 3 },
  { zh: '特区', en: 'Special District' },
  { zh: '矿区', en: 'Mining District' }, // 白云鄂博矿区; the district named 矿区 alone is Kuang District
  { zh: '区', en: 'District' },
  { zh: '县', en: 'County' },
  { zh: '市', en: 'City' },
  // Banners of Inner Mongolia: the positional part is translated.
  { zh: '左翼前旗', en: 'Left Front Banner' },
  { zh: '左翼中旗', en: 'Left Middle Banner' },
  { zh: '左翼后旗', en: 'Left Rear Banner' },
  { zh: '右翼前旗', en: 'Right Front Banner' },
  { zh: '右翼中旗', en: 'Right Middle Banner' },
  { zh: '右翼后旗', en: 'Right Rear Banner' },
  { zh: '联合旗', en: 'United Banner' },
  { zh: '左旗', en: 'Left Banner' },
  { zh: '右旗', en: 'Right Banner' },
  { zh: '前旗', en: 'Front Banner' },
  { zh: '中旗', en: 'Middle Banner' },
  { zh: '后旗', en: 'Rear Banner' },
  { zh: '旗', en: 'Banner' },
  // Statistical zones, new areas and other special units.
  { zh: '高新技术产业开发区', en: 'Hi-tech Industrial Development Zone', zone: true },
  { zh: '高技术产业开发区', en: 'Hi-tech Industrial Development Zone', zone: true },
  { zh: '高新技术开发区', en: 'Hi-tech Development Zone', zone: true },
  { zh: '经济技术开发区', en: 'Economic and Technological Development Zone', zone: true },
  { zh: '经济开发区', en: 'Economic Development Zone', zone: true },
  { zh: '开发区', en: 'Development Zone', zone: true },
  { zh: '高新技术产业园区', en: 'Hi-tech Industrial Park', zone: true },
  { zh: '化工园区', en: 'Chemical Industrial Park', zone: true },
  { zh: '工业园区', en: 'Industrial Park', zone: true },
  { zh: '产业园区', en: 'Industrial Park', zone: true },
  { zh: '创意园区', en: 'Creative Park', zone: true },
  { zh: '城乡一体化示范区', en: 'Urban-Rural Integration Demonstration Zone', zone: true },
  { zh: '示范区', en: 'Demonstration Zone', zone: true },
  { zh: '航空港经济综合实验区', en: 'Airport Economy Zone', zone: true },
  { zh: '综合物流产业聚集区', en: 'Integrated Logistics Industry Cluster', zone: true },
  { zh: '食品区', en: 'Food Zone', zone: true },
  { zh: '风景名胜区', en: 'Scenic Area', zone: true },
  { zh: '管理区管委会', en: 'Administrative Zone', zone: true },
  { zh: '管理区', en: 'Administrative Zone', zone: true },
  { zh: '行政委员会', en: 'Administrative Committee', zone: true },
  { zh: '新区', en: 'New Area', zone: true },
  { zh: '新城', en: 'New Town', zone: true },
  { zh: '群岛的岛礁及其海域', en: 'Islands and Waters', zone: true },
  { zh: '群岛', en: 'Islands', zone: true },
];

const WINGS = [['左翼', 'Left Wing'], ['右翼', 'Right Wing']];

export const ENDINGS = { city: CITY_ENDINGS, county: COUNTY_ENDINGS };

// Descriptive words inside statistical-zone names (besides place names and endings).
export const ZONE_TERMS = {
  中国新加坡: 'China-Singapore',
  中新: 'China-Singapore',
  转型综合改革: 'Transformation and Comprehensive Reform',
  文化旅游: 'Cultural Tourism',
  现代: 'Modern',
  循环: 'Circular',
  稀土: 'Rare Earth',
  火炬: 'Torch',
  汽车: 'Automotive',
  藏青: 'Tibet-Qinghai',
  东营港: 'Dongying Port',
};

// pinyin-pro options: no tone marks, one string per character, ü kept as ü (吕梁 Lüliang,
// as Hanyu Pinyin writes it after l and n), so the result is ASCII apart from ü.
export const PINYIN_OPTIONS = { toneType: 'none', type: 'array', v: false };

const PRINTABLE = /^[A-Za-zü0-9 '()-]+$/;
const HAN = /\p{Script=Han}/u;

// Walks a string taking the longest of `keys` at each position (longest first, then in code
// order); the text between keys is handed over in runs. Returns what the two callbacks give.
function tokens(text, keys, onKey, onRun) {
  const sorted = [...keys].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  const out = [];
  let run = '';
  const flush = () => {
    if (run) out.push(...onRun(run));
    run = '';
  };
  for (let i = 0; i < text.length;) {
    const key = sorted.find((k) => text.startsWith(k, i));
    if (key) {
      flush();
      out.push(...onKey(key));
      i += key.length;
    } else {
      run += text[i];
      i += 1;
    }
  }
  flush();
  return out;
}

// Syllables of a Chinese string: overrides first (longest key at each position), the rest
// through pinyin-pro in runs so its word dictionary sees the context.
function syllables(text, used) {
  return tokens(text, Object.keys(PINYIN_OVERRIDES), (key) => {
    used.add(key);
    return PINYIN_OVERRIDES[key].split(' ');
  }, (run) => pinyin(run, PINYIN_OPTIONS));
}

// One word from syllables: joined, apostrophe before a non-initial a/o/e syllable,
// first letter capitalised.
function word(parts) {
  const joined = parts.map((s, i) => (i > 0 && /^[aoe]/.test(s) ? `'${s}` : s)).join('');
  return joined.charAt(0).toUpperCase() + joined.slice(1);
}

// Takes the longest matching ending off a name; null if none matches.
function splitEnding(name, endings) {
  let best = null;
  for (const e of endings) {
    if (!name.endsWith(e.zh)) continue;
    const base = name.slice(0, name.length - e.zh.length);
    if (base.length < (e.minBase ?? (e.autonomous ? 0 : e.zh.length > 1 ? 2 : 1))) continue;
    if (!best || e.zh.length > best.ending.zh.length) best = { base, ending: e };
  }
  return best;
}

// Strips ethnic groups off the end of a base: returns { base, groups: [english] }.
function splitGroups(base, autonomous) {
  const groups = [];
  const stems = Object.keys(ETHNIC_GROUPS).sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  for (;;) {
    const stem = stems.find((s) => base.endsWith(`${s}族`) || (autonomous && s.length >= 2 && base.endsWith(s)));
    if (!stem) break;
    base = base.slice(0, base.length - stem.length - (base.endsWith(`${stem}族`) ? 1 : 0));
    groups.unshift(ETHNIC_GROUPS[stem]);
  }
  return { base, groups };
}

// English names for every region. Returns { names: Map(code -> name), overrideHits and
// conventionalHits (Map(key -> [codes])), fallbacks, duplicates }. Throws if a name is empty
// or not printable ASCII apart from ü (a Han character left in it).
export function englishNames(regions) {
  // Which regions each override and conventional name was applied to (a zone name that
  // reuses its city's English counts under the city only).
  const overrideHits = new Map(Object.keys(PINYIN_OVERRIDES).map((k) => [k, []]));
  const conventionalHits = new Map(Object.keys(CONVENTIONAL).map((k) => [k, []]));
  let current = null; // code of the region being named
  const hit = (map, key) => {
    const list = map.get(key);
    if (list[list.length - 1] !== current) list.push(current);
  };
  const fallbacks = [];
  const names = new Map();

  // Base of a city or province, as it appears inside zone names (唐山, 唐山市, 河北, 河北省).
  const places = new Map();
  const cityTier = (code) => code.endsWith('00') && !code.endsWith('0000');

  const baseWord = (base) => {
    const conventional = CONVENTIONAL[base];
    if (conventional && conventional[1].split(' ').includes(current.slice(0, 2))) {
      hit(conventionalHits, base);
      return conventional[0];
    }
    const used = new Set();
    const result = word(syllables(base, used));
    for (const k of used) hit(overrideHits, k);
    return result;
  };

  // A zone's base read as words: longest known place or term at each position, pinyin
  // for the runs in between.
  const zoneWords = (base) => {
    const dict = new Map([...places, ...Object.entries(ZONE_TERMS)]);
    for (const k of Object.keys(CONVENTIONAL)) if (!dict.has(k)) dict.set(k, null);
    return tokens(base, dict.keys(), (key) => [dict.get(key) ?? baseWord(key)], (run) => [baseWord(run)]);
  };

  const compose = (r) => {
    current = r.code;
    const endings = cityTier(r.code) ? CITY_ENDINGS : COUNTY_ENDINGS;
    const split = splitEnding(r.name, endings);
    if (!split) {
      fallbacks.push(`${r.code} ${r.name}`);
      return baseWord(r.name);
    }
    const { base: rest, groups } = splitGroups(split.base, !!split.ending.autonomous);
    // 喀喇沁左翼蒙古族自治县: the banner's wing comes before the ethnic group.
    const wing = groups.length && WINGS.find(([zh]) => rest.endsWith(zh) && rest.length > zh.length);
    const base = wing ? rest.slice(0, -wing[0].length) : rest;
    const words = !base ? [] : split.ending.zone ? zoneWords(base) : [baseWord(base)];
    return [...words, ...(wing ? [wing[1]] : []), ...groups, split.ending.en].filter(Boolean).join(' ');
  };

  const sorted = [...regions.keys()].sort();
  // Provinces first, then cities, so zone names can use their English as words.
  for (const code of sorted) {
    const r = regions.get(code);
    if (code === ROOT_CODE) names.set(code, ROOT_NAME_EN);
    else if (r.tier === 'province') {
      if (!PROVINCES[code]) throw new Error(`no English name for province ${code} ${r.name}`);
      names.set(code, PROVINCES[code]);
      places.set(r.name, PROVINCES[code]);
      places.set(r.name.replace(/(壮族|回族|维吾尔)?自治区$|省$|市$/, ''), PROVINCES[code]);
    }
  }
  for (const code of sorted) {
    const r = regions.get(code);
    if (r.tier !== 'city') continue;
    if (r.pseudo) {
      const what = PSEUDO_CITIES[r.sourceName];
      if (!what) throw new Error(`no English description for pseudo-city ${code} ${r.sourceName}`);
      names.set(code, `${names.get(r.parent)} ${what}`);
      continue;
    }
    names.set(code, compose(r));
    // Prefecture-level cities (市) are used as words inside zone names.
    if (r.name.endsWith('市')) {
      places.set(r.name, names.get(code));
      places.set(r.name.slice(0, -1), names.get(code));
    }
  }
  for (const code of sorted) {
    const r = regions.get(code);
    if (r.tier === 'county') names.set(code, compose(r));
  }

  const bad = [...names].filter(([, n]) => !n || HAN.test(n) || !PRINTABLE.test(n));
  if (bad.length) {
    throw new Error(`English names empty or not printable ASCII (ü apart):\n${bad.map(([c, n]) => `  ${c} ${regions.get(c).name} -> "${n}"`).join('\n')}`);
  }

  // Siblings sharing an English name: allowed, but listed for review.
  const duplicates = [];
  for (const code of sorted) {
    const kids = regions.get(code).children;
    const byName = new Map();
    for (const k of kids) {
      const n = names.get(k);
      if (!byName.has(n)) byName.set(n, []);
      byName.get(n).push(k);
    }
    for (const [n, list] of byName) {
      if (list.length > 1) duplicates.push({ parent: code, name: n, regions: list.map((k) => ({ code: k, name: regions.get(k).name })) });
    }
  }

  return {
    names,
    overrideHits,
    conventionalHits,
    fallbacks,
    duplicates,
  };
}

// pinyin-pro's own reading of a string, without overrides (for the provenance record).
export function libraryReading(text) {
  return pinyin(text, PINYIN_OPTIONS).join(' ');
}

// Entries of the tables that matched nothing: stale after a source or catalogue update.
export function unusedEntries(result) {
  const unused = [];
  for (const [k, codes] of result.overrideHits) if (!codes.length) unused.push(`pinyin override ${k} was not used`);
  for (const [k, codes] of result.conventionalHits) if (!codes.length) unused.push(`conventional name ${k} was not used`);
  return unused;
}
