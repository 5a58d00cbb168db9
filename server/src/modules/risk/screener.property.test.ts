// Property tests: a term planted with any allowed obfuscation is found at its place; text that
// cannot form a term yields nothing; and the automaton agrees with a brute-force matcher.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { T2S_FROM, T2S_TO } from './dictionaries/t2s-data';
import { BREAK, INVISIBLE, JUNK, MAX_GAP, SIGNIFICANT, foldTables, normalizeText } from './normalize';
import { type ScreenEntry, createScreener } from './screener';

const fullWidth = (c: string) => String.fromCharCode(c.charCodeAt(0) + 0xfee0);

// Each alphabet letter: its canonical form and every way the text may write it.
const LETTERS: string[][] = [];
const trad = new Map<string, string[]>();
for (let i = 0; i < T2S_FROM.length; i++) trad.set(T2S_TO[i], [...(trad.get(T2S_TO[i]) ?? []), T2S_FROM[i]]);
for (const s of '国家级最佳产品发东门书车马鸟鱼龙这里后台湾') LETTERS.push([s, ...(trad.get(s) ?? [])]);
for (let c = 0x2f00; c <= 0x2fd5 && LETTERS.length < 30; c++) {
  const unified = String.fromCharCode(c).normalize('NFKC');
  if ('人口大山水火木日月'.includes(unified)) LETTERS.push([unified, String.fromCharCode(c)]);
}
const LOOK: Record<string, string[]> = {
  o: ['0', 'о', 'ο'], l: ['1', 'i', 'I', 'L', 'і', 'ι'], s: ['5', 'ѕ'], z: ['2'], b: ['8'], a: ['а', 'α'],
  e: ['е'], p: ['р', 'ρ'], c: ['с'], x: ['х'], y: ['у'],
};
for (const ch of 'abcdefghklmnopqrstuvwxyz34679') {
  const forms = [ch, ch.toUpperCase(), fullWidth(ch), fullWidth(ch.toUpperCase()), ...(LOOK[ch] ?? [])];
  LETTERS.push([...new Set(forms)]);
}
const VISIBLE = [' ', '*', '.', '-', '_', '·', '!', '，', '。', '、', '\t', '\u3000', '＊', '🔥', '★', '~', '|', '/', '#', '@'];
const INVISIBLES = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u0336', '\ufe0f', '\u180e'];

const alphabet = new Set(LETTERS.map((l) => normalizeText(l[0])));
// Characters that fold to nothing in the alphabet: other ideographs, digits 0/1/5/2/8 are excluded.
const CLEAN_SIGNIFICANT = [...'天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏'].filter((c) => !alphabet.has(normalizeText(c)));
const CLEAN = [...CLEAN_SIGNIFICANT, ...VISIBLE, ...INVISIBLES, '\n', '😀', '𠮷'];

const isDigit = (ch: string) => foldTables().digit[ch.charCodeAt(0)] === 1;
/** A Latin letter as written (not a digit), the condition of the "numbers stay numbers" rule. */
const hasLetter = (term: string) => [...term].some((ch) => !isDigit(ch) && /^[a-z]$/.test(normalizeText(ch)));

const termArb = fc.array(fc.nat(LETTERS.length - 1), { minLength: 1, maxLength: 6 });
/** A writing of the term: a form per letter, then 0..MAX_GAP visible and 0..4 invisible between. */
const writingArb = (len: number) =>
  fc.tuple(
    fc.array(fc.nat(), { minLength: len, maxLength: len }),
    fc.array(
      fc.tuple(
        fc.array(fc.constantFrom(...VISIBLE), { maxLength: MAX_GAP }),
        fc.array(fc.constantFrom(...INVISIBLES), { maxLength: 4 }),
        fc.nat(),
      ),
      { minLength: len - 1, maxLength: len - 1 },
    ),
  );

function write(term: number[], forms: number[], gaps: [string[], string[], number][]): string {
  let out = '';
  term.forEach((li, i) => {
    const letter = LETTERS[li];
    out += letter[forms[i] % letter.length];
    if (i < term.length - 1) {
      const [visible, invisible, seed] = gaps[i];
      const mixed = [...visible];
      for (const [j, ch] of invisible.entries()) mixed.splice((seed + j * 7) % (mixed.length + 1), 0, ch);
      out += mixed.join('');
    }
  });
  return out;
}

