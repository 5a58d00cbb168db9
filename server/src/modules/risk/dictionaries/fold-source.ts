// Derives the folding tables from the rules documented in normalize.ts, using Node's Unicode
// data (NFKC, case, general categories) and the opencc-js character table. Used by
// generate.ts, which writes fold-data.ts, and by the test that checks the committed data.
import { BREAK, type FoldTables, INVISIBLE, JUNK, LOOKALIKES, SIGNIFICANT } from '../normalize';
import { T2S_FROM, T2S_TO } from './t2s-data';

const SIGNIFICANT_SYMBOLS = new Set(['%', '‰', '‱']);
const BREAKS = new Set(['\n', '\r', '\v', '\f', '\u0085', '\u2028', '\u2029']);
const INVISIBLE_RE = /^[\p{Cf}\p{Mn}\p{Me}\u115F\u1160\u3164\uFFA0]$/u;
const JUNK_RE = /^[\p{Z}\p{P}\p{S}\p{Cc}\p{Co}\p{Cn}]$/u;
const LATIN_BASE_RE = /^[a-zA-Z]\p{Mn}+$/u;

function foldOnce(ch: string, t2s: Map<string, string>, nfkc = ch.normalize('NFKC')): string {
  let s = ch;
  if (nfkc.length === 1) s = nfkc;
  const code = s.charCodeAt(0);
  if ((code >= 0xc0 && code < 0x250) || (code >= 0x1e00 && code < 0x1f00)) {
    const nfd = s.normalize('NFD');
    if (LATIN_BASE_RE.test(nfd)) s = nfd[0];
  }
  const lower = s.toLowerCase();
  if (lower.length === 1) s = lower;
  s = t2s.get(s) ?? s;
  return LOOKALIKES[s] ?? s;
}

function kindOf(original: string, folded: string): number {
  if (BREAKS.has(original) || BREAKS.has(folded)) return BREAK;
  if (SIGNIFICANT_SYMBOLS.has(folded)) return SIGNIFICANT;
  if (INVISIBLE_RE.test(folded) || (original !== folded && INVISIBLE_RE.test(original))) return INVISIBLE;
  return JUNK_RE.test(folded) ? JUNK : SIGNIFICANT;
}

/** Computes the tables (~100 ms) from the rules and a traditional → simplified table. */
export function deriveFoldTables(t2sFrom = T2S_FROM, t2sTo = T2S_TO): FoldTables {
  const t2s = new Map<string, string>();
  for (let i = 0; i < t2sFrom.length; i++) t2s.set(t2sFrom[i], t2sTo[i]);
  const fold = new Uint16Array(0x10000);
  const kind = new Uint8Array(0x10000);
  const digit = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    fold[c] = c;
    if (c >= 0xd800 && c <= 0xdfff) {
      kind[c] = c <= 0xdbff ? JUNK : INVISIBLE;
      continue;
    }
    const ch = String.fromCharCode(c);
    if ((c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7a3)) {
      // Unified ideographs and Hangul syllables: NFKC- and case-stable, so only t2s applies.
      fold[c] = (t2s.get(ch) ?? ch).charCodeAt(0);
      continue;
    }
    const nfkc = ch.normalize('NFKC');
    if (nfkc.length === 1 && nfkc >= '0' && nfkc <= '9') digit[c] = 1;
    // Folding twice reaches a fixed point for every BMP character (checked by a test).
    const once = foldOnce(ch, t2s, nfkc);
    const folded = once === ch ? once : foldOnce(once, t2s);
    kind[c] = kindOf(ch, folded);
    if (kind[c] === SIGNIFICANT) fold[c] = folded.charCodeAt(0);
  }
  return { fold, kind, digit };
}


const toBase64 = (units: number[]) => {
  const bytes = new Uint8Array(units.length * 2);
  units.forEach((u, i) => {
    bytes[2 * i] = u & 0xff;
    bytes[2 * i + 1] = u >> 8;
  });
  return Buffer.from(bytes).toString('base64');
};

/** The tables as the three base64 strings of fold-data.ts. */
export function encodeFoldTables(t: FoldTables): { pairs: string; runs: string; digits: string } {
  const pairs: number[] = [];
  const runs: number[] = [];
  const digits: number[] = [];
  for (let c = 0; c < 0x10000; c++) {
    if (t.fold[c] !== c) pairs.push(c, t.fold[c]);
    if (c === 0 || t.kind[c] !== t.kind[c - 1]) runs.push(c, t.kind[c]);
    if (t.digit[c]) digits.push(c);
  }
  return { pairs: toBase64(pairs), runs: toBase64(runs), digits: toBase64(digits) };
}
