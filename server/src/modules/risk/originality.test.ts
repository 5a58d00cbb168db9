import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { BANDS, bandKeys, commonPassages, compare, estimateJaccard, isTooShort, jaccard, MIN_PASSAGE, normalizedText, prepare, signature } from './originality';
import { documentText, htmlToText, MAX_TEXT } from './originality-text';
import { articleSentences, nearDuplicate, toHtml } from './originality-testdata';

const THRESHOLD = 0.6;
const sharesBand = (a: string, b: string) => {
  const [x, y] = [prepare(a), prepare(b)];
  const kx = new Set(bandKeys(signature(x), x));
  return bandKeys(signature(y), y).some((k) => kx.has(k));
};

// Units a text is drawn from: Chinese (simplified and traditional), full-width and Latin letters,
// digits, punctuation, spaces, line breaks, a zero-width space and an emoji.
const unit = fc.constantFrom(...'春天来了万物复苏新品发布设计国家级國家級品牌用户ＡＢａｂabcxyzXY0123，。！、 ,.!?\n'.split(''), '\u200b', '😀');
const fragment = fc.string({ unit, minLength: 3, maxLength: 40 });

test('identical texts: similarity 1, estimate 1, one passage covering everything', () => {
  fc.assert(
    fc.property(fc.array(fragment, { minLength: 4, maxLength: 30 }), (parts) => {
      const text = parts.join('');
      const a = prepare(text);
      fc.pre(!isTooShort(a));
      const c = compare(a, prepare(text));
      assert.equal(c.similarity, 1);
      assert.equal(estimateJaccard(signature(a), signature(prepare(text))), 1);
      assert.equal(c.coverage, 1);
      assert.equal(normalizedText(text.slice(c.passages[0].draftStart, c.passages.at(-1)?.draftEnd)), normalizedText(text));
    }),
  );
});

test('texts with no character in common: similarity 0, no passage, estimate near 0', () => {
  const latin = fc.string({ unit: fc.constantFrom(...'abcdefghij .,'.split('')), minLength: 120, maxLength: 400 });
  const han = fc.string({ unit: fc.constantFrom(...'春天来了万物复苏新品发布设计，。'.split('')), minLength: 40, maxLength: 400 });
  fc.assert(
    fc.property(latin, han, (x, y) => {
      const [a, b] = [prepare(x), prepare(y)];
      fc.pre(!isTooShort(a) && !isTooShort(b));
      const c = compare(a, b);
      assert.equal(c.similarity, 0);
      assert.deepEqual(c.passages, []);
      assert.ok(estimateJaccard(signature(a), signature(b)) < 0.05);
    }),
  );
});

test('a few small edits keep the similarity high', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 1000 }), fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), (seed, places) => {
      const text = articleSentences(seed, 600).join('');
      let edited = text;
      for (const p of places) {
        const at = p % edited.length;
        edited = `${edited.slice(0, at)}改${edited.slice(at + 1)}`;
      }
      const s = jaccard(prepare(text), prepare(edited));
      // Each edit changes at most 5 shingles of ~600 (and adds as many): J ≥ (600−15)/(600+15).
      assert.ok(s > 0.9, `similarity ${s}`);
    }),
  );
});

test('every passage slices to the same normalised text in both, in draft order, without overlap', () => {
  fc.assert(
    fc.property(
      fc.array(fragment, { minLength: 3, maxLength: 12 }),
      fc.array(fc.nat(), { minLength: 3, maxLength: 20 }),
      fc.array(fragment, { maxLength: 6 }),
      (parts, order, noise) => {
        const draftText = [...parts, ...noise].join('');
        const oldText = order.map((i) => parts[i % parts.length]).join('|');
        const [a, b] = [prepare(draftText), prepare(oldText)];
        const { passages, coverage } = commonPassages(a, b);
        let last = 0;
        for (const p of passages) {
          assert.ok(p.draftStart >= last && p.draftStart < p.draftEnd && p.draftEnd <= draftText.length);
          assert.ok(p.matchStart < p.matchEnd && p.matchEnd <= oldText.length);
          const d = normalizedText(draftText.slice(p.draftStart, p.draftEnd));
          assert.equal(d, normalizedText(oldText.slice(p.matchStart, p.matchEnd)));
          assert.ok(prepare(draftText.slice(p.draftStart, p.draftEnd)).keys.length >= MIN_PASSAGE);
          last = p.draftEnd;
        }
        assert.ok(coverage >= 0 && coverage <= 1);
      },
    ),
  );
});

