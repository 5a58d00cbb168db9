// Chinese segmentation with @node-rs/jieba: one segmenter per process, loaded on first use
// (about 0.2 s for jieba's dictionary), with the product dictionary words.txt added so brand and
// slang words (绝绝子, 拉胯, 踩雷, 12315, 小红书 …) stay whole.
import { readFileSync } from 'node:fs';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

let jieba: Jieba | undefined;

/** The shared segmenter (jieba's dictionary plus words.txt). */
export function segmenter(): Jieba {
  if (jieba) return jieba;
  const words = readFileSync(new URL('./words.txt', import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .join('\n');
  jieba = Jieba.withDict(dict);
  jieba.loadDict(Buffer.from(words));
  return jieba;
}

/** A token that is a word: it has a letter, digit, ideograph or emoji, not only spaces and punctuation. */
const WORDLIKE = /[\p{L}\p{N}\p{Extended_Pictographic}]/u;

/**
 * The words of a text in order, spaces and punctuation left out. The text is segmented as given;
 * `analyse` in index.ts folds it first (traditional → simplified, width, evasive spacing).
 */
export function segment(text: string): string[] {
  if (!text) return [];
  return segmenter()
    .cut(text, true)
    .filter((t) => WORDLIKE.test(t));
}
