// Originality (C2): how much of a draft repeats a past post. Pure module, no database.
//
//   text ──tokens──▶ 5-token shingles ──MinHash (128)──▶ signature ──64 bands × 2──▶ LSH keys
//                                                   (archive lookup: posts sharing a band key)
//   candidates ──exact Jaccard of the shingle sets + common passages──▶ similarity, highlights
//
// Parameters, and why:
// - Tokens: every Han/kana/Hangul character is a token of its own (Chinese has no spaces, and a
//   character n-gram needs no segmenter); any other run of letters/digits is one token (a word).
//   Characters are folded first with the screener's tables (normalize.ts): full-width → ASCII,
//   lower case, traditional → simplified, look-alikes, so 國家級 and 国家级, ＡＢＣ and abc count
//   as the same text; punctuation, spaces, emoji and invisible characters are dropped, so
//   re-punctuating a copied text does not hide it.
// - SHINGLE = 5 tokens: five Chinese characters are about three words, long enough that two
//   unrelated articles on the same subject share few of them (Jaccard ≈ 0.01–0.05), short
//   enough that editing one sentence in ten keeps most of them (a 10% edit keeps ≈ 0.75).
//   For Latin text 5 words is Broder's classic w-shingle.
// - PERMUTATIONS = 128 MinHash values: the estimate's standard error is √(J(1−J)/128) ≤ 0.044,
//   enough to rank candidates; the reported similarity is always the exact Jaccard, recomputed.
//   Each value is fmix32(shingle ⊕ seed): murmur3's finaliser is a bijection of 32-bit words,
//   so every seed gives a permutation; one multiply-xorshift chain per value, no crypto hash.
// - LSH: BANDS = 64 bands of ROWS = 2 values. A past post becomes a candidate when one band
//   agrees in full: P = 1 − (1 − J²)^64, so P ≈ 0.998 at J = 0.3 (the lowest threshold a
//   workspace may set), 0.9999+ at J ≥ 0.4, and ≈ 0.47 at J = 0.1, ≈ 0.006 at J = 0.01 (an
//   unrelated post) — few false candidates, and they are scored away anyway.
// - MIN_TOKENS = 20: below that (a title, "正文") any match is chance; the check says "too short".
// - MIN_PASSAGE = 8 tokens: a highlighted passage is at least 8 characters / words, so common
//   phrases (的时候我们, "in order to") are not highlighted as copying.
// Changing any of these changes stored signatures: bump SCHEME and the archive re-indexes.
import { foldTables, INVISIBLE, SIGNIFICANT } from './normalize';

export const SHINGLE = 5;
export const PERMUTATIONS = 128;
export const BANDS = 64;
export const ROWS = PERMUTATIONS / BANDS;
export const MIN_TOKENS = 20;
export const MIN_PASSAGE = 8;
/** Version of the signature scheme above; rows of another scheme are re-indexed. */
export const SCHEME = 1;
/** Positions remembered per 5-token gram of the old text: bounds the work on repetitive text (哈哈哈…). */
const MAX_SEEDS_PER_GRAM = 16;
/** Passages returned per match (the longest ones); coverage counts them all. */
export const MAX_PASSAGES = 200;

/** murmur3's 32-bit finaliser: a bijection with full avalanche. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const SEEDS = (() => {
  const s = new Uint32Array(PERMUTATIONS);
  let x = 0x4d656979; // "Meiy": fixed forever for SCHEME 1
  for (let p = 0; p < PERMUTATIONS; p++) {
    x = (x + 0x9e3779b9) >>> 0;
    s[p] = fmix32(x);
  }
  return s;
})();

let singles: Uint8Array | undefined;
/** 1 for a folded unit that is a token by itself: Han, kana, Hangul, bopomofo. */
function singleTable(): Uint8Array {
  if (singles) return singles;
  const t = new Uint8Array(0x10000);
  const re = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Bopomofo}]/u;
  for (let c = 0x2e80; c < 0x10000; c++) if (c < 0xd800 || c > 0xdfff) t[c] = re.test(String.fromCharCode(c)) ? 1 : 0;
  singles = t;
  return t;
}

