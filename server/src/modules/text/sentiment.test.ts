import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { foldForReading } from '../risk/screener';
import { analyse } from './index';
import { classifySentiment, isPlainQuestion, labelOf, sentimentModel } from './sentiment';
import { CONFIG, labelWith, prepare, trainRecipe } from './recipe';
import { COMMENTS_FILE, commentPart, findReviewsFile, loadComments, loadReviews, sha256 } from './training';

const label = (t: string) => classifySentiment(t).label;
const score = (t: string) => classifySentiment(t).score;

test('clear cases, negation included: 不好 is negative, 不错 positive', () => {
  for (const t of ['很好', '不错', '非常满意', '很不错，推荐', '质量很好，物流也很快']) assert.equal(label(t), 'positive', t);
  for (const t of ['不好', '不好用', '一点也不好', '不是很好', '质量很差', '太失望了', '垃圾', '没有想象中好']) assert.equal(label(t), 'negative', t);
  // Known miss: 并不差 is still read as negative (README), but the negation weakens it.
  assert.ok(score('并不差') > score('很差'), `${score('并不差')} > ${score('很差')}`);
});

test('the folding applies: traditional, full-width and spaced-out forms score like the plain text', () => {
  assert.equal(score('不錯'), score('不错'));
  assert.equal(score('質量太差了，非常失望！'), score('质量太差了,非常失望!'));
  assert.equal(score('垃 圾'), score('垃圾'));
  assert.equal(label(''), 'neutral');
});

test('the score is in [−1, 1] and its sign agrees with the label', () => {
  for (const c of loadComments()) {
    const s = classifySentiment(c.text);
    assert.ok(s.score >= -1 && s.score <= 1);
    if (s.label === 'positive') assert.ok(s.score > 0);
    if (s.label === 'negative') assert.ok(s.score < 0);
  }
});

test('sarcasm of the test third (never trained on): at least 15 of 27 read as negative', () => {
  const sarcasm = loadComments().filter((c) => c.kind === 'sarcasm' && commentPart(c) === 'test');
  const right = sarcasm.filter((c) => label(c.text) === 'negative').length;
  console.log(`sarcasm, test third: ${right}/${sarcasm.length} negative`);
  assert.equal(sarcasm.length, 27);
  assert.ok(right >= 15, `${right}`);
});

test('neutral is its own decision: a short plain question is neutral up to the question band, a statement only inside the narrow band', () => {
  const neutral = { band: 0.1, questionBand: 0.7 };
  assert.equal(labelOf(-0.5, true, neutral), 'neutral');
  assert.equal(labelOf(-0.5, false, neutral), 'negative');
  assert.equal(labelOf(0.05, false, neutral), 'neutral');
  assert.equal(labelOf(0.8, true, neutral), 'positive');
  assert.equal(labelOf(0, false, { band: 0, questionBand: 0 }), 'neutral');
  assert.equal(label('食物中毒了，要曝光你们'), 'negative', 'a complaint is not a plain question');
  const plain = (t: string) => isPlainQuestion(foldForReading(t));
  assert.equal(plain('请问门店几点开门？'), true);
  assert.equal(plain('能开发票吗'), true);
  assert.equal(plain('为什么还不退款？'), false, 'a complaint is not a plain question');
  assert.equal(plain('今天收到了，包装完好'), false);
  assert.equal(plain(`${'这本书的结构颇有特点，'.repeat(3)}为什么写得这么好？`), false, 'a long review with a question in it');
  // With the shipped model: plain questions of the comment set read neutral more often than not.
  const questions = loadComments().filter((c) => c.kind === 'question' && c.label === 'neutral' && commentPart(c) === 'test');
  const right = questions.filter((c) => label(c.text) === 'neutral').length;
  assert.ok(right * 2 > questions.length, `${right}/${questions.length} neutral questions of the test third read neutral`);
});

test('analyse, which segments once for everything, gives the same sentiment as classifySentiment', () => {
  for (const c of loadComments().slice(0, 200)) assert.deepEqual(analyse(c.text).sentiment, classifySentiment(c.text), c.text);
});

test('a domain the recipe never saw: trained without phones and dairy, it still reads their reviews', (t) => {
  const file = findReviewsFile();
  if (!file) return t.skip('shared/data/sentiment/shopping-reviews.csv is not beside this clone');
  // The shipped model is trained on every category; the recipe run without two of them is how it
  // does on a new domain (npm run eval:sentiment leaves out each category in turn).
  const left = ['手机', '蒙牛'];
  const data = prepare(loadReviews(file), loadComments(), CONFIG);
  const categories = [...new Set(data.reviews.map((r) => r.category))].filter((c) => !left.includes(c));
  const model = trainRecipe(data, categories, CONFIG);
  const reviews = data.reviews.filter((r) => left.includes(r.category));
  const said = reviews.map((r) => labelWith(model, r));
  const right = said.filter((l, i) => l === reviews[i].label).length;
  const negatives = reviews.filter((r) => r.label === 'negative').length;
  const negRight = said.filter((l, i) => l === 'negative' && reviews[i].label === 'negative').length;
  console.log(`unseen 手机 and 蒙牛: ${right}/${reviews.length} right, negative recall ${negRight}/${negatives}`);
  assert.ok(right / reviews.length >= 0.82, `accuracy ${right / reviews.length}`);
  assert.ok(negRight / negatives >= 0.8, `negative recall ${negRight / negatives}`);
});

test('the shipped model is the one trained from the data files in the repository and shared/', (t) => {
  const { model, weights } = sentimentModel();
  // The reviews live outside the repository (../shared); a clone without them checks the rest.
  const reviews = findReviewsFile();
  if (reviews) {
    assert.equal(model.data.reviews.sha256, sha256(reviews), 'the reviews changed: npm run train:sentiment');
    assert.deepEqual(model.categories, [...new Set(loadReviews(reviews).map((r) => r.category))].sort(), 'trained on every review category');
  } else t.diagnostic('shared/data/sentiment/shopping-reviews.csv is not beside this clone: its hash is not checked');
  assert.equal(model.data.comments.sha256, sha256(COMMENTS_FILE), 'data/comments.csv changed: npm run train:sentiment');
  assert.equal(model.data.comments.rows, loadComments().length);
  assert.equal(model.weightsSha256, createHash('sha256').update(weights).digest('hex'), 'sentiment.bin is not the file the script wrote');
  assert.equal(readFileSync(new URL('./model/sentiment.bin', import.meta.url)).length, 2 * 1024 * 1024, 'one byte per bucket, 2^21 buckets');
});
