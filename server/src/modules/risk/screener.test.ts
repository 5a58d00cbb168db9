import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AD_LAW_TERMS, MAX_GAP, type ScreenMatch, createScreener, normalizeText } from './screener';

const spans = (text: string, ms: ScreenMatch[]) => ms.map((m) => `${m.term}@${m.start}-${m.end}:${text.slice(m.start, m.end)}`);
const terms = (...ts: string[]) => createScreener(ts.map((term) => ({ term, category: 'custom' })));

test('empty text, empty dictionary and terms made only of ignorable characters', () => {
  assert.deepEqual(terms('敏感词').scan(''), []);
  assert.deepEqual(createScreener([]).scan('任何文本'), []);
  const s = terms('***', ' ', '\u200b', '敏感');
  assert.equal(s.size, 1);
  assert.deepEqual(spans('*** 敏感', s.scan('*** 敏感')), ['敏感@4-6:敏感']);
});

test('offsets are UTF-16 offsets into the original text, surrogate pairs and emoji included', () => {
  const s = terms('最佳');
  const text = '😀𠮷👍🏽 最佳';
  const [m] = s.scan(text);
  assert.deepEqual([m.start, m.end], [text.indexOf('最'), text.length]);
  assert.equal(text.slice(m.start, m.end), '最佳');
  // and with junk and traditional forms inside the match
  const t2 = '前🎉文 最 🔥 佳 后';
  assert.deepEqual(spans(t2, s.scan(t2)), ['最佳@5-11:最 🔥 佳']);
});

test('every match is returned: overlapping and nested terms', () => {
  const s = terms('最', '最佳', '国家级', '国家', '家级', '级别', '最佳国家');
  const text = '最佳国家级别';
  assert.deepEqual(spans(text, s.scan(text)).sort(), [
    '国家@2-4:国家', '国家级@2-5:国家级', '家级@3-5:家级', '最@0-1:最', '最佳@0-2:最佳', '最佳国家@0-4:最佳国家', '级别@4-6:级别',
  ]);
  // the same term overlapping itself
  assert.deepEqual(spans('哈哈哈', terms('哈哈').scan('哈哈哈')), ['哈哈@0-2:哈哈', '哈哈@1-3:哈哈']);
});

test('results carry the term as given, its category and its severity', () => {
  const s = createScreener([
    { term: '國家級', category: 'ad_law', severity: 'high' },
    { term: '国家级', category: 'brand_banned' },
    { term: '国家级', category: 'brand_banned' }, // duplicate entry: reported once
  ]);
  const ms = s.scan('这是国家级产品');
  assert.deepEqual(ms, [
    { start: 2, end: 5, term: '國家級', category: 'ad_law', severity: 'high' },
    { start: 2, end: 5, term: '国家级', category: 'brand_banned' },
  ]);
  assert.equal(s.size, 2);
});

test('width, case, traditional forms and look-alikes are matched in place', () => {
  const s = terms('敏感词', 'vip', 'no.1', '100%', 'boss');
  const cases: [string, string][] = [
    ['這是敏感詞', '敏感詞'],
    ['ＶＩＰ会员', 'ＶＩＰ'],
    ['Vip会员', 'Vip'],
    ['v1p会员', 'v1p'],
    ['NO1产品', 'NO1'],
    ['ＮＯ．１产品', 'ＮＯ．１'],
    ['１００％有效', '１００％'],
    ['1OO%有效', '1OO%'],
    ['8OSS来了', '8OSS'],
  ];
  for (const [text, expected] of cases) {
    const ms = s.scan(text);
    assert.equal(ms.length, 1, text);
    assert.equal(text.slice(ms[0].start, ms[0].end), expected, text);
  }
  assert.deepEqual(s.scan('100元'), []); // % is part of the term, not junk
});

test('numbers stay numbers: a term with a letter is not matched by digits alone', () => {
  const s = terms('lib', 'boss', '618', 'v1p');
  const found = (t: string) => s.scan(t).map((m) => `${m.term}:${t.slice(m.start, m.end)}`);
  assert.deepEqual(found('售价1188元'), []);
  assert.deepEqual(found('8055号'), []);
  assert.deepEqual(found('b0ss来了，B055也是'), ['boss:b0ss', 'boss:B055']);
  assert.deepEqual(found('618大促'), ['618:618']); // a term of digits matches digits
  assert.deepEqual(found('ｖｉｐ和111'), ['v1p:ｖｉｐ']); // v1p has letters: 111 is a number
});

