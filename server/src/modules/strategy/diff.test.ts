// The diff a person reads between two versions: items followed by id through a rename, added and
// removed items named, untouched fields absent.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diffStrategy, EMPTY } from './diff';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const v1 = {
  ...EMPTY,
  positioning: '护肤顾问',
  pillars: [
    { id: A, name: '成分科普', description: '', share: 50 },
    { id: B, name: '好物测评', description: '', share: 50 },
  ],
  formats: [{ format: 'short_video' as const, share: 100 }],
};

test('a renamed pillar is the same pillar: its name changed, nothing added or removed', () => {
  const v2 = { ...v1, pillars: [{ ...v1.pillars[0], name: '成分解读' }, v1.pillars[1]] };
  const changes = diffStrategy(v1, v2);
  assert.deepEqual(
    changes.map((c) => [c.path, c.kind, c.label, c.before, c.after]),
    [[`pillars[${A}].name`, 'changed', '内容支柱「成分解读」的名称', '成分科普', '成分解读']],
  );
});

test('added and removed items and scalar fields are named; an unchanged version has no changes', () => {
  const v2 = {
    ...v1,
    positioning: '年轻人的护肤顾问',
    pillars: [{ ...v1.pillars[0], share: 100 }],
    formats: [
      { format: 'short_video' as const, share: 60 },
      { format: 'live' as const, share: 40 },
    ],
    postsPerWeek: 5,
  };
  assert.deepEqual(
    diffStrategy(v1, v2).map((c) => [c.path, c.kind]),
    [
      ['positioning', 'changed'],
      [`pillars[${A}].share`, 'changed'],
      [`pillars[${B}]`, 'removed'],
      ['formats[short_video].share', 'changed'],
      ['formats[live]', 'added'],
      ['postsPerWeek', 'changed'],
    ],
  );
  assert.equal(diffStrategy(v1, v2).find((c) => c.path === 'formats[live]')?.label, '内容形式「直播」');
  assert.deepEqual(diffStrategy(v1, structuredClone(v1)), []);
});