test('a term planted with any allowed obfuscation is found at exactly its place', () => {
  const arb = termArb.chain((term) =>
    fc.record({
      term: fc.constant(term),
      entryForms: fc.array(fc.nat(), { minLength: term.length, maxLength: term.length }),
      writing: writingArb(term.length),
      others: fc.array(termArb, { maxLength: 12 }),
      prefix: fc.array(fc.constantFrom(...CLEAN), { maxLength: 20 }),
      suffix: fc.array(fc.constantFrom(...CLEAN), { maxLength: 20 }),
    }),
  );
  fc.assert(
    fc.property(arb, ({ term, entryForms, writing, others, prefix, suffix }) => {
      // The dictionary may itself spell the term in any variant form.
      const entry: ScreenEntry = { term: term.map((li, i) => LETTERS[li][entryForms[i] % LETTERS[li].length]).join(''), category: 'c' };
      const dictionary = [entry, ...others.map((o) => ({ term: o.map((li) => LETTERS[li][0]).join(''), category: 'o' }))];
      const planted = write(term, writing[0], writing[1]);
      const before = prefix.join('');
      const text = before + planted + suffix.join('');
      const matches = createScreener(dictionary).scan(text);
      const hit = matches.find((m) => m.term === entry.term && m.category === 'c' && m.start === before.length);
      // The one exception: numbers stay numbers (a term with a letter, written only in digits).
      const written = term.map((li, i) => LETTERS[li][writing[0][i] % LETTERS[li].length]);
      if (hasLetter(entry.term) && written.every(isDigit)) {
        assert.equal(hit, undefined, `${JSON.stringify(entry.term)} matched the number ${JSON.stringify(planted)}`);
        return;
      }
      assert.ok(hit, `${JSON.stringify(entry.term)} not found in ${JSON.stringify(text)}`);
      assert.equal(hit.end, before.length + planted.length);
    }),
    { numRuns: 400 },
  );
});

test('text made only of characters that cannot form any term yields nothing', () => {
  fc.assert(
    fc.property(fc.array(termArb, { minLength: 1, maxLength: 20 }), fc.array(fc.constantFrom(...CLEAN), { maxLength: 300, size: 'max' }), (ts, chars) => {
      const s = createScreener(ts.map((t) => ({ term: t.map((li) => LETTERS[li][0]).join(''), category: 'c' })));
      assert.deepEqual(s.scan(chars.join('')), []);
    }),
    { numRuns: 300 },
  );
});

/** Brute force: from every significant character, walk forward under the gap and digit rules. */
function bruteForce(dictionary: ScreenEntry[], text: string): string[] {
  const { fold, kind } = foldTables();
  const wanted = new Map<string, ScreenEntry[]>();
  for (const e of dictionary) {
    const key = normalizeText(e.term);
    if (key) wanted.set(key, [...(wanted.get(key) ?? []), e]);
  }
  const out = new Set<string>();
  for (let i = 0; i < text.length; i++) {
    if (kind[text.charCodeAt(i)] !== SIGNIFICANT) continue;
    let folded = '';
    let gap = 0;
    let allDigits = true;
    for (let j = i; j < text.length; j++) {
      const c = text.charCodeAt(j);
      const k = kind[c];
      if (k === BREAK) break;
      if (k === INVISIBLE) continue;
      if (k === JUNK) {
        if (++gap > MAX_GAP) break;
        continue;
      }
      gap = 0;
      folded += String.fromCharCode(fold[c]);
      if (!isDigit(text[j])) allDigits = false;
      for (const e of wanted.get(folded) ?? []) {
        if (!(allDigits && hasLetter(e.term))) out.add(`${i}-${j + 1}:${e.term}/${e.category}`);
      }
      if (folded.length > 8) break;
    }
  }
  return [...out].sort();
}

test('the automaton reports exactly what a brute-force matcher finds', () => {
  // A small alphabet (three ideographs with traditional forms, two look-alike letters) makes
  // matches dense, so gaps, nesting and offsets are exercised on every run.
  const small = [0, 1, 2, LETTERS.findIndex((l) => l[0] === 'o'), LETTERS.findIndex((l) => l[0] === 'l')];
  const letterArb = fc.tuple(fc.constantFrom(...small), fc.nat()).map(([li, f]) => LETTERS[li][f % LETTERS[li].length]);
  const textArb = fc.array(
    fc.oneof(
      { weight: 5, arbitrary: letterArb },
      { weight: 3, arbitrary: fc.constantFrom(...VISIBLE) },
      { weight: 1, arbitrary: fc.constantFrom(...INVISIBLES, ...CLEAN_SIGNIFICANT, '\n') },
    ),
    { maxLength: 150, size: 'max' },
  );
  const dictArb = fc.array(fc.array(fc.constantFrom(...small), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 12 });
  fc.assert(
    fc.property(dictArb, textArb, (ts, chars) => {
      const dictionary = ts.map((t, i) => ({ term: t.map((li) => LETTERS[li][0]).join(''), category: `c${i % 3}` }));
      const text = chars.join('');
      const got = createScreener(dictionary).scan(text).map((m) => `${m.start}-${m.end}:${m.term}/${m.category}`);
      assert.deepEqual([...new Set(got)].sort(), bruteForce(dictionary, text));
      assert.equal(new Set(got).size, got.length, 'no duplicate reports');
    }),
    { numRuns: 500 },
  );
});