test(`junk between term characters: up to ${MAX_GAP} visible, any number invisible`, () => {
  const s = terms('敏感词');
  const found = (t: string) => s.scan(t).length === 1;
  assert.ok(found('敏*感 词'));
  assert.ok(found('敏\u200b感\u200d\u200c\u2060\ufeff\u00ad词'));
  assert.ok(found('敏 * 感 - 词'));
  assert.ok(found('敏***感___词'));
  assert.ok(found('敏🔥🔥🔥感词'));
  assert.ok(found('敏\u200b*\u200b*\u200b*\u200b感词'));
  assert.ok(found('敏̶感̶词̶'));
  assert.ok(!found('敏****感词'), 'four visible junk characters separate the term');
  assert.ok(!found('敏 * * 感词'));
  assert.ok(!found('敏\n感词'), 'a line break always separates');
  assert.ok(!found('敏\r\n感词'));
  assert.ok(!found('敏x感词'), 'a significant character in between is not junk');
  const text = '前面 敏 * 感 词 后面';
  const [m] = s.scan(text);
  assert.equal(text.slice(m.start, m.end), '敏 * 感 词'); // starts and ends on term characters
});

test('terms are normalised like the text', () => {
  const s = createScreener([{ term: 'ＮＯ．１', category: 'ad_law' }, { term: '國 家 級', category: 'ad_law' }]);
  assert.equal(s.scan('No.1').length, 1);
  assert.equal(s.scan('国家级').length, 1);
  assert.equal(normalizeText('國 家 級'), normalizeText('国家级'));
});

test('terms with characters outside the BMP', () => {
  const s = terms('🔥爆款', '𠮷野家');
  const text = '今日🔥爆款：𠮷野家';
  assert.deepEqual(spans(text, s.scan(text)), ['🔥爆款@2-6:🔥爆款', '𠮷野家@7-11:𠮷野家']);
});

test('the default Advertising-Law dictionary', () => {
  assert.ok(AD_LAW_TERMS.length >= 100);
  for (const e of AD_LAW_TERMS) {
    assert.equal(e.category, 'ad_law');
    assert.ok(['high', 'medium', 'low'].includes(e.severity ?? ''), e.term);
    assert.ok(normalizeText(e.term).length > 0, e.term);
  }
  for (const must of ['最', '第一', '国家级', '顶级', '最佳', '最高级', '极致', '首个', '唯一', '100%', '全网最低']) {
    assert.ok(AD_LAW_TERMS.some((e) => e.term === must), must);
  }
  const s = createScreener(AD_LAW_TERMS);
  const text = '本品採用國家級工藝，全網最低價，ＮＯ．１！';
  const hits = s.scan(text).map((m) => `${m.term}/${m.severity}:${text.slice(m.start, m.end)}`);
  for (const h of ['国家级/high:國家級', '全网最低/high:全網最低', '全网最低价/high:全網最低價', '最低价/high:最低價', '最/low:最', 'NO.1/high:ＮＯ．１']) {
    assert.ok(hits.includes(h), `${h} in ${hits.join(', ')}`);
  }
});

test('huge inputs scan in linear time', () => {
  const s = createScreener([...AD_LAW_TERMS, ...Array.from({ length: 2000 }, (_, i) => ({ term: `词${i}号`, category: 'custom' }))]);
  const unit = '这是一段普通的中文内容，用来测试扫描速度。本产品是全网最低价！还有 敏*感 的词3号。\n';
  const text = unit.repeat(Math.ceil((5 * 1024 * 1024) / (unit.length * 2)));
  const t0 = performance.now();
  const ms = s.scan(text);
  const elapsed = performance.now() - t0;
  const per = s.scan(unit).length;
  assert.equal(ms.length, per * (text.length / unit.length));
  assert.ok(elapsed < 3000, `5 MB took ${elapsed.toFixed(0)} ms`);
});

test('no quadratic blow-up on adversarial dictionaries and texts', () => {
  // Long shared prefixes and failure chains: terms a…ab of every length, text of 2M a's.
  const s = terms(...Array.from({ length: 60 }, (_, i) => `${'a'.repeat(i + 1)}b`));
  const text = `${'a'.repeat(4_000_000)}b`;
  const t0 = performance.now();
  const ms = s.scan(text);
  assert.ok(performance.now() - t0 < 3000);
  assert.equal(ms.length, 60); // every a…ab ends at the final b: the whole suffix chain is reported
  assert.deepEqual(ms[0], { start: text.length - 61, end: text.length, term: `${'a'.repeat(60)}b`, category: 'custom' });
  // A text of junk only, and a text of characters in no term.
  assert.deepEqual(s.scan('*'.repeat(1_000_000)), []);
  assert.deepEqual(s.scan('中'.repeat(1_000_000)), []);
});
