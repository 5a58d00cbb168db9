// The literals go to PostgreSQL as the bulk statements send them, and come back as the values given.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { testEnv } from '../test/app';
import { plainArray } from './pg-array';

const t = await testEnv();

test('uuids, days, times, numbers and booleans round-trip through PostgreSQL, null included', async () => {
  const ids = [randomUUID(), null, randomUUID()];
  const times = ['2026-12-07T01:02:03.456Z', null];
  const r = await t.deps.db.$client.query(
    `select $1::uuid[]::text[] as ids, $2::date[]::text[] as days, $3::timestamptz[] as times, $4::bigint[]::text[] as ints, $5::real[] as reals, $6::boolean[] as flags`,
    [
      plainArray(ids),
      plainArray(['2026-02-28', undefined]),
      plainArray(times),
      plainArray([0, -12, 9_007_199_254_740_991, null]),
      plainArray([0.25, -1e-7]),
      plainArray([true, false, null]),
    ],
  );
  const row = r.rows[0];
  assert.deepEqual(row.ids, ids);
  assert.deepEqual(row.days, ['2026-02-28', null]);
  assert.deepEqual(
    row.times.map((d: Date | null) => d?.toISOString() ?? null),
    times,
  );
  assert.deepEqual(row.ints, ['0', '-12', '9007199254740991', null]);
  assert.deepEqual(row.reals, [0.25, -1e-7]);
  assert.deepEqual(row.flags, [true, false, null]);
  assert.equal(plainArray([]), '{}');
});

test('a value that would need quoting, or the word NULL, is refused rather than misread', () => {
  for (const bad of ['a,b', 'x y', '{1}', 'say "hi"', 'back\\slash', 'null', 'NULL', '', '好']) assert.throws(() => plainArray([bad]), /needs quoting/);
  assert.throws(() => plainArray([Number.NaN]), /not a finite number/);
  assert.throws(() => plainArray([Number.POSITIVE_INFINITY]), /not a finite number/);
});
