// A small lexicon-based sentiment scorer for Chinese comments, good enough to count negative
// comments for spike alerts; not a classifier of record. The rules (see README.md here):
// - The text is folded like the screener folds it (traditional → simplified, full width, case),
//   then read left to right taking the longest lexicon word at each place (no segmenter: the
//   lexicon is small and its longest-match order decides 不错 vs 不 + 错, 好多 vs 好).
// - A sentiment word's value is multiplied by the degree words before it in its clause
//   (非常 ×2, 太 ×1.8, 有点 ×0.7 …). An odd number of negators before it (不, 没, 没有, 并不 …)
//   flips it: 不好 is negative, 不是不好 positive. A negator before a degree word softens the
//   flip (不太好 is mildly negative), a degree word before a negator does not (太不好了).
// - Negators and degree words hold until the next sentiment word or clause break (，。！？; …).
//   "A不A" questions (好不好, 是不是) and phrases like 没想到, 好多, 差不多 are neutral.
// - After a contrast word (但是, 可是, 不过 …) what came before counts half: "还行，但是太贵了".
// - score = tanh(sum / 2) in (-1, 1); a comment is negative at score ≤ NEGATIVE_AT.
// Limits: sarcasm (呵呵 is scored negative, "真是太好了，又坏了" is not caught), rhetorical questions
// (这也叫好？), words whose polarity depends on the domain (便宜, 快), homophone and pinyin slang
// beyond the few listed, and anything not in the lexicon score 0.
import { foldTables, INVISIBLE, SIGNIFICANT } from '../risk/normalize';

export const NEGATIVE_AT = -0.2;

const NEGATIVE: Record<string, number> = {};
const POSITIVE: Record<string, number> = {};
function words(into: Record<string, number>, value: number, list: string) {
  for (const w of list.split(/\s+/).filter(Boolean)) into[w] = value;
}

words(
  NEGATIVE,
  -2,
  '垃圾 辣鸡 骗子 骗人 欺骗 诈骗 欺诈 绝望 恶心 恶劣 无耻 无良 黑心 奸商 假货 假冒 劣质 霸王条款 虚假 虚假宣传 歧视 侮辱 辱骂 中毒 安全隐患 跑路 卷款 抵制 滚 弱智 脑残 烂透 受骗 被骗 耻辱 痛恨 缺斤少两 愤怒 气愤 🤮',
);
words(
  NEGATIVE,
  -1.5,
  '差评 差劲 坑人 骗 忽悠 割韭菜 智商税 失望 糟糕 难用 难吃 讨厌 厌恶 反感 生气 火大 离谱 过分 投诉 举报 维权 拉黑 取关 避雷 踩雷 翻车 崩溃 敷衍 推卸 甩锅 冷漠 傲慢 泄露 泄漏 受伤 伤害 危险 事故 倒闭 呸 傻 蠢 拉胯 拉垮 后悔 上当 心寒 寒心 痛心 糊弄 胡说 造谣 丢人 丢脸 不满 不爽 不值 不值得 不靠谱 不公 不像话 不堪 恶意 可恶 可恨 恨 发霉 变质 异物 不处理 不退 不给退 没人管 没人理 石沉大海 乱收费 误导 恐怖 👎 😡 💩',
);
words(
  NEGATIVE,
  -1,
  '差 烂 坑 难看 难受 难过 糟心 无语 无聊 曝光 山寨 退货 退款 退钱 吐槽 卡顿 闪退 bug 故障 丑 脏 臭 套路 过敏 隐患 呵呵 遗憾 担心 害怕 谣言 失败 不行 不良 不妥 骂 坏 损坏 破损 过期 虫子 不理 不回复 没用 😠 😤',
);
words(NEGATIVE, -0.5, '问题 慢 贵 麻烦 可惜 延迟 迟迟');

words(POSITIVE, 2, '完美 yyds');
words(
  POSITIVE,
  1.5,
  '棒 赞 点赞 好评 满意 喜欢 爱 热爱 优秀 惊艳 惊喜 开心 高兴 快乐 感动 靠谱 给力 良心 好用 好吃 好看 漂亮 贴心 信赖 厉害 牛 好样的 精彩 物美价廉 性价比高 暖心 无敌 👍 ❤ 💯 🥰',
);
words(
  POSITIVE,
  1,
  '好 不错 五星 支持 推荐 感谢 谢谢 感恩 专业 实惠 划算 值得 美 舒服 舒适 方便 周到 及时 耐心 负责 放心 信任 加油 期待 有用 实用 顺利 成功 流畅 高效 回购 必买 种草 圈粉 心动 可爱 温暖 没问题 没毛病 友好 😊 😄 🎉 👏',
);
words(POSITIVE, 0.5, '好的 安全 清晰 稳定 迅速 哈哈 笑死');

