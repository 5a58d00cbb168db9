import assert from 'node:assert/strict';
import { test } from 'node:test';
import { foldForReading } from '../risk/screener';
import { isComplaint, isQuestion } from './detect';
import { loadComments } from './training';

const q = (t: string) => isQuestion(foldForReading(t));
const c = (t: string) => isComplaint(foldForReading(t));

test('questions: question marks, final 吗/呢, A-not-A forms and asking words', () => {
  for (const t of [
    '请问什么时候发货？',
    '这个好用吗',
    '包邮吗，新疆能发吗',
    '有没有黑色的',
    '能不能便宜点',
    '怎么申请发票',
    '保修期是多久',
    '下次直播是什么时候呢',
    '尺码偏大還是偏小？',
  ])
    assert.equal(q(t), true, t);
  for (const t of ['物流很快，包装也不错', '不知道怎么说，很满意', '没什么问题，挺好', '什么都好', '不不不，我没买', '差不多到了'])
    assert.equal(q(t), false, t);
});

test('complaints: demands, escalation, accusations and unresolved failures; a waived demand is not one', () => {
  for (const t of ['再不退款我就打12315', '客服不理人，差评', '没收到货', '一直没有退款', '假货！要求退货', '發貨太慢了，我要投訴', '我 要 投 诉', '维*权'])
    assert.equal(c(t), true, t);
  for (const t of ['好评，不用退货了', '请问什么时候发货', '物流很快', '不想投诉，下次注意', '这款挺好用的']) assert.equal(c(t), false, t);
});

test('on the comment set the rules agree with the labels at least 90 % of the time', () => {
  const comments = loadComments();
  const agree = (pick: (t: string) => boolean, flag: 'question' | 'complaint') =>
    comments.filter((x) => pick(foldForReading(x.text)) === x[flag]).length / comments.length;
  const questions = agree(isQuestion, 'question');
  const complaints = agree(isComplaint, 'complaint');
  console.log(`question rule agrees on ${(100 * questions).toFixed(1)} %, complaint rule on ${(100 * complaints).toFixed(1)} % of ${comments.length}`);
  assert.ok(questions >= 0.9, `questions ${questions}`);
  assert.ok(complaints >= 0.9, `complaints ${complaints}`);
});