/** A text ready for comparison. Offsets are UTF-16 offsets into `text`. */
export interface Doc {
  text: string;
  /** Folded form of each token. */
  keys: string[];
  /** Where each token starts and ends (exclusive) in `text`. */
  starts: Int32Array;
  ends: Int32Array;
  /** Hash of the SHINGLE tokens starting at each position (one gram for a shorter text). */
  grams: Uint32Array;
  /** The distinct grams, sorted: the shingle set. */
  shingles: Uint32Array;
  /** units[i] = folded characters in tokens before i (for coverage). */
  units: Int32Array;
}

export function prepare(text: string): Doc {
  const { fold, kind } = foldTables();
  const one = singleTable();
  const keys: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const hashes: number[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (kind[c] !== SIGNIFICANT) {
      i++;
      continue;
    }
    const f = fold[c];
    if (one[f]) {
      keys.push(String.fromCharCode(f));
      starts.push(i);
      ends.push(i + 1);
      hashes.push(fmix32(f ^ 0x2545f491));
      i++;
      continue;
    }
    // A word: significant non-CJK units; invisible ones inside it (zero-width space) are skipped.
    let key = '';
    let h = 0x811c9dc5;
    const s = i;
    let e = i;
    while (i < n) {
      const d = text.charCodeAt(i);
      if (kind[d] === INVISIBLE) {
        i++;
        continue;
      }
      if (kind[d] !== SIGNIFICANT || one[fold[d]]) break;
      key += String.fromCharCode(fold[d]);
      h = Math.imul(h ^ fold[d], 0x01000193);
      e = ++i;
    }
    keys.push(key);
    starts.push(s);
    ends.push(e);
    hashes.push(fmix32(h));
  }
  const m = keys.length;
  const gramCount = m >= SHINGLE ? m - SHINGLE + 1 : m > 0 ? 1 : 0;
  const width = Math.min(SHINGLE, m);
  const grams = new Uint32Array(gramCount);
  for (let g = 0; g < gramCount; g++) {
    let h = 0x9747b28c;
    for (let j = 0; j < width; j++) {
      h = Math.imul(h ^ hashes[g + j], 0x5bd1e995);
      h ^= h >>> 15;
    }
    grams[g] = fmix32(h);
  }
  const sorted = grams.slice().sort();
  let u = 0;
  for (let g = 0; g < sorted.length; g++) if (g === 0 || sorted[g] !== sorted[g - 1]) sorted[u++] = sorted[g];
  const units = new Int32Array(m + 1);
  for (let t = 0; t < m; t++) units[t + 1] = units[t] + keys[t].length;
  return { text, keys, starts: Int32Array.from(starts), ends: Int32Array.from(ends), grams, shingles: sorted.slice(0, u), units };
}

/** The folded significant characters of a text: what the comparison sees. */
export function normalizedText(text: string): string {
  return prepare(text).keys.join('');
}

export const isTooShort = (doc: Doc) => doc.keys.length < MIN_TOKENS;

/** MinHash signature: per seed, the least permuted shingle. All 0xffffffff for an empty text. */
export function signature(doc: Doc): Uint32Array {
  const sig = new Uint32Array(PERMUTATIONS).fill(0xffffffff);
  for (const x of doc.shingles) {
    for (let p = 0; p < PERMUTATIONS; p++) {
      const v = fmix32(x ^ SEEDS[p]);
      if (v < sig[p]) sig[p] = v;
    }
  }
  return sig;
}

/** One key per band (int32, for a PostgreSQL int4[] with a GIN index); none for a text too short to judge. */
export function bandKeys(sig: Uint32Array, doc: Doc): number[] {
  if (isTooShort(doc)) return [];
  const keys: number[] = [];
  for (let b = 0; b < BANDS; b++) {
    let h = fmix32(Math.imul(b + 1, 0x9e3779b1));
    for (let r = 0; r < ROWS; r++) h = fmix32((h ^ sig[b * ROWS + r]) + 0x6b43a9b5);
    keys.push(h | 0);
  }
  return keys;
}