test('the MinHash estimate stays within 0.2 of the exact Jaccard similarity', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 0, max: 10 }), (seed, keep) => {
      const s = articleSentences(seed, 800);
      const other = articleSentences(seed + 1, 800);
      const mixed = s.map((x, i) => (i % 10 < keep ? x : other[i % other.length]));
      const [a, b] = [prepare(s.join('')), prepare(mixed.join(''))];
      assert.ok(Math.abs(estimateJaccard(signature(a), signature(b)) - jaccard(a, b)) <= 0.2);
    }),
    { seed: 20260131, numRuns: 200 },
  );
});

test('known near-duplicate: 2,000 characters with 10% of the sentences rewritten or moved', () => {
  const original = articleSentences(7, 2000);
  const { sentences, untouched } = nearDuplicate(original, 8, 0.1);
  const draft = prepare(documentText('春季新品发布会回顾', toHtml(sentences)));
  const old = prepare(documentText('春季新品发布会回顾', toHtml(original)));
  assert.ok(old.text.length >= 2000);
  const c = compare(draft, old);
  assert.ok(c.similarity >= THRESHOLD, `similarity ${c.similarity}`);
  assert.ok(c.coverage > 0.8, `coverage ${c.coverage}`);
  assert.ok(sharesBand(draft.text, old.text), 'found by the LSH bands');
  // Each highlighted passage is the same text in both, and every untouched sentence is inside one.
  for (const p of c.passages) {
    assert.equal(normalizedText(draft.text.slice(p.draftStart, p.draftEnd)), normalizedText(old.text.slice(p.matchStart, p.matchEnd)));
  }
  for (const i of untouched) {
    const s = original[i];
    const at = old.text.indexOf(s);
    const inside = c.passages.some((p) => p.matchStart <= at + 2 && at + s.length - 2 <= p.matchEnd);
    assert.ok(inside, `sentence ${i} (${s}) not highlighted`);
  }
  // An unrelated article on the same vocabulary: far below the threshold, and no long passage.
  const unrelated = prepare(documentText('秋季活动预告', toHtml(articleSentences(99, 2000))));
  const u = compare(draft, unrelated);
  assert.ok(u.similarity < 0.05, `unrelated similarity ${u.similarity}`);
  assert.ok(u.coverage < 0.05);
});

test('folding: traditional characters, full-width letters, case, punctuation and spacing do not hide a copy', () => {
  const a = '本公司採用國家級工藝，產品質量ＡＢＣ標準，我們承諾全網最低價格，歡迎廣大消費者選購 iPhone 配件！';
  const b = '本公司采用国家级工艺 产品质量abc标准 我们承诺全网最低价格 欢迎广大消费者选购iphone配件';
  assert.equal(jaccard(prepare(a), prepare(b)), 1);
  assert.equal(normalizedText('Hello, ＷＯＲＬＤ!'), 'helloworld');
});

test('LSH: a text too short to judge gets no band keys; a near-duplicate shares a band, an unrelated text almost never', () => {
  const short = prepare('春季新品发布');
  assert.ok(isTooShort(short));
  assert.deepEqual(bandKeys(signature(short), short), []);
  const text = articleSentences(3, 1500).join('');
  assert.equal(bandKeys(signature(prepare(text)), prepare(text)).length, BANDS);
  assert.ok(sharesBand(text, nearDuplicate(articleSentences(3, 1500), 4, 0.2).sentences.join('')));
  let hits = 0;
  for (let s = 100; s < 150; s++) if (sharesBand(text, articleSentences(s, 1500).join(''))) hits++;
  assert.ok(hits <= 3, `${hits} unrelated texts share a band`);
});

test('HTML to text: blocks become lines, entities are decoded, scripts and styles are dropped', () => {
  const html =
    '<h1>标题</h1><p>第一段&nbsp;有<b>加粗</b>和&#x56fd;&#23478;&amp;符号</p><script>var x = "<p>不是正文</p>";</script><style>p{}</style><!-- 注释 --><p>第二段<br>换行 a &lt; b</p><img src="x.png"><p>  </p>';
  assert.equal(htmlToText(html), '标题\n第一段 有加粗和国家&符号\n第二段\n换行 a < b');
  assert.equal(documentText(' 标题 ', '<p>正文</p>'), '标题\n正文');
  assert.equal(documentText('', '<p>正文</p>'), '正文');
  assert.equal(documentText('长', `<p>${'字'.repeat(MAX_TEXT + 10)}</p>`).length, MAX_TEXT);
});

test('pathological HTML and repetitive text stay fast', () => {
  const started = Date.now();
  htmlToText('<script>'.repeat(100_000));
  htmlToText('<'.repeat(200_000));
  htmlToText('<!--'.repeat(100_000));
  const laugh = prepare('哈'.repeat(50_000));
  const c = compare(laugh, prepare('哈'.repeat(40_000)));
  assert.equal(c.passages.length, 2);
  assert.ok(Date.now() - started < 3000, `${Date.now() - started} ms`);
});
