import assert from 'node:assert/strict';
import { test } from 'node:test';
import { T2S_FROM, T2S_TO } from './dictionaries/t2s-data';
import { deriveT2sPairs } from './dictionaries/t2s-source';

test('the committed traditional → simplified table is what the installed opencc-js gives', () => {
  const pairs = deriveT2sPairs();
  assert.equal(T2S_FROM, pairs.map((p) => p[0]).join(''), 'regenerate with: npx tsx server/src/modules/risk/dictionaries/generate.ts');
  assert.equal(T2S_TO, pairs.map((p) => p[1]).join(''));
});

test('the table is char to char and contains the common traditional characters', () => {
  assert.equal(T2S_FROM.length, T2S_TO.length);
  assert.ok(T2S_FROM.length > 3000);
  const map = new Map([...T2S_FROM].map((c, i) => [c, T2S_TO[i]]));
  for (const [t, s] of [['國', '国'], ['級', '级'], ['產', '产'], ['臺', '台'], ['灣', '湾'], ['髮', '发'], ['發', '发'], ['衞', '卫']]) {
    assert.equal(map.get(t), s, t);
  }
  for (const [from, to] of map) assert.ok(!map.has(to), `${from} → ${to} is not final`);
});
