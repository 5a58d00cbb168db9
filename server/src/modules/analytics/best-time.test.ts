import assert from 'node:assert/strict';
import { test } from 'node:test';
import { as, testEnv, workspaceWithTeam } from '../../test/app';
import { postFigures, seedAccounts, seedPostDays, seedPublished } from '../../test/analytics-seed';
import { defaultWeek } from './best-time-defaults';
import { bestTime, localSlot, scoreWeek, suggestTimes } from './best-time';

const t = await testEnv();
const team = await workspaceWithTeam(t);
const db = t.deps.db;
const ws = team.workspaceId;
const NOW = new Date('2026-06-01T00:00:00Z'); // a Monday, 08:00 in Shanghai
const argmax = (xs: number[]) => xs.indexOf(Math.max(...xs));
const slot = (weekday: number, hour: number) => weekday * 24 + hour;

// Planted history: 12 Tuesday-20:00 posts with 100 interactions in their first week and 12
// Monday-09:00 posts with 10, over the last 12 weeks (Shanghai time; UTC 12:00 and 01:00).
const [acc] = await seedAccounts(db, ws, 1, 'wechat_oa');
const items = Array.from({ length: 12 }, (_, w) => [
  { accountId: acc.id, publishedAt: new Date(Date.parse('2026-03-10T12:00:00Z') + w * 7 * 86_400_000) },
  { accountId: acc.id, publishedAt: new Date(Date.parse('2026-03-09T01:00:00Z') + w * 7 * 86_400_000) },
]).flat();
const pubs = await seedPublished(db, ws, team.owner.userId, items);
await seedPostDays(
  db,
  ws,
  pubs,
  (p) => items[p].publishedAt.toISOString().slice(0, 10),
  10,
  // Day 8 and 9 fall outside the 7-day window and must not count (they would flip the result).
  (p, d) => (d < 7 ? postFigures({ views: 100, likes: d === 0 ? (p % 2 === 0 ? 100 : 10) : 0 }) : postFigures({ views: 1, likes: p % 2 === 0 ? 0 : 10_000 })),
);

test('a short history gets the platform default week, said so', () => {
  const few = scoreWeek([{ slot: slot(0, 3), value: 500 }], 'douyin');
  assert.equal(few.historyWeight, 0);
  assert.deepEqual(
    few.scores,
    defaultWeek('douyin').map((v) => Math.round(v * 1000) / 10),
  );
  // Article platforms peak in the evening (21h), weekdays.
  assert.equal(argmax(defaultWeek('wechat_oa')) % 24, 21);
});

test('planted history: Tuesday 20:00 scores highest, Monday 09:00 well below, learnt from the account', async () => {
  const b = await bestTime(db, ws, acc.id, NOW);
  assert.equal(b.posts, 24);
  assert.equal(b.source, 'history');
  assert.equal(b.scores.length, 168);
  assert.equal(argmax(b.scores), slot(1, 20));
  assert.equal(b.scores[slot(1, 20)], 100);
  assert.ok(b.scores[slot(0, 9)] < 30, `Monday 09:00 scored ${b.scores[slot(0, 9)]}`);
  // Neighbouring hours share the evidence (smoothing), falling off with distance.
  assert.ok(b.scores[slot(1, 19)] > b.scores[slot(1, 16)]);
});

test('the calendar suggestion names the next Tuesday 20:00 first among the best slots', async () => {
  const s = await suggestTimes(db, ws, [acc.id], 3, NOW);
  assert.equal(s.timezone, 'Asia/Shanghai');
  assert.equal(s.slots.length, 3);
  const best = [...s.slots].sort((a, b) => b.score - a.score)[0];
  assert.equal(best.at, '2026-06-02T12:00:00.000Z');
  assert.deepEqual(localSlot(new Date(best.at), 'Asia/Shanghai'), { weekday: 1, hour: 20, minute: 0 });
  for (const x of s.slots) assert.ok(Date.parse(x.at) >= NOW.getTime() + 3_600_000);
});

test('best time over HTTP: heat-map scores for an account of the workspace, 404 for another’s', async () => {
  const r = await as(t, team.guest)({ method: 'GET', url: `/api/v1/analytics/accounts/${acc.id}/best-time` });
  assert.equal(r.statusCode, 200, r.body);
  assert.equal(r.json().scores.length, 168);
  const other = await workspaceWithTeam(t);
  assert.equal((await as(t, other.owner)({ method: 'GET', url: `/api/v1/analytics/accounts/${acc.id}/best-time` })).statusCode, 404);
  const bad = await as(t, team.owner)({ method: 'GET', url: '/api/v1/analytics/best-time/suggest?accountIds=nope' });
  assert.equal(bad.statusCode, 400);
});
