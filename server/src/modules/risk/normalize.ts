// Character folding for the screener: tables over the BMP, so that scanning is a single array
// lookup per UTF-16 code unit and every folded unit still stands for exactly one unit of the
// original text (offsets map back one to one). The rules are below; dictionaries/fold-source.ts
// applies them to every code unit and dictionaries/generate.ts commits the result as
// dictionaries/fold-data.ts, decoded here on first use.
//
// FOLD[c]: the canonical unit a significant character stands for, in this order:
//   1. NFKC compatibility form when it is one unit: full-width → ASCII (Ａ→A, ！→!, 　→space),
//      circled and parenthesised forms (①→1, ⓐ→a), Kangxi radicals and CJK compatibility
//      ideographs (⼈→人, 豈→豈), half-width katakana, superscripts (²→2) …; otherwise an accented
//      Latin letter drops its accents (é→e, Ö→o).
//   2. Lower case (when it stays one unit): A→a, Σ→σ.
//   3. Traditional → simplified, char to char (dictionaries/t2s-data.ts, from opencc-js).
//   4. Look-alikes (LOOKALIKES below, deliberately small).
// KIND[c] says what the scanner does with the unit:
//   SIGNIFICANT – a letter, digit, ideograph …: matched against terms.
//   INVISIBLE   – zero-width and format characters (U+200B–U+200D, U+2060, U+FEFF, U+00AD soft
//                 hyphen, U+180E …; category Cf), combining marks (Mn, Me: strike-through U+0336,
//                 variation selectors), Hangul fillers, the low half of a surrogate pair: skipped
//                 and never counted, since they do not separate characters visibly.
//   JUNK        – spaces, punctuation and symbols (Z*, P*, S*), control characters, private-use
//                 and unassigned units, the high half of a surrogate pair (so an emoji counts as
//                 one): skipped, but at most MAX_GAP of them may sit between two term characters.
//                 Exception: the percent signs % ‰ ‱ are significant ("100%" is an ad-law term).
//   BREAK       – line and paragraph breaks (\n \r \v \f U+0085 U+2028 U+2029): a term never
//                 spans one.
// Characters outside the BMP are not folded (𝐀 is not A); a screener whose terms contain such
// characters treats those surrogate units as significant (see screener.ts).
import { DIGITS, FOLD_PAIRS, KIND_RUNS } from './dictionaries/fold-data';

export const SIGNIFICANT = 0;
export const INVISIBLE = 1;
export const JUNK = 2;
export const BREAK = 3;

/** At most this many visible ignorable characters (JUNK) between two consecutive term characters. */
export const MAX_GAP = 3;

/**
 * Look-alike folding, applied after lower-casing. Digits that read as letters fold to the letter
 * (0→o, 1→l, 5→s, 2→z, 8→b), the capital I (already i after lower-casing) folds with l and 1, and
 * Cyrillic/Greek letters that are drawn like Latin ones fold to the Latin letter.
 */
export const LOOKALIKES: Readonly<Record<string, string>> = {
  '0': 'o',
  '1': 'l',
  i: 'l',
  '2': 'z',
  '5': 's',
  '8': 'b',
  а: 'a', // Cyrillic
  е: 'e',
  о: 'o',
  р: 'p',
  с: 'c',
  у: 'y',
  х: 'x',
  і: 'l',
  ѕ: 's',
  α: 'a', // Greek
  ο: 'o',
  ρ: 'p',
  ι: 'l',
};

export interface FoldTables {
  /** Folded code unit per BMP code unit (identity for non-significant units). */
  fold: Uint16Array;
  /** SIGNIFICANT | INVISIBLE | JUNK | BREAK per BMP code unit. */
  kind: Uint8Array;
  /** 1 for a unit written as a digit (0–9, full-width ０–９, ①, ² …: NFKC gives one digit). */
  digit: Uint8Array;
}

let tables: FoldTables | undefined;

