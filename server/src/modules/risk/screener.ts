// The screening engine: finds every dictionary term in a text, robust to the usual evasions
// (width, case, traditional forms, look-alikes, junk and zero-width characters between the
// characters of a term) and reports each match with UTF-16 offsets into the original text.
// Pure and synchronous; the folding rules are in normalize.ts, the automaton in automaton.ts,
// and README.md in this folder states the rules in prose.
import { buildAutomaton } from './automaton';
import { BREAK, INVISIBLE, JUNK, MAX_GAP, SIGNIFICANT, foldTables } from './normalize';

export { AD_LAW_TERMS } from './dictionaries/ad-law';
export { foldForReading, MAX_GAP, normalizeText } from './normalize';

export interface ScreenEntry {
  term: string;
  category: string;
  severity?: string;
}

export interface ScreenMatch {
  /** UTF-16 offset of the first matched character in the original text. */
  start: number;
  /** UTF-16 offset just after the last matched character (junk between them is inside). */
  end: number;
  /** The dictionary term as it was given. */
  term: string;
  category: string;
  severity?: string;
}

export interface Screener {
  /**
   * Every match, overlapping and nested ones included, ordered by end offset; matches that end
   * at the same character come longest first. Entries whose terms fold to the same characters
   * (國家級 and 国家级, or one term in two categories) are each reported.
   */
  scan(text: string): ScreenMatch[];
  /** Number of entries that can match (terms made only of ignorable characters are dropped). */
  readonly size: number;
}

/**
 * An entry as kept by the screener. `letters`: the term has a Latin letter, so a span written
 * only in digits does not match it (numbers stay numbers: 1188 is not "lib", 8055 is not
 * "boss", while "v1p" is "vip" and "b0ss" is "boss"; a term "618" matches "618").
 */
interface Kept extends ScreenEntry {
  letters: boolean;
}

// Per-screener class of a code unit: a symbol id 1..K, 0 for a significant character that is in
// no term (the automaton restarts), or one of these for the characters the scanner skips.
const C_INVISIBLE = 0xffff;
const C_JUNK = 0xfffe;
const C_BREAK = 0xfffd;
const MAX_SYMBOLS = 0xfffc;

/** True when every term character in text[start..end] is written as a digit. */
function writtenInDigits(text: string, start: number, end: number, cls: Uint16Array, digit: Uint8Array): boolean {
  for (let j = start; j <= end; j++) {
    const c = text.charCodeAt(j);
    if (cls[c] !== 0 && cls[c] < C_BREAK && digit[c] === 0) return false;
  }
  return true;
}

export function createScreener(entries: readonly ScreenEntry[]): Screener {
  const { fold, kind, digit } = foldTables();

  // Fold every term into one flat buffer of symbol ids (terms made only of ignorable characters
  // are dropped); the automaton merges equal folded forms into one pattern.
  const symbolOf = new Uint16Array(0x10000); // folded unit → symbol id, 0 = in no term
  let symbols = 0;
  let capacity = 0;
  for (const entry of entries) capacity += entry.term.length;
  const flat = new Uint16Array(capacity);
  const offsets = new Int32Array(entries.length + 1);
  const kept: Kept[] = [];
  const seen = new Set<string>();
  let at = 0;
  for (const entry of entries) {
    const from = at;
    for (let i = 0; i < entry.term.length; i++) {
      const c = entry.term.charCodeAt(i);
      // Surrogate units of a term (emoji, rare ideographs) are kept and made significant below.
      if (kind[c] !== SIGNIFICANT && (c < 0xd800 || c > 0xdfff)) continue;
      const unit = fold[c];
      let id = symbolOf[unit];
      if (id === 0) {
        if (symbols === MAX_SYMBOLS) throw new Error('screener: too many distinct characters in the dictionary');
        id = ++symbols;
        symbolOf[unit] = id;
      }
      flat[at++] = id;
    }
    const dedupe = `${entry.term}\u0000${entry.category}\u0000${entry.severity ?? ''}`;
    if (at === from || seen.has(dedupe)) {
      at = from;
      continue;
    }
    seen.add(dedupe);
    let letters = false;
    for (let i = 0; i < entry.term.length; i++) {
      const c = entry.term.charCodeAt(i);
      if (kind[c] === SIGNIFICANT && digit[c] === 0 && fold[c] >= 0x61 && fold[c] <= 0x7a) letters = true;
    }
    kept.push({ term: entry.term, category: entry.category, severity: entry.severity, letters });
    offsets[kept.length] = at;
  }
  const size = kept.length;
  const ac = buildAutomaton(flat, offsets, size, symbols);
  const patternEntries: Kept[][] = [];
  let maxDepth = 1;
  for (let i = 0; i < size; i++) {
    const g = ac.canonical[i];
    if (g === i) patternEntries[i] = [];
    patternEntries[g].push(kept[i]);
    maxDepth = Math.max(maxDepth, offsets[i + 1] - offsets[i]);
  }

  // One lookup per code unit at scan time: original unit → symbol id or skip class.
  const clsTable = new Uint16Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    const k = kind[c];
    if (k === SIGNIFICANT) clsTable[c] = symbolOf[fold[c]];
    else if (c >= 0xd800 && c <= 0xdfff && symbolOf[c] !== 0) clsTable[c] = symbolOf[c];
    else clsTable[c] = k === INVISIBLE ? C_INVISIBLE : k === JUNK ? C_JUNK : k === BREAK ? C_BREAK : 0;
  }

  let ringSize = 1;
  while (ringSize <= maxDepth) ringSize <<= 1;
  const ringMask = ringSize - 1;

  const scan = (text: string): ScreenMatch[] => {
    const out: ScreenMatch[] = [];
    const n = text.length;
    if (n === 0 || size === 0) return out;
    const { cells, nextTerminal, pattern, depth } = ac;
    const cls = clsTable;
    const mask = ringMask;
    // ring[j & mask] = original offset of the j-th significant unit fed to the automaton.
    const ring = new Int32Array(ringSize);
    let s = 0;
    let fed = 0;
    let gap = 0;
    for (let i = 0; i < n; i++) {
      const k = cls[text.charCodeAt(i)];
      if (k >= C_BREAK) {
        if (k === C_INVISIBLE) continue;
        if (k === C_JUNK) {
          if (++gap > MAX_GAP) s = 0;
          continue;
        }
        s = 0; // line break
        continue;
      }
      gap = 0;
      if (k === 0) {
        s = 0;
        continue;
      }
      for (;;) {
        const t = cells[s << 2] + k;
        if (cells[(t << 2) + 1] === s) {
          s = t;
          break;
        }
        if (s === 0) break;
        s = cells[(s << 2) + 2];
      }
      ring[fed & mask] = i;
      fed++;
      for (let e = cells[(s << 2) + 3]; e !== 0; e = nextTerminal[e]) {
        const start = ring[(fed - depth[e]) & mask];
        const list = patternEntries[pattern[e]];
        let digitsOnly = -1; // unknown until an entry needs to know
        for (let j = 0; j < list.length; j++) {
          const en = list[j];
          if (en.letters) {
            if (digitsOnly === -1) digitsOnly = writtenInDigits(text, start, i, cls, digit) ? 1 : 0;
            if (digitsOnly === 1) continue;
          }
          out.push(
            en.severity === undefined
              ? { start, end: i + 1, term: en.term, category: en.category }
              : { start, end: i + 1, term: en.term, category: en.category, severity: en.severity },
          );
        }
      }
    }
    return out;
  };

  return { scan, size };
}
