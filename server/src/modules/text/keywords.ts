// Keywords by TF-IDF over jieba's words, with jieba's own IDF table (idf.txt, which jieba built
// from a large general corpus; a word it does not know gets the table's median IDF, as jieba
// does) and a stop list of function words that carry no topic. Computed here over the tokens
// the caller already has, rather than by jieba's extractor, so a text is segmented once.
import { idf as idfFile } from '@node-rs/jieba/dict.js';
import { segment } from './segment';

const STOP_WORDS = new Set(
  `的 了 是 在 我 你 他 她 它 我们 你们 他们 这 那 这个 那个 这些 那些 这样 那样 就是 还是 也是 都是 不是 没有 有 和 与 及 或 或者
  一个 一些 一下 一点 一直 一样 什么 怎么 怎么样 为什么 如何 吗 呢 吧 啊 呀 哦 嗯 哈 啦 嘛 么 就 都 也 还 又 再 很 太 非常 真的 真是 特别
  比较 已经 可以 可能 应该 因为 所以 但是 不过 然后 而且 如果 虽然 自己 大家 现在 时候 今天 知道 觉得 感觉 东西 地方 还有 这么 那么 这种 那种`
    .split(/\s+/)
    .filter(Boolean),
);

let table: { idf: Map<string, number>; median: number } | undefined;

function idfTable() {
  if (table) return table;
  const idf = new Map<string, number>();
  for (const line of Buffer.from(idfFile).toString('utf8').split('\n')) {
    const [word, value] = line.split(' ');
    if (word && value) idf.set(word, Number(value));
  }
  const sorted = [...idf.values()].sort((a, b) => a - b);
  table = { idf, median: sorted[sorted.length >> 1] };
  return table;
}

export interface Keyword {
  word: string;
  /** Term frequency (count / number of words) × IDF. */
  weight: number;
}

/**
 * The `topK` words with the highest TF-IDF weight, highest first (ties: first seen first).
 * Stop words, single characters and numbers are not keywords. `tokens` defaults to the text's
 * segmentation; pass the tokens when you have them.
 */
export function keywords(text: string, topK = 5, tokens = segment(text)): Keyword[] {
  const { idf, median } = idfTable();
  const counts = new Map<string, number>();
  for (const t of tokens) {
    if (t.length < 2 || STOP_WORDS.has(t) || /^\d+$/.test(t)) continue;
    counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  const scored = [...counts].map(([word, n]) => ({ word, weight: (n / tokens.length) * (idf.get(word) ?? median) }));
  return scored.sort((a, b) => b.weight - a.weight).slice(0, topK);
}
