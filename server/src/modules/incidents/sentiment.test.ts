import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scoreSentiment } from './sentiment';

const neg = (t: string) => assert.equal(scoreSentiment(t).negative, true, `${t} should be negative: ${JSON.stringify(scoreSentiment(t))}`);
const notNeg = (t: string) => assert.equal(scoreSentiment(t).negative, false, `${t} should not be negative: ${JSON.stringify(scoreSentiment(t))}`);
const score = (t: string) => scoreSentiment(t).score;

test('negation: 不好 is negative, 不错 is positive, 不是不好 is positive again', () => {
  assert.ok(score('好') > 0);
  neg('不好');
  assert.ok(score('不错') > 0, 'a word of its own, not 不 + 错');
  assert.ok(score('不是不好') > 0, 'double negation');
  neg('没有人喜欢');
  neg('一点都不满意');
  assert.ok(score('不差') > 0);
  assert.ok(score('并没有很失望') > 0);
});

test('degree words scale; a negator before a degree word softens the flip', () => {
  assert.ok(score('非常好') > score('好'));
  assert.ok(score('有点失望') > score('失望'), '有点 weakens');
  assert.ok(score('太不好了') < score('不太好'), '太不好 is worse than 不太好');
  neg('不太好');
  assert.ok(score('不太好') > score('不好'), 'not very good is milder than not good');
});

test('clauses: punctuation ends a negation; after 但是 what came before counts half', () => {
  // The 不 of the first clause does not reach 满意 in the second one.
  assert.ok(score('不知道怎么说，很满意') > 0);
  assert.ok(score('不，很满意') > 0);
  neg('东西还行，但是太贵了');
  notNeg('有点贵，但是质量很好');
});

test('neutral look-alikes: questions and phrases that contain sentiment characters', () => {
  assert.equal(score('好不好？'), 0);
  assert.equal(score('是不是真的'), 0);
  assert.equal(score('差不多到了吧'), 0);
  assert.ok(score('没想到这么好用') > 0, '没想到 is not a negation');
  neg('好多人投诉了');
  neg('好难用');
});

test('real comments: complaints are negative, praise and plain questions are not', () => {
  for (const t of ['客服态度很差，投诉了三次都没人管', '这个产品真垃圾，再也不买了', '虚假宣传，退钱！', '吃出了异物，恶心😡', '太失望了👎', '割韭菜的智商税'])
    neg(t);
  for (const t of ['物流很快，包装也不错👍', '支持！一直在用', '请问什么时候发货？', '今天天气不错', '第一次买，期待', '笑死我了哈哈']) notNeg(t);
});

test('traditional characters and full-width forms are read like simplified ones', () => {
  assert.equal(score('不錯'), score('不错'));
  neg('質量太差了，非常失望！');
  assert.equal(score('ＹＹＤＳ'), score('yyds'));
});

test('emoji: 👍 is positive and 👎 negative although they share their first UTF-16 unit', () => {
  assert.ok(score('👍') > 0);
  assert.ok(score('👎') < 0);
  assert.ok(score('❤') > 0);
  assert.ok(score('不​好') < 0, 'a zero-width space inside is ignored');
});

test('empty and unknown text score 0; the score stays in (-1, 1)', () => {
  assert.deepEqual(scoreSentiment(''), { score: 0, negative: false, words: [] });
  assert.equal(score('今天下午三点开会'), 0);
  const s = score('垃圾'.repeat(500));
  assert.ok(s >= -1 && s < -0.99);
});