function decodeUnits(base64: string): Uint16Array {
  const bytes = atob(base64);
  const out = new Uint16Array(bytes.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = bytes.charCodeAt(2 * i) | (bytes.charCodeAt(2 * i + 1) << 8);
  return out;
}

/**
 * The folding tables, shared by every screener. They are decoded (about a millisecond) from
 * dictionaries/fold-data.ts, which dictionaries/generate.ts derives from the rules above with
 * Node's Unicode data and opencc-js; a test checks that the committed data still equals the
 * derivation, so the behaviour does not shift silently with the runtime's Unicode version.
 */
export function foldTables(): FoldTables {
  if (tables) return tables;
  const fold = new Uint16Array(0x10000);
  for (let c = 0; c < 0x10000; c++) fold[c] = c;
  const pairs = decodeUnits(FOLD_PAIRS);
  for (let i = 0; i < pairs.length; i += 2) fold[pairs[i]] = pairs[i + 1];
  const kind = new Uint8Array(0x10000);
  const runs = decodeUnits(KIND_RUNS); // [start, kind] pairs, each run up to the next start
  for (let i = 0; i < runs.length; i += 2) kind.fill(runs[i + 1], runs[i], i + 2 < runs.length ? runs[i + 2] : 0x10000);
  const digit = new Uint8Array(0x10000);
  for (const c of decodeUnits(DIGITS)) digit[c] = 1;
  tables = { fold, kind, digit };
  return tables;
}

/**
 * The folded significant units of a term or text, ignorable characters removed: what the
 * automaton sees. Surrogate units are kept (terms may contain emoji or rare ideographs).
 */
export function foldUnits(text: string): number[] {
  const { fold, kind } = foldTables();
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (kind[c] === SIGNIFICANT || (c >= 0xd800 && c <= 0xdfff)) out.push(fold[c]);
  }
  return out;
}

/** Human-readable folded form of a text (for tests, debugging and the UI's "matched as"). */
export function normalizeText(text: string): string {
  const units = foldUnits(text);
  let out = '';
  for (let i = 0; i < units.length; i += 4096) out += String.fromCharCode(...units.slice(i, i + 4096));
  return out;
}

/** Visible characters that an evasive spelling puts between ideographs: 垃 圾, 垃*圾, 垃.圾. */
const FILLERS = new Set([...' \u3000\t*＊#＃.．-－_＿·•|｜/／\\+＋=＝^'].map((c) => c.charCodeAt(0)));
const isIdeograph = (c: number) => (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff);

/**
 * The screener's folding for reading a text rather than matching terms in it (the text module's
 * segmentation, keywords and sentiment): letters and ideographs folded as the screener folds them
 * (traditional → simplified, width, case, look-alike letters), invisible characters dropped, and
 * the evasive fillers of the gap rule (at most MAX_GAP spaces or symbols such as * . - between two
 * ideographs) removed, so 垃 * 圾 reads 垃圾. Unlike normalizeText it keeps what carries meaning
 * for a reader: punctuation (full-width forms folded to ASCII: ！？ → !?, quotes kept), line breaks,
 * spaces between Latin words, emoji, and digits as digits (12315 and 618 stay numbers).
 */
export function foldForReading(text: string): string {
  const { fold, kind, digit } = foldTables();
  let out = '';
  let lastSignificant = 0; // the last folded unit written, when nothing but fillers came after it
  let pending = ''; // fillers held until we know whether an ideograph follows
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const k = kind[c];
    if (k === INVISIBLE && !(c >= 0xdc00 && c <= 0xdfff)) continue;
    if (k === SIGNIFICANT) {
      const f = digit[c] ? digitOf(c, text[i]) : String.fromCharCode(fold[c]);
      const dropFillers = pending.length <= MAX_GAP && isIdeograph(lastSignificant) && isIdeograph(f.charCodeAt(0));
      out += (dropFillers ? '' : pending) + f;
      pending = '';
      lastSignificant = f.charCodeAt(0);
      continue;
    }
    if (FILLERS.has(c)) {
      pending += c === 0x3000 ? ' ' : text[i];
      continue;
    }
    out += pending + (c >= 0xff01 && c <= 0xff5e ? String.fromCharCode(c - 0xfee0) : text[i]);
    pending = '';
    lastSignificant = 0;
  }
  return out + pending;
}

function digitOf(c: number, ch: string): string {
  if (c >= 0x30 && c <= 0x39) return ch;
  if (c >= 0xff10 && c <= 0xff19) return String.fromCharCode(c - 0xfee0);
  return ch.normalize('NFKC');
}
