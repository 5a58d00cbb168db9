// Deterministic benchmark data: a dictionary, a Chinese text with planted terms (plain and
// obfuscated) and the ground truth. The obfuscator is written here from the documented rules
// (server/src/modules/risk/README.md), not from the engine's tables, so the engine is checked by
// an independent implementation: traditional forms come from opencc-js (simplified → OpenCC standard traditional),
// Kangxi-radical forms from Unicode NFKC, full-width forms from the U+FF01 block.
import * as OpenCC from 'opencc-js';
import { type Rng, mulberry32 } from './prng';

export type PlantKind = 'plain' | 'obfuscated';
export interface Plant {
  start: number;
  end: number;
  term: string;
  kind: PlantKind;
}
export interface Corpus {
  terms: string[];
  text: string;
  bytes: number;
  plants: Plant[];
  /** Characters of filler text; nothing is planted in a natural sentence break. */
  fillerChars: string[];
}

const PUNCT = [...'，，，。。！？、；：'];
const ASCII_WORDS = ['app', 'vip', 'ok', 'wifi', 'ai', 'go', 'pro', 'max'];
const VISIBLE_JUNK = [' ', '*', '.', '-', '_', '·', '/', '~', '|', '#', '@', '!', '，', '、', '\u3000', '＊', '😀', '🔥', '♥', '★'];
const INVISIBLE_JUNK = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad'];
/** Written in the text instead of the letter or digit (the documented look-alike classes). */
const LOOKALIKE_FOR: Record<string, string[]> = {
  o: ['0', 'O'], l: ['1', 'I', 'i'], i: ['1', 'l', 'I'], s: ['5', 'S'], z: ['2', 'Z'], b: ['8', 'B'],
  '0': ['o', 'O'], '1': ['l', 'I', 'i'], '5': ['s', 'S'], '2': ['z', 'Z'], '8': ['B', 'b'],
};
const MAX_VISIBLE_GAP = 3;

type Convert = (s: string) => string;
function opencc(from: string, to: string): Convert {
  const mod = ((OpenCC as unknown as { default?: unknown }).default ?? OpenCC) as {
    Converter(o: { from: string; to: string }): Convert;
  };
  return mod.Converter({ from, to });
}

/** GB2312 level-1 hanzi (the 3,755 most common simplified characters) that are their own
 * simplified form, so filler and terms are plain simplified Chinese. */
function commonHanzi(): string[] {
  const bytes: number[] = [];
  for (let row = 0xb0; row <= 0xd7; row++) for (let col = 0xa1; col <= 0xfe; col++) if (row < 0xd7 || col <= 0xf9) bytes.push(row, col);
  const t2s = opencc('t', 'cn');
  return [...new TextDecoder('gbk').decode(new Uint8Array(bytes))].filter((c) => t2s(c) === c);
}

/** Look-alike key: two English terms with the same key would be the same term to a screener. */
const lookKey = (t: string) => t.replace(/[0o]/g, 'o').replace(/[1li]/g, 'l').replace(/[5s]/g, 's').replace(/[2z]/g, 'z').replace(/[8b]/g, 'b');

export function makeDictionary(rng: Rng, count: number, hanzi: string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (t: string) => {
    const key = /^[a-z0-9]+$/.test(t) ? lookKey(t) : t;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(t);
  };
  const alnum = 'abcdefghijklmnopqrstuvwxyz0123456789';
  while (out.length < count) {
    const r = rng();
    if (r < 0.05) {
      const len = 3 + Math.floor(rng() * 6);
      let t = String.fromCharCode(97 + Math.floor(rng() * 26));
      while (t.length < len) t += alnum[Math.floor(rng() * alnum.length)];
      add(t);
    } else if (r < 0.15 && out.length > 100) {
      // Nested terms: extend or cut an existing Chinese term (最 / 最佳 / 最佳产品 in real lists).
      const base = out[Math.floor(rng() * out.length)];
      if (/^[a-z0-9]+$/.test(base)) continue;
      const t = rng() < 0.5 && base.length > 2 ? base.slice(0, base.length - 1) : base + hanzi[Math.floor(rng() * hanzi.length)];
      if (t.length >= 2 && t.length <= 6) add(t);
    } else {
      const x = rng();
      const len = x < 0.25 ? 2 : x < 0.5 ? 3 : x < 0.8 ? 4 : x < 0.9 ? 5 : 6;
      let t = '';
      for (let i = 0; i < len; i++) t += hanzi[Math.floor(rng() * hanzi.length)];
      add(t);
    }
  }
  return out;
}

function pick<T>(rng: Rng, xs: readonly T[]): T {
  return xs[Math.floor(rng() * xs.length)];
}

const fullWidth = (c: string) => String.fromCharCode(c.charCodeAt(0) + 0xfee0);

