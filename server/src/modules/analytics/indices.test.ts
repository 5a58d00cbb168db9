import assert from 'node:assert/strict';
import { test } from 'node:test';
import { as, testEnv, workspaceWithTeam } from '../../test/app';
import { newAccount, seedPostDay, seedPublication } from '../../test/goals';

const t = await testEnv();
const team = await workspaceWithTeam(t);
const get = (q: string) => as(t, team.guest)({ method: 'GET', url: `/api/v1/analytics/indices?${q}` });
const { log } = Math;

// One WeChat account with three articles in 2026-03-01..07 (Shanghai), one outside, one figure
// after the period; a second WeChat account with nothing; one Weibo account with two posts.
const wx = await newAccount(t, team, 'wechat_oa', '甲公众号');
await newAccount(t, team, 'wechat_oa', '乙公众号');
const wb = await newAccount(t, team, 'weibo', '丙微博');
const a1 = await seedPublication(t, team, wx.id, new Date('2026-03-02T00:00:00Z')); // 03-02 08:00, that day's headline
const a2 = await seedPublication(t, team, wx.id, new Date('2026-03-02T12:00:00Z')); // 03-02 20:00
const a3 = await seedPublication(t, team, wx.id, new Date('2026-03-05T02:00:00Z')); // 03-05 10:00, headline
const early = await seedPublication(t, team, wx.id, new Date('2026-02-27T02:00:00Z'));
await seedPostDay(t, team.workspaceId, a1, wx.id, '2026-03-02', { views: 1000, zaikan: 10, likes: 20, shares: 30 });
await seedPostDay(t, team.workspaceId, a1, wx.id, '2026-03-03', { views: 500, zaikan: 0, likes: 5, shares: 10 });
await seedPostDay(t, team.workspaceId, a2, wx.id, '2026-03-02', { views: 300, zaikan: 2, likes: 4, shares: 6 });
await seedPostDay(t, team.workspaceId, a3, wx.id, '2026-03-05', { views: 800, zaikan: 5, likes: 10, shares: 20 });
await seedPostDay(t, team.workspaceId, a3, wx.id, '2026-03-08', { views: 999, zaikan: 9, likes: 9, shares: 9 });
await seedPostDay(t, team.workspaceId, early, wx.id, '2026-03-02', { views: 5000 });
const b1 = await seedPublication(t, team, wb.id, new Date('2026-03-03T02:00:00Z'));
const b2 = await seedPublication(t, team, wb.id, new Date('2026-03-06T02:00:00Z'));
await seedPostDay(t, team.workspaceId, b1, wb.id, '2026-03-03', { shares: 10, comments: 5, likes: 50 });
await seedPostDay(t, team.workspaceId, b2, wb.id, '2026-03-06', { shares: 4, comments: 1, likes: 6 });

test('WCI over 7 days matches the hand computation of PRODUCT.md', async () => {
  const r = await get('days=7&end=2026-03-07');
  assert.equal(r.statusCode, 200, r.body);
  const body = r.json();
  assert.deepEqual([body.start, body.end, body.days], ['2026-03-01', '2026-03-07', 7]);
  // Articles in the period: a1 (1500 reads, 10 在看, 25 likes, 40 shares), a2 (300, 2, 4, 6), a3 (800, 5, 10, 20; its 03-08 day is after the period).
  // Totals: reads 2600, 在看 17, likes 39, shares 66; n = 3, d = 7. Headlines: a1 (03-02) and a3 (03-05): 2300, 15, 35, 60.
  const f = (r: number, z: number, l: number, re: number) => 0.7 * log(r + 1) + 0.09 * log(10 * z + 1) + 0.06 * log(10 * l + 1) + 0.15 * log(10 * re + 1);
  const O = f(2600 / 7, 17 / 7, 39 / 7, 66 / 7); // 5.3606
  const A = f(2600 / 3, 17 / 3, 39 / 3, 66 / 3); // 6.2032
  const H = f(2300 / 7, 15 / 7, 35 / 7, 60 / 7); // 5.2437
  const P = f(1500, 10, 25, 40); // 6.7657
  const expected = (0.6 * O + 0.2 * A + 0.1 * H + 0.1 * P) ** 2 * 12;
  assert.ok(Math.abs(expected - 384.1452) < 1e-3);
  const [first, second] = body.wci;
  assert.deepEqual([first.rank, first.accountName, first.posts, first.value], [1, '甲公众号', 3, 384.15]);
  assert.deepEqual([first.parts.reads, first.parts.zaikan, first.parts.likes, first.parts.shares, first.parts.headlines], [2600, 17, 39, 66, 2]);
  assert.ok(Math.abs(first.parts.O - O) < 1e-4 && Math.abs(first.parts.P - P) < 1e-4);
  // No article: every f is ln(1) = 0.
  assert.deepEqual([second.rank, second.accountName, second.value], [2, '乙公众号', 0]);
});

test('BCI over 7 days matches the hand computation', async () => {
  const body = (await get('days=7&end=2026-03-07')).json();
  assert.equal(body.bci.length, 1);
  // 2 posts; reposts 14, comments 6, likes 56.
  const W1 = log(2 + 1);
  const W2 = 0.4 * log(14 + 1) + 0.4 * log(6 + 1) + 0.2 * log(56 + 1);
  const expected = (0.2 * W1 + 0.8 * W2) * 160;
  assert.ok(Math.abs(expected - 376.9405) < 1e-3);
  assert.equal(body.bci[0].value, 376.94);
  assert.deepEqual([body.bci[0].parts.reposts, body.bci[0].parts.comments, body.bci[0].parts.likes], [14, 6, 56]);
});

test('weights are shown with their defaults, changed by managers only, and the index follows them', async () => {
  const shown = await as(t, team.guest)({ method: 'GET', url: '/api/v1/analytics/settings' });
  assert.equal(shown.statusCode, 200);
  assert.deepEqual(shown.json().wci, { reads: 0.7, zaikan: 0.09, likes: 0.06, shares: 0.15, daily: 0.6, perArticle: 0.2, headline: 0.1, peak: 0.1 });
  assert.equal(shown.json().anomalyK, 3);
  const wci = { ...shown.json().wci, reads: 1 };
  const patch = (m: typeof team.owner, payload: object) => as(t, m)({ method: 'PATCH', url: '/api/v1/analytics/settings', payload });
  assert.equal((await patch(team.editor, { wci })).statusCode, 403);
  assert.equal((await patch(team.manager, { anomalyK: 0 })).statusCode, 400);
  const saved = await patch(team.manager, { wci });
  assert.equal(saved.statusCode, 200, saved.body);
  assert.equal(saved.json().defaults.wci.reads, 0.7);
  const f = (r: number, z: number, l: number, re: number) => 1.0 * log(r + 1) + 0.09 * log(10 * z + 1) + 0.06 * log(10 * l + 1) + 0.15 * log(10 * re + 1);
  const expected =
    (0.6 * f(2600 / 7, 17 / 7, 39 / 7, 66 / 7) + 0.2 * f(2600 / 3, 17 / 3, 13, 22) + 0.1 * f(2300 / 7, 15 / 7, 5, 60 / 7) + 0.1 * f(1500, 10, 25, 40)) ** 2 *
    12;
  assert.ok(Math.abs(expected - 679.1158) < 1e-3);
  assert.equal((await get('days=7&end=2026-03-07')).json().wci[0].value, 679.12);
  assert.equal((await get('days=9')).statusCode, 400);
});