const NEGATORS = new Set('不 没 没有 无 非 未 别 莫 勿 不是 并不 并没有 并非 毫不 毫无 绝不 从不 从没 从未 不再 不会 不能 不要 不用 不够'.split(' '));
const DEGREE: Record<string, number> = {
  非常: 2,
  极其: 2.2,
  极: 2,
  超级: 2,
  巨: 2,
  最: 2,
  十分: 1.8,
  太: 1.8,
  特别: 1.8,
  超: 1.8,
  贼: 1.8,
  相当: 1.6,
  很: 1.5,
  越来越: 1.5,
  真: 1.4,
  真的: 1.4,
  挺: 1.3,
  更: 1.3,
  比较: 1.2,
  有点: 0.7,
  有些: 0.7,
  稍微: 0.6,
  略: 0.6,
};
const CONTRAST = new Set(['但', '但是', '可是', '然而', '不过', '只是', '却']);
/** Phrases made of lexicon characters that carry no sentiment of their own. */
const NEUTRAL = new Set(
  '好像 好多 好几 好些 好久 好奇 好不容易 只好 正好 刚好 恰好 爱好 差不多 差点 没想到 不得不 不管 无论 不仅 不但 不只 别人 别的 未来 是非 非得 不一定 不知道 不然 要不 不如 无法 无限 无所谓 特别是'.split(
    ' ',
  ),
);
const BREAKS = new Set([...'，。！？；、,.!?;:：\n\r\t ~～…'].map((c) => c.charCodeAt(0)));

/**
 * The screener's folding (traditional → simplified, width, case, look-alikes) for letters and
 * ideographs; zero-width characters dropped; punctuation and symbols kept, they end clauses.
 */
function fold(text: string): string {
  const { fold: map, kind } = foldTables();
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const k = kind[c];
    // Both halves of a surrogate pair are kept: the screener counts the low half as invisible, but
    // here an emoji is a word (👍 and 👎 share their high half).
    if (c >= 0xd800 && c <= 0xdfff) out += text[i];
    else if (k === SIGNIFICANT) out += String.fromCharCode(map[c]);
    else if (k !== INVISIBLE) out += text[i];
  }
  return out;
}

type Token = { kind: 'sent'; value: number } | { kind: 'neg' } | { kind: 'deg'; value: number } | { kind: 'contrast' } | { kind: 'neutral' };
const LEXICON = new Map<string, Token>();
// Keys are folded like the text, so 'yyds' and 'bug' meet the text's look-alike folding.
const put = (w: string, tok: Token) => LEXICON.set(fold(w), tok);
for (const w of NEUTRAL) put(w, { kind: 'neutral' });
for (const w of NEGATORS) put(w, { kind: 'neg' });
for (const [w, v] of Object.entries(DEGREE)) put(w, { kind: 'deg', value: v });
for (const w of CONTRAST) put(w, { kind: 'contrast' });
// Sentiment words last: 不满, 不错, 没问题 … are words of their own, not negator + word.
for (const [w, v] of Object.entries({ ...NEGATIVE, ...POSITIVE })) put(w, { kind: 'sent', value: v });
const MAX_LEN = Math.max(...[...LEXICON.keys()].map((w) => w.length));

export interface SentimentResult {
  /** tanh(sum / 2), rounded to 3 places: below 0 negative, above 0 positive. */
  score: number;
  negative: boolean;
  /** The sentiment words found, with the value each contributed. */
  words: { word: string; value: number }[];
}

function longest(text: string, i: number): [string, Token] | null {
  for (let len = Math.min(MAX_LEN, text.length - i); len > 0; len--) {
    const w = text.slice(i, i + len);
    const tok = LEXICON.get(w);
    if (tok) return [w, tok];
  }
  return null;
}

export function scoreSentiment(input: string): SentimentResult {
  const text = fold(input);
  const found: { word: string; value: number }[] = [];
  let sum = 0;
  let neg = 0;
  let deg = 1;
  let negBeforeDeg = false;
  const reset = () => {
    neg = 0;
    deg = 1;
    negBeforeDeg = false;
  };
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    if (BREAKS.has(c)) {
      reset();
      i++;
      continue;
    }
    // "A不A" / "A没A" is a question (好不好, 是不是, 有没有), not a negation.
    if (i + 2 < text.length && text[i] === text[i + 2] && (text[i + 1] === '不' || text[i + 1] === '没')) {
      i += 3;
      continue;
    }
    const m = longest(text, i);
    if (!m) {
      i++;
      continue;
    }
    const [w, tok] = m;
    i += w.length;
    switch (tok.kind) {
      case 'neutral':
        break;
      case 'contrast':
        sum *= 0.5;
        reset();
        break;
      case 'neg':
        neg++;
        break;
      case 'deg':
        if (neg % 2 === 1) negBeforeDeg = true;
        deg *= tok.value;
        break;
      case 'sent': {
        // 好 right before another sentiment word is a degree word: 好难用, 好开心.
        const next = w === '好' ? longest(text, i) : null;
        if (next && next[1].kind === 'sent') {
          deg *= 1.5;
          break;
        }
        let v = tok.value * deg;
        if (neg % 2 === 1) v = negBeforeDeg ? -v * 0.3 : -v * 0.8;
        found.push({ word: w, value: Math.round(v * 1000) / 1000 });
        sum += v;
        reset();
        break;
      }
    }
  }
  const score = Math.round(Math.tanh(sum / 2) * 1000) / 1000;
  return { score, negative: score <= NEGATIVE_AT, words: found };
}