/** Share of equal MinHash values: an unbiased estimate of the Jaccard similarity. */
export function estimateJaccard(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let same = 0;
  for (let p = 0; p < PERMUTATIONS; p++) if (a[p] >>> 0 === b[p] >>> 0) same++;
  return same / PERMUTATIONS;
}

/** Exact Jaccard similarity of the two shingle sets (0 when either is empty). */
export function jaccard(a: Doc, b: Doc): number {
  const x = a.shingles;
  const y = b.shingles;
  if (!x.length || !y.length) return 0;
  let i = 0;
  let j = 0;
  let both = 0;
  while (i < x.length && j < y.length) {
    if (x[i] === y[j]) {
      both++;
      i++;
      j++;
    } else if (x[i] < y[j]) i++;
    else j++;
  }
  return both / (x.length + y.length - both);
}

/** A passage found in both texts: [draftStart, draftEnd) in the draft, [matchStart, matchEnd) in the old post. */
export interface Passage {
  draftStart: number;
  draftEnd: number;
  matchStart: number;
  matchEnd: number;
}

/**
 * The common passages of at least MIN_PASSAGE tokens, left to right through the draft: at each
 * place, the longest run of equal tokens starting at any place in the old text with the same
 * 5-token gram; a passage found is skipped over. Token keys are compared, not hashes, so a
 * passage always slices to the same normalised text in both. Returns the passages (the
 * MAX_PASSAGES longest, in draft order) and the share of the draft's characters they cover.
 */
export function commonPassages(draft: Doc, old: Doc): { passages: Passage[]; coverage: number } {
  const a = draft.keys;
  const b = old.keys;
  if (a.length < MIN_PASSAGE || b.length < MIN_PASSAGE) return { passages: [], coverage: 0 };
  const where = new Map<number, number[]>();
  for (let j = 0; j < old.grams.length; j++) {
    const list = where.get(old.grams[j]);
    if (!list) where.set(old.grams[j], [j]);
    else if (list.length < MAX_SEEDS_PER_GRAM) list.push(j);
  }
  const found: (Passage & { len: number; units: number })[] = [];
  let covered = 0;
  let i = 0;
  while (i + SHINGLE <= a.length) {
    let best = 0;
    let at = -1;
    for (const j of where.get(draft.grams[i]) ?? []) {
      let l = 0;
      while (i + l < a.length && j + l < b.length && a[i + l] === b[j + l]) l++;
      if (l > best) {
        best = l;
        at = j;
      }
    }
    if (best < MIN_PASSAGE) {
      i++;
      continue;
    }
    const units = draft.units[i + best] - draft.units[i];
    covered += units;
    found.push({
      draftStart: draft.starts[i],
      draftEnd: draft.ends[i + best - 1],
      matchStart: old.starts[at],
      matchEnd: old.ends[at + best - 1],
      len: best,
      units,
    });
    i += best;
  }
  const kept = found.length > MAX_PASSAGES ? [...found].sort((x, y) => y.len - x.len).slice(0, MAX_PASSAGES) : found;
  kept.sort((x, y) => x.draftStart - y.draftStart);
  const total = draft.units[a.length];
  return {
    passages: kept.map(({ draftStart, draftEnd, matchStart, matchEnd }) => ({ draftStart, draftEnd, matchStart, matchEnd })),
    coverage: total ? covered / total : 0,
  };
}

/** The exact step for one candidate: Jaccard similarity, coverage of the draft, highlights. */
export function compare(draft: Doc, old: Doc): { similarity: number; coverage: number; passages: Passage[] } {
  if (isTooShort(draft) || isTooShort(old)) return { similarity: 0, coverage: 0, passages: [] };
  return { similarity: jaccard(draft, old), ...commonPassages(draft, old) };
}
