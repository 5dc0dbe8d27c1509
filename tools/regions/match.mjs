// Matches source features to catalogue regions by Chinese name within one parent.
//
// Source maps and the catalogue are from different years: 县 became 区, 地区 became 市,
// a few units were renamed or merged. Matching therefore runs in passes from strict to
// loose, and each pass only accepts pairs that are unique both ways among what is still
// unmatched, so a loose rule can never steal a feature that belongs to a sibling.

// Administrative suffixes, longest first so 自治县 is removed before 县.
const SUFFIXES = [
  '特别行政区', '自治区', '自治州', '自治县', '自治旗', '林区', '特区', '新区', '矿区', '地区',
  '省', '市', '县', '区', '旗', '盟',
];

// Ethnic names that appear in autonomous-unit names, with or without 族.
const ETHNIC = [
  '蒙古', '藏', '回', '维吾尔', '苗', '彝', '壮', '布依', '朝鲜', '满', '侗', '瑶', '白',
  '土家', '哈尼', '哈萨克', '傣', '黎', '傈僳', '佤', '畲', '高山', '拉祜', '水', '东乡',
  '纳西', '景颇', '柯尔克孜', '土', '达斡尔', '仫佬', '羌', '布朗', '撒拉', '毛南', '仡佬',
  '锡伯', '阿昌', '普米', '塔吉克', '怒', '乌孜别克', '俄罗斯', '鄂温克', '德昂', '保安',
  '裕固', '京', '塔塔尔', '独龙', '鄂伦春', '赫哲', '门巴', '珞巴', '基诺', '各',
].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));

// Traditional characters seen in some source names, mapped to the catalogue's simplified forms.
const TRADITIONAL = { 臺: '台', 縣: '县', 蓮: '莲', 義: '义', 門: '门', 連: '连', 東: '东', 蘭: '兰', 雲: '云', 園: '园' };

export function simplifyChars(name) {
  return [...name].map((c) => TRADITIONAL[c] || c).join('');
}

// Core of a name: suffixes and ethnic qualifiers removed, never below two characters,
// so 赣县区 and 赣县 meet at 赣县 while 城区 stays 城区.
export function coreName(name) {
  let s = simplifyChars(name.trim());
  for (let changed = true; changed; ) {
    changed = false;
    for (const suffix of SUFFIXES) {
      if (s.endsWith(suffix) && s.length - suffix.length >= 2) {
        const wasAutonomous = suffix.startsWith('自治');
        s = s.slice(0, -suffix.length);
        if (wasAutonomous) s = stripEthnic(s);
        changed = true;
        break;
      }
    }
  }
  return s;
}

// Removes trailing ethnic qualifiers (e.g. 土家族苗族) left after 自治州/自治县.
function stripEthnic(s) {
  for (let changed = true; changed; ) {
    changed = false;
    for (const e of ETHNIC) {
      for (const form of [`${e}族`, e]) {
        if (s.endsWith(form) && s.length - form.length >= 2) {
          s = s.slice(0, -form.length);
          changed = true;
          break;
        }
      }
      if (changed) break;
    }
  }
  return s;
}

// Character and bigram overlap of two core names; only used to suggest the closest
// name in reports, never to match.
function similarity(a, b) {
  const grams = (s) => {
    const out = new Set(s);
    for (let i = 0; i < s.length - 1; i++) out.add(s.slice(i, i + 2));
    return out;
  };
  const ga = grams(a);
  const gb = grams(b);
  let common = 0;
  for (const g of ga) if (gb.has(g)) common++;
  return (2 * common) / (ga.size + gb.size || 1);
}

// Best-guess neighbour for a report line, or '' when nothing is similar at all.
export function closestName(name, candidates) {
  let best = '';
  let bestScore = 0;
  for (const c of candidates) {
    const score = similarity(coreName(name), coreName(c));
    if (score > bestScore || (score === bestScore && score > 0 && c < best)) {
      best = c;
      bestScore = score;
    }
  }
  return bestScore > 0 ? best : '';
}

// Pairs targets ({ code, name }) with candidates ({ name, id? }).
// `aliases` maps a target code to source names it is known under (renames).
// Candidates indexed in `taken` are never matched.
// Returns { pairs: Map(code -> candidate index), how: Map(code -> pass name) }.
export function matchNames(targets, candidates, aliases = {}, taken = new Set()) {
  const pairs = new Map();
  const how = new Map();
  const used = new Set(taken);
  const sameName = (t, c) => {
    const n = simplifyChars(c.name);
    return n === t.name || (aliases[t.code] || []).includes(n) || coreName(n) === coreName(t.name);
  };

  // Pass 0: the source's own code, accepted only when the names agree too: codes of
  // abolished units are reissued (邢台 130502 was 桥东区, is now 襄都区 with another area),
  // so a bare code hit is left to the name passes and the alias table.
  for (const t of targets) {
    const hits = [];
    candidates.forEach((c, i) => {
      if (!used.has(i) && c.id === t.code) hits.push(i);
    });
    if (hits.length !== 1 || !sameName(t, candidates[hits[0]])) continue;
    pairs.set(t.code, hits[0]);
    how.set(t.code, 'code');
    used.add(hits[0]);
  }

  const passes = [
    ['exact', (t) => [simplifyChars(t.name)], (c) => [simplifyChars(c.name)]],
    ['alias', (t) => (aliases[t.code] || []).map(simplifyChars), (c) => [simplifyChars(c.name)]],
    ['core', (t) => [coreName(t.name)], (c) => [coreName(c.name)]],
  ];
  for (const [pass, targetKeys, candidateKeys] of passes) {
    const byKey = new Map();
    candidates.forEach((c, i) => {
      if (used.has(i)) return;
      for (const k of new Set(candidateKeys(c))) {
        if (!byKey.has(k)) byKey.set(k, []);
        byKey.get(k).push(i);
      }
    });
    const wanted = new Map(); // candidate index -> number of targets wanting it
    const proposals = [];
    for (const t of targets) {
      if (pairs.has(t.code)) continue;
      const hits = new Set();
      for (const k of targetKeys(t)) for (const i of byKey.get(k) || []) hits.add(i);
      if (hits.size !== 1) continue;
      const [i] = hits;
      proposals.push([t.code, i]);
      wanted.set(i, (wanted.get(i) || 0) + 1);
    }
    for (const [code, i] of proposals) {
      if (wanted.get(i) !== 1) continue; // two targets claim one feature: leave both
      pairs.set(code, i);
      how.set(code, pass);
      used.add(i);
    }
  }
  return { pairs, how };
}
