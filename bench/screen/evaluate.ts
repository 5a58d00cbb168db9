// Scoring against the ground truth.
// A reported match is correct when it is
//   1. a planted term at its planted span, or an exact occurrence of a term anywhere in the text
//      (filler can contain terms by chance; such occurrences are true, not false, positives);
//   2. a term nested inside an obfuscated plant (國*家*級 planted, 国家 reported inside it); or
//   3. the text at its span equals the term ignoring case.
// Anything else is a false positive: e.g. a match that joins characters across a natural
// sentence break (最。佳) or that comes from look-alike folding of ordinary digits.
// Recall is counted on plants only: a plant is found when its exact span and term are reported.
// For a mask-only peer (sensitive-word-tool), a plant is found when all its characters except
// the peer's own noise characters are masked, and each run of masked characters is one report,
// correct when it overlaps a true occurrence (an approximation in the peer's favour).
import type { Corpus } from './corpus';
import type { Found, Report } from './engines';

export interface Score {
  reports: number;
  falsePositives: number;
  /** False positives whose span holds a space, punctuation or symbol (joined across it). */
  fpAcrossJunk: number;
  precision: number;
  plainFound: number;
  plain: number;
  obfuscatedFound: number;
  obfuscated: number;
  samples: string[];
}

export interface Truth {
  corpus: Corpus;
  /** key → plant index, or -1 for an exact occurrence that is not a plant. */
  byKey: Map<string, number>;
  /** Characters covered by any true occurrence. */
  cover: Uint8Array;
  plantStarts: Int32Array;
}

const JUNK_RE = /[\p{P}\p{S}\p{Z}]/u;
const key = (start: number, end: number, term: string) => `${start},${end},${term}`;

export function buildTruth(corpus: Corpus, exact: readonly Found[]): Truth {
  const byKey = new Map<string, number>();
  const cover = new Uint8Array(corpus.text.length);
  for (const e of exact) {
    byKey.set(key(e.start, e.end, e.term), -1);
    cover.fill(1, e.start, e.end);
  }
  corpus.plants.forEach((p, i) => {
    byKey.set(key(p.start, p.end, p.term), i);
    cover.fill(1, p.start, p.end);
  });
  return { corpus, byKey, cover, plantStarts: Int32Array.from(corpus.plants, (p) => p.start) };
}

function plantAt(t: Truth, pos: number): number {
  let lo = 0;
  let hi = t.plantStarts.length - 1;
  let best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (t.plantStarts[mid] <= pos) { best = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return best;
}

function tally(t: Truth, found: Uint8Array, reports: number, fp: number, fpAcrossJunk: number, samples: string[]): Score {
  let plainFound = 0;
  let plain = 0;
  let obfuscatedFound = 0;
  let obfuscated = 0;
  t.corpus.plants.forEach((p, i) => {
    if (p.kind === 'plain') { plain++; plainFound += found[i]; } else { obfuscated++; obfuscatedFound += found[i]; }
  });
  return { reports, falsePositives: fp, fpAcrossJunk, precision: reports === 0 ? 1 : (reports - fp) / reports, plainFound, plain, obfuscatedFound, obfuscated, samples };
}

export function score(t: Truth, report: Report): Score {
  const { text, plants } = t.corpus;
  const found = new Uint8Array(plants.length);
  const samples: string[] = [];
  let fp = 0;
  let fpAcrossJunk = 0;
  if (report.kind === 'matches') {
    for (const m of report.matches) {
      const v = t.byKey.get(key(m.start, m.end, m.term));
      if (v !== undefined) {
        if (v >= 0) found[v] = 1;
        continue;
      }
      const p = plantAt(t, m.start);
      const plant = p >= 0 ? plants[p] : undefined;
      if (plant && plant.kind === 'obfuscated' && m.end <= plant.end && plant.term.includes(m.term)) continue;
      if (text.slice(m.start, m.end).toLowerCase() === m.term.toLowerCase()) continue;
      fp++;
      if (JUNK_RE.test(text.slice(m.start, m.end))) fpAcrossJunk++;
      if (samples.length < 8) samples.push(`${JSON.stringify(text.slice(Math.max(0, m.start - 3), m.end + 3))} → ${m.term}`);
    }
    return tally(t, found, report.matches.length, fp, fpAcrossJunk, samples);
  }
  const { mask, noise } = report;
  plants.forEach((p, i) => {
    let any = false;
    let all = true;
    for (let j = p.start; j < p.end && all; j++) {
      if (mask[j]) any = true;
      else if (!noise.has(text.charCodeAt(j))) all = false;
    }
    found[i] = any && all ? 1 : 0;
  });
  let runs = 0;
  for (let i = 0; i < mask.length; ) {
    if (!mask[i]) { i++; continue; }
    let j = i;
    let hit = false;
    let last = i;
    while (j < mask.length && (mask[j] || noise.has(text.charCodeAt(j)))) {
      if (mask[j]) { last = j; if (t.cover[j]) hit = true; }
      j++;
    }
    runs++;
    if (!hit) {
      fp++;
      if (JUNK_RE.test(text.slice(i, last + 1))) fpAcrossJunk++;
      if (samples.length < 8) samples.push(JSON.stringify(text.slice(Math.max(0, i - 3), last + 4)));
    }
    i = last + 1;
  }
  return tally(t, found, runs, fp, fpAcrossJunk, samples);
}
