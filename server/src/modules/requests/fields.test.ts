// A request form checked as a requester fills it in: required fields, each kind's values, answers
// to no field, and the kept answers (trimmed, numbers as numbers, empties dropped).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkAnswers, DEFAULT_TYPES } from './fields';
import type { StoredField } from './tables';

const form: StoredField[] = [
  { key: 'goal', label: '推广目的', kind: 'long_text', required: true, options: [] },
  { key: 'channel', label: '渠道', kind: 'select', required: true, options: ['公众号', '微博'] },
  { key: 'go_live', label: '上线日期', kind: 'date', required: false, options: [] },
  { key: 'budget', label: '预算', kind: 'number', required: false, options: [] },
  { key: 'page', label: '页面', kind: 'link', required: false, options: [] },
  { key: 'name', label: '名称', kind: 'text', required: false, options: [] },
];
const paths = (r: ReturnType<typeof checkAnswers>) => r.problems.map((p) => p.path);

test('a complete form is kept as typed: trimmed, a number given as text becomes a number, empty answers dropped', () => {
  const r = checkAnswers(form, { goal: '  春季新品推广 ', channel: '微博', go_live: '2026-03-01', budget: '5000', page: 'https://example.com/p', name: '' });
  assert.deepEqual(r.problems, []);
  assert.deepEqual(r.answers, { goal: '春季新品推广', channel: '微博', go_live: '2026-03-01', budget: 5000, page: 'https://example.com/p' });
});

test('every problem is named by its field, in Chinese and English', () => {
  const r = checkAnswers(form, {
    goal: '  ',
    channel: '抖音',
    go_live: '2026-02-30',
    budget: '五千',
    page: 'javascript:alert(1)',
    name: 'x'.repeat(201),
    extra: 'y',
  });
  assert.deepEqual(paths(r), ['answers.extra', 'answers.goal', 'answers.channel', 'answers.go_live', 'answers.budget', 'answers.page', 'answers.name']);
  const by = Object.fromEntries(r.problems.map((p) => [p.path, p.message]));
  assert.equal(by['answers.goal'], '请填写「推广目的」 / "推广目的" is required');
  assert.match(by['answers.channel'], /须是以下之一：公众号、微博 \/ .* must be one of: 公众号, 微博/);
  assert.match(by['answers.go_live'], /须是日期/, 'February 30th is no date');
  assert.match(by['answers.budget'], /须是数字 \/ .* must be a number/);
  assert.match(by['answers.page'], /http\(s\) 链接/, 'only web links, never a script');
  assert.match(by['answers.name'], /最多 200 字/);
  assert.match(by['answers.extra'], /表单没有字段/);
  assert.deepEqual(r.answers, {}, 'nothing wrong is kept');
});

test('a required select left out and a number of the wrong type are refused; the defaults are the four types with valid forms', () => {
  assert.deepEqual(paths(checkAnswers(form, { goal: 'x', budget: Number.NaN })), ['answers.channel', 'answers.budget']);
  assert.deepEqual(
    DEFAULT_TYPES.map((t) => t.name),
    ['推广需求', '新品上市', '活动', '客服问题'],
  );
  for (const t of DEFAULT_TYPES) for (const f of t.fields) if (f.kind === 'select') assert.ok(f.options.length > 0, `${t.name}.${f.key}`);
});
