// The engines under test, each behind the same three steps: build (timed), scan (timed, the
// library's own "find the terms" call) and report (untimed: turns the library's output into
// positioned matches for scoring). Peers are used as their READMEs show, with default options.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createScreener } from '../../server/src/modules/risk/screener';

const require = createRequire(import.meta.url);

export interface Found {
  start: number;
  end: number;
  term: string;
}

/** What a report step returns: positioned matches, or a mask of flagged characters. */
export type Report = { kind: 'matches'; matches: Found[] } | { kind: 'mask'; mask: Uint8Array; noise: Set<number> };

export interface Engine {
  name: string;
  version: string;
  /** How the report step obtains positions when the library does not give them. */
  note?: string;
  build(terms: string[]): void;
  scan(text: string): unknown;
  report(text: string, scanned: unknown): Report;
  /** Drops the index so the next engine's memory is measured alone. */
  release(): void;
}

function versionOf(pkg: string): string {
  const file = new URL(`../../node_modules/${pkg}/package.json`, import.meta.url);
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

type Ctor<T> = new (...args: never[]) => T;

export function meiyun(): Engine {
  let s: ReturnType<typeof createScreener> | undefined;
  return {
    name: 'meiyun screener',
    version: (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version,
    build: (terms) => { s = createScreener(terms.map((term) => ({ term, category: 'bench' }))); },
    scan: (text) => s?.scan(text),
    report: (_text, out) => ({ kind: 'matches', matches: out as Found[] }),
    release: () => { s = undefined; },
  };
}

export function mintFilter(): Engine {
  const { Mint } = require('mint-filter') as { Mint: Ctor<{ filter(t: string, o: { replace: boolean }): { words: string[] } }> };
  let m: InstanceType<typeof Mint> | undefined;
  return {
    name: 'mint-filter',
    version: versionOf('mint-filter'),
    note: 'returns words only, in text order; positions rebuilt by searching each word forward from the previous end',
    build: (terms) => { m = new (Mint as unknown as new (k: string[]) => InstanceType<typeof Mint>)(terms); },
    scan: (text) => m?.filter(text, { replace: false }),
    report: (text, out) => {
      const matches: Found[] = [];
      let prevEnd = 0;
      for (const w of (out as { words: string[] }).words) {
        const at = text.indexOf(w, Math.max(0, prevEnd - w.length));
        if (at < 0) continue;
        prevEnd = at + w.length;
        matches.push({ start: at, end: prevEnd, term: w.toLowerCase() });
      }
      return { kind: 'matches', matches };
    },
    release: () => { m = undefined; },
  };
}

export function fastscan(): Engine {
  const FastScanner = require('fastscan') as new (words: string[]) => { search(t: string): [number, string][] };
  let f: InstanceType<typeof FastScanner> | undefined;
  return {
    name: 'fastscan',
    version: versionOf('fastscan'),
    build: (terms) => { f = new FastScanner(terms); },
    scan: (text) => f?.search(text),
    report: (_text, out) => ({
      kind: 'matches',
      matches: (out as [number, string][]).map(([start, term]) => ({ start, end: start + term.length, term })),
    }),
    release: () => { f = undefined; },
  };
}

type Monyone = new (k: string[]) => { matchInText(t: string): { begin: number; end: number; keyword: string }[] };

function monyone(variant: '' | '/fast'): Engine {
  const { AhoCorasick } = require(`@monyone/aho-corasick${variant}`) as { AhoCorasick: Monyone };
  let a: InstanceType<Monyone> | undefined;
  return {
    name: `@monyone/aho-corasick${variant}`,
    version: versionOf('@monyone/aho-corasick'),
    build: (terms) => { a = new AhoCorasick(terms); },
    scan: (text) => a?.matchInText(text),
    report: (_text, out) => ({
      kind: 'matches',
      matches: (out as { begin: number; end: number; keyword: string }[]).map((m) => ({ start: m.begin, end: m.end, term: m.keyword })),
    }),
    release: () => { a = undefined; },
  };
}
export const monyoneDefault = () => monyone('');
export const monyoneFast = () => monyone('/fast');

export function sensitiveWordTool(): Engine {
  type Swt = { match(t: string): string[]; filter(t: string, c: string): string };
  const { SensitiveWordTool } = require('sensitive-word-tool') as { SensitiveWordTool: new (o: { wordList: string[] }) => Swt };
  let s: Swt | undefined;
  return {
    name: 'sensitive-word-tool',
    version: versionOf('sensitive-word-tool'),
    note: 'match() returns the distinct words only; scored from filter(), whose masked characters give the positions',
    build: (terms) => { s = new SensitiveWordTool({ wordList: terms }); },
    scan: (text) => s?.match(text),
    report: (text) => {
      const masked = (s as Swt).filter(text, '\u0000');
      const mask = new Uint8Array(text.length);
      for (let i = 0; i < text.length; i++) if (masked.charCodeAt(i) === 0 && text.charCodeAt(i) !== 0) mask[i] = 1;
      // Its default "noise" characters (skipped between term characters and never masked).
      const noise = new Set(Object.keys((s as unknown as { noiseWordMap: Record<string, boolean> }).noiseWordMap).map(Number));
      return { kind: 'mask', mask, noise };
    },
    release: () => { s = undefined; },
  };
}

export const ALL_ENGINES = [meiyun, mintFilter, fastscan, monyoneDefault, monyoneFast, sensitiveWordTool];