export function makeObfuscator(rng: Rng) {
  const s2t = opencc('cn', 't');
  const kangxi = new Map<string, string>();
  for (let c = 0x2f00; c <= 0x2fd5; c++) {
    const ch = String.fromCharCode(c);
    kangxi.set(ch.normalize('NFKC'), ch);
  }
  const variantOf = (ch: string): string => {
    if (/[a-z]/.test(ch)) {
      const r = rng();
      if (r < 0.3) return ch.toUpperCase();
      if (r < 0.55) return fullWidth(rng() < 0.5 ? ch : ch.toUpperCase());
      if (r < 0.8 && LOOKALIKE_FOR[ch]) return pick(rng, LOOKALIKE_FOR[ch]);
      return ch;
    }
    if (/[0-9]/.test(ch)) {
      const r = rng();
      if (r < 0.35) return fullWidth(ch);
      if (r < 0.7 && LOOKALIKE_FOR[ch]) return pick(rng, LOOKALIKE_FOR[ch]);
      return ch;
    }
    const r = rng();
    const trad = s2t(ch);
    if (r < 0.4 && trad.length === 1 && trad !== ch) return trad;
    if (r < 0.5 && kangxi.has(ch)) return kangxi.get(ch) as string;
    return ch;
  };
  const junk = (): string => {
    const parts: string[] = [];
    const visible = Math.floor(rng() * (MAX_VISIBLE_GAP + 1));
    const invisible = Math.floor(rng() * 3);
    for (let i = 0; i < visible; i++) parts.push(pick(rng, VISIBLE_JUNK));
    for (let i = 0; i < invisible; i++) parts.splice(Math.floor(rng() * (parts.length + 1)), 0, pick(rng, INVISIBLE_JUNK));
    return parts.join('');
  };
  return (term: string): string => {
    const chars = [...term];
    const forms = chars.map(variantOf);
    // Documented rule: a term with a letter, written only in digits, is a number (not a plant).
    const digitLike = (c: string) => /^[0-9]$/.test(c.normalize('NFKC'));
    if (/[a-z]/.test(term) && forms.every(digitLike)) forms[0] = chars[0];
    let out = '';
    for (let i = 0; i < chars.length; i++) {
      out += forms[i];
      if (i < chars.length - 1 && rng() < 0.6) out += junk();
    }
    if (out === term) out = chars[0] + pick(rng, VISIBLE_JUNK) + chars.slice(1).join('');
    return out;
  };
}

/**
 * About `mb` MiB of UTF-8 text: sentences of common hanzi with punctuation, line breaks, a few
 * numbers and ASCII words, and a planted term every ~80 characters (half plain, half obfuscated).
 */
export function makeCorpus(opts: { seed: number; mb: number; terms: number }): Corpus {
  const rng = mulberry32(opts.seed);
  const hanzi = commonHanzi();
  const terms = makeDictionary(rng, opts.terms, hanzi);
  const obfuscate = makeObfuscator(rng);
  const target = Math.round(opts.mb * 1024 * 1024);
  const enc = new TextEncoder();
  const pieces: string[] = [];
  const plants: Plant[] = [];
  let length = 0;
  let bytes = 0;
  const push = (s: string) => {
    pieces.push(s);
    length += s.length;
    bytes += enc.encode(s).length;
  };
  let sinceBreak = 0;
  while (bytes < target) {
    const fillLen = 20 + Math.floor(rng() * 120);
    let fill = '';
    for (let i = 0; i < fillLen; i++) {
      const r = rng();
      if (r < 0.07) fill += pick(rng, PUNCT);
      else if (r < 0.075) fill += String(Math.floor(rng() * 3000));
      else if (r < 0.08) fill += pick(rng, ASCII_WORDS);
      else fill += pick(rng, hanzi);
    }
    sinceBreak += fillLen;
    if (sinceBreak > 400) {
      fill += '。\n';
      sinceBreak = 0;
    }
    push(fill);
    const term = pick(rng, terms);
    const kind: PlantKind = rng() < 0.5 ? 'plain' : 'obfuscated';
    const written = kind === 'plain' ? term : obfuscate(term);
    plants.push({ start: length, end: length + written.length, term, kind });
    push(written);
  }
  return { terms, text: pieces.join(''), bytes, plants, fillerChars: hanzi };
}

/**
 * Every exact (case-sensitive) occurrence of a dictionary term in the text, plants included:
 * what a correct matcher without any folding must report at the least.
 */
export function exactOccurrences(text: string, terms: readonly string[]): { start: number; end: number; term: string }[] {
  const set = new Set(terms);
  const lengths = [...new Set(terms.map((t) => t.length))].sort((a, b) => a - b);
  const bits = new Uint8Array(1 << 22);
  const h = (a: number, b: number) => ((a * 40503) ^ b) & ((1 << 22) - 1);
  for (const t of terms) bits[h(t.charCodeAt(0), t.charCodeAt(1))] = 1;
  const out: { start: number; end: number; term: string }[] = [];
  for (let i = 0; i + 1 < text.length; i++) {
    if (bits[h(text.charCodeAt(i), text.charCodeAt(i + 1))] === 0) continue;
    for (const len of lengths) {
      const s = text.slice(i, i + len);
      if (s.length === len && set.has(s)) out.push({ start: i, end: i + len, term: s });
    }
  }
  return out;
}
