// Default dictionary: Advertising-Law (广告法) absolute terms, category `ad_law`.
//
// Sources
// - 《中华人民共和国广告法》(2015 revision, amended 2018 and 2021) Article 9(3): an advertisement
//   must not "使用'国家级''最高级''最佳'等用语"; Article 57 sets the fine (RMB 200,000 to 1,000,000).
// - SAMR (国家市场监督管理总局)《广告绝对化用语执法指南》, published February/March 2023: absolute
//   terms are "'国家级''最高级''最佳'以及与其含义相同或者近似的其他用语", and the guide lists uses
//   that are not violations (self-comparison within one brand, consumer tips such as 最佳食用期,
//   classes defined by national standards such as 一级/特级, product names and trademarks, true
//   background facts). Reported e.g. at http://www.zhongtouwang.com.cn/caijing/20230320/134361.html
// - The list of 极限用语 circulated to sellers when the revised law took effect (September 2015),
//   e.g. https://hoho.im/2015/09/03/wechat-2015-09-03-012527/ (国家级、世界级、最高级、最佳、最大、
//   第一、唯一、首个、首选、最好、精确、顶级、最高、最低、最具、最便宜、最新、最先进 … 第一(NO.1\Top1)、
//   极致、永久、王牌、掌门人、领袖品牌、独一无二、绝无仅有、前无古人、史无前例、万能 …).
//
// Severity (the gate decides per workspace whether a severity blocks or warns):
//   high   – the statute's own words and their direct equivalents (national/world level, "the best",
//            "number one", "the only", "the lowest price on the whole network"): block by default.
//   medium – other superlatives and absolute claims from the lists above: usually a violation
//            unless the advertiser can prove the claim or a guide exception applies.
//   low    – broad or context-dependent words (the bare 最, 首选, 独家, 领先 …) that the guide says must
//            be judged in context: flag for a human, never block on their own.
// Curated for this product; not a verbatim copy of any list. Terms are matched with the screener's
// evasion-robust folding, so 國家級, ＮＯ．１ and "最 佳" are found without listing them.
import type { ScreenEntry } from '../screener';

const HIGH = [
  '国家级', '最高级', '最佳', '世界级', '国际级', '全球级', '宇宙级', '国家级产品', '顶级',
  '第一', '中国第一', '全国第一', '全球第一', '世界第一', '全网第一', '行业第一', '销量第一',
  '排名第一', '第一品牌', 'NO.1', 'TOP1', '唯一', '独一无二', '全网最低', '全网最低价',
  '史上最低价', '最低价', '绝无仅有', '史无前例', '前无古人', '空前绝后', '无与伦比', '填补国内空白',
  '全国首家', '全球首发', '全国首发', '全网首发', '世界领先', '国际领先', '遥遥领先', '100%',
  '百分之百', '百分百', '极致', '首个', '首家',
];

const MEDIUM = [
  '最好', '最大', '最高', '最低', '最强', '最优', '最优秀', '最具', '最新', '最先进', '最先进科学',
  '最新技术', '最新科学', '最先', '最便宜', '最受欢迎', '最流行', '最时尚', '最赚', '最舒适',
  '最高端', '最奢侈', '最大程度', '史上最', '全网最', '全国最', '全球最', '顶尖', '顶级享受',
  '顶级工艺', '终极', '至尊', '巅峰', '极品', '极佳', '绝佳', '绝对', '完美', '王牌', '冠军',
  '销量冠军', '销冠', '领袖品牌', '领导品牌', '掌门人', '万能', '永久', '无敌', '无人能及',
  '前所未有', '独创', '首创', '首发', '首席', '国宝级', '殿堂级', '天花板', '金牌', '名牌',
];

const LOW = [
  '最', '首选', '独家', '领先', '领跑', '精确', '特级', '超级', '权威', '优秀', '极', '至臻',
  '臻品', '卓越', '稀缺', '绝版', '不可复制', '千万级', '百万级', '星级',
];

function entries(terms: readonly string[], severity: string): ScreenEntry[] {
  return terms.map((term) => ({ term, category: 'ad_law', severity }));
}

/** Advertising-Law absolute terms with a severity each; see the sources above. */
export const AD_LAW_TERMS: readonly ScreenEntry[] = Object.freeze([
  ...entries(HIGH, 'high'),
  ...entries(MEDIUM, 'medium'),
  ...entries(LOW, 'low'),
]);
