import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyse, keywords, segment } from './index';

test('segmentation keeps brand, platform and slang words of the product dictionary whole', () => {
  const tokens = segment('这个真的绝绝子，yyds！客服太拉胯了，踩雷了，小红书种草的，打12315');
  for (const w of ['绝绝子', 'yyds', '拉胯', '踩雷', '小红书', '种草', '12315', '客服']) assert.ok(tokens.includes(w), `${w} in ${tokens}`);
  assert.ok(!tokens.some((t) => /^[\s,，!！]+$/.test(t)), 'punctuation and spaces are not tokens');
  assert.deepEqual(segment(''), []);
});

test('keywords: the topic words rank first, function words and numbers are not keywords', () => {
  const top = keywords('这个洗发水用了头皮很痒，洗发水味道也不好闻，客服一直不理人，等了3天', 3).map((k) => k.word);
  assert.equal(top[0], '洗发水', 'the repeated topic word ranks first');
  assert.ok(top.includes('头皮'));
  const all = keywords('我们的东西真的很好，这个就是还有3个', 10).map((k) => k.word);
  for (const w of ['我们', '真的', '这个', '就是', '3']) assert.ok(!all.includes(w), `${w} is not a keyword`);
});

test('analyse folds first: traditional, full-width and spaced-out spellings read as the plain words', () => {
  const a = analyse('客服態度太差了，我 要 投 訴！什麼時候退款？');
  assert.equal(a.folded, '客服态度太差了,我要投诉!什么时候退款?');
  assert.ok(a.tokens.includes('投诉') && a.tokens.includes('退款'));
  assert.equal(a.isQuestion, true);
  assert.equal(a.isComplaint, true);
  assert.equal(a.sentiment.label, 'negative');
  assert.ok(a.keywords.length > 0);
  assert.equal(analyse('垃 * 圾').folded, '垃圾');
});
