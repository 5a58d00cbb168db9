// The sentiment model's features, shared by the classifier (sentiment.ts) and the training
// script (scripts/train-sentiment.ts) so both read a text the same way: character 1- to 3-grams
// of the folded text, with the text's start and end as characters of their own (^ and $) and
// punctuation reduced to a few marks (, . ! ? and space; a run counts once). Each n-gram is
// hashed into a fixed number of buckets, so nothing is allocated per n-gram and the model is a
// flat array of weights. Bigrams and trigrams carry negation and degree (不好, 不错, 并不差,
// 不太好); the unigrams of the two characters after a negator are features of their own, so
// 差 in 并不差 does not count as the 差 of 质量差. Beside the n-grams, the jieba words of the text
// (segment.ts) are features too, a word right after a negating word (不, 没有, 并不 …) a feature
// of its own.

export const BUCKET_BITS = 21;

/**
 * The value of each feature occurrence in a text with `count` features: 1 / log2(2 + count), so a
 * long review's sum grows with its length but slower than its count (1 / √count let the content
 * words of a long book review drown its verdict; measured in the README).
 */
export const featureValue = (count: number): number => 1 / Math.log2(2 + count);
const MASK = (1 << BUCKET_BITS) - 1;
const START = 0x5e; // ^
const END = 0x24; // $

/** Punctuation folded to the five marks; everything else is itself. */
function mark(c: number): number {
  switch (c) {
    case 0x2c: // ,
    case 0x3b: // ;
    case 0x3a: // :
    case 0x3001: // 、
    case 0xff0c: // ，
      return 0x2c;
    case 0x2e: // .
    case 0x3002: // 。
    case 0x2026: // …
      return 0x2e;
    case 0x21: // !
    case 0xff01:
      return 0x21;
    case 0x3f: // ?
    case 0xff1f:
      return 0x3f;
    case 0x20:
    case 0x09:
    case 0x0a:
    case 0x0d:
    case 0x3000:
      return 0x20;
    default:
      return c;
  }
}

const chars = new Uint32Array(4096);
const negated = new Uint8Array(4096);
/** 不 没 无 非 别 未: the two characters after one are read as negated (their unigram is another feature). */
const NEGATORS = new Set([...'不没无非别未'].map((c) => c.charCodeAt(0)));

/**
 * Calls `visit` with the bucket of every 1-, 2- and 3-gram of a folded text, read by code point
 * (an emoji is one character); at most 4,094 characters are read.
 */
export function forEachFeature(folded: string, visit: (bucket: number) => void): void {
  let n = 0;
  let scope = 0;
  negated[n] = 0;
  chars[n++] = START;
  for (let i = 0; i < folded.length && n < chars.length - 1; i++) {
    let c = mark(folded.charCodeAt(i));
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < folded.length) {
      const low = folded.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
        i++;
      }
    }
    const isMark = c === 0x2c || c === 0x2e || c === 0x21 || c === 0x3f || c === 0x20;
    if (isMark && c === chars[n - 1]) continue;
    negated[n] = scope > 0 ? 1 : 0;
    chars[n++] = c;
    scope = isMark ? 0 : NEGATORS.has(c) ? 2 : scope - 1;
  }
  negated[n] = 0;
  chars[n++] = END;
  for (let i = 0; i < n; i++) {
    let h = negated[i] ? 0x2f3e5a17 : 0x811c9dc5;
    for (let len = 1; len <= 3 && i + len <= n; len++) {
      h = Math.imul(h ^ chars[i + len - 1], 0x01000193);
      visit(finish(h, len));
    }
  }
}

function finish(h: number, len: number): number {
  let x = Math.imul(h ^ len, 0x9e3779b1);
  x ^= x >>> 15;
  return x & MASK;
}

/** Words that negate the word after them: 不 好, 没有 问题, 并不 差. */
const NEGATING_WORDS = new Set(['不', '没', '没有', '别', '不是', '并不', '无', '未', '不太', '不会', '不够', '不怎么', '毫无', '从不', '不要']);

/** Calls `visit` with the bucket of every word of a text (its jieba words, in order). */
export function forEachWordFeature(words: string[], visit: (bucket: number) => void): void {
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    let h = i > 0 && NEGATING_WORDS.has(words[i - 1]) ? 0x6c8e9cf5 : 0x1b873593;
    for (let k = 0; k < word.length; k++) h = Math.imul(h ^ word.charCodeAt(k), 0x01000193);
    visit(finish(h, 7));
  }
}
