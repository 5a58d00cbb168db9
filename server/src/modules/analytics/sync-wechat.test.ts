// The metrics sync of an Official Account against the emulator's datacube: span limits (a 30-day
// backfill is five calls of at most 7 days, never today), idempotency (a second run writes
// nothing), late figures replaced once final (08:00 the next morning, Beijing), backfill progress
// across a quota stop, imported likes kept by a sync, and a failing sync notifying once.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { MemoryTokenStore, PlatformError } from '../../platforms/adapter';
import { addDays, dayIn, daysBetween } from '../../platforms/metrics';
import { WechatClient } from '../../platforms/wechat/client';
import { wechatMetrics } from '../../platforms/wechat/metrics';
import { publishingEnv, wechatWorkspace } from '../../test/publishing';
import { notificationsOf, publishedPosts, sharedClock } from '../../test/sync';
import { ingestPostDays } from './ingest';
import { syncAccount } from './sync';
import { accountSync } from './sync-tables';
import { accountMetrics, postMetrics } from './tables';

const e = await publishingEnv({ worker: false });
const BJ = 'Asia/Shanghai';
const calls = async (appid: string, path: string) => ((await e.control('GET', `/wechat/calls?appid=${appid}&path=${path}`)) as { total: number }).total;
const rowsOf = (accountId: string) => e.deps.db.select().from(accountMetrics).where(eq(accountMetrics.accountId, accountId)).orderBy(accountMetrics.day);

test('a 30-day backfill is five datacube calls of at most 7 days ending yesterday; a second run writes nothing', async () => {
  const ws = await wechatWorkspace(e, 1);
  const [acc] = ws.accounts;
  await e.control('POST', '/wechat/apps', {
    appid: acc.appid,
    secret: `s-${acc.appid}`,
    type: 'service',
    entity: 'company',
    verified: true,
    followers: 50_000,
  });
  const now = new Date();
  const yesterday = addDays(dayIn(BJ, now), -1);
  const pubAt = new Date(now.getTime() - 3 * 86_400_000);
  const [pub] = await publishedPosts(e, ws, pubAt, [{ msgDataId: '2247483700', publishId: '2650177668' }]);
  await e.control('POST', '/wechat/datacube/articles', { appid: acc.appid, msgDataId: '2247483700', publishedAt: pubAt.toISOString() });

  const first = await syncAccount(e.deps, ws.team.workspaceId, acc.id, { now, backfillDays: 30 });
  const backfill = first.fetched.slice(0, 5);
  assert.equal(backfill.length, 5);
  assert.ok(backfill.every((f) => daysBetween(f.from, f.to) + 1 <= 7));
  assert.equal(backfill[0].from, addDays(yesterday, -29));
  assert.equal(backfill[4].to, yesterday, 'never today');
  for (let i = 1; i < 5; i++) assert.equal(backfill[i].from, addDays(backfill[i - 1].to, 1), 'no gap, no overlap');
  assert.equal(await calls(acc.appid, '/datacube/getusersummary'), first.fetched.length);
  assert.equal(first.accountDays.inserted, 30);
  const days = await rowsOf(acc.id);
  assert.equal(days.length, 30);
  assert.equal(days.at(-1)?.day, yesterday);
  // Followers at each day's end move by that day's gains and losses.
  for (let i = 1; i < days.length; i++) {
    assert.equal(days[i].followers, (days[i - 1].followers ?? 0) + (days[i].followersGained ?? 0) - (days[i].followersLost ?? 0));
  }
  assert.deepEqual([days[0].views, days[0].likes, days[0].source], [null, null, 'sync'], 'account reads are not in the API: unknown, not 0');
  const posts = await e.deps.db.select().from(postMetrics).where(eq(postMetrics.publicationId, pub)).orderBy(postMetrics.day);
  assert.equal(posts.length, daysBetween(dayIn(BJ, pubAt), yesterday) + 1);
  assert.ok((posts[0].views ?? 0) > 0);
  assert.deepEqual([posts[0].likes, posts[0].zaikan], [null, null], 'likes and 在看 are not in the API');

  const second = await syncAccount(e.deps, ws.team.workspaceId, acc.id, { now, backfillDays: 30 });
  assert.equal(second.accountDays.inserted + second.accountDays.replaced, 0);
  assert.equal(second.postDays.inserted + second.postDays.replaced, 0);
  assert.equal((await rowsOf(acc.id)).length, 30);
});

test('the emulator refuses a span over 7 days and an end date of today with 61501', async () => {
  const ws = await wechatWorkspace(e, 1);
  const client = new WechatClient({
    baseUrl: e.emulator.url,
    appId: ws.accounts[0].appid,
    appSecret: `s-${ws.accounts[0].appid}`,
    tokenStore: new MemoryTokenStore(),
  });
  const reader = wechatMetrics(client);
  const today = dayIn(BJ, new Date());
  for (const [from, to] of [
    [addDays(today, -8), addDays(today, -1)],
    [addDays(today, -2), today],
  ]) {
    await assert.rejects(reader.accountDays(from, to), (err) => err instanceof PlatformError && err.code === 61501);
  }
  assert.equal((await reader.accountDays(addDays(today, -7), addDays(today, -1))).length, 7);
});

test('a day fetched before its 08:00 finality is fetched again after it, and the late figures replace it', async () => {
  const e2 = e;
  const ws = await wechatWorkspace(e2, 1);
  const [acc] = ws.accounts;
  const clock = sharedClock(e2);
  await clock.toBeijing(7);
  const day = addDays(dayIn(BJ, clock.now()), -1);
  const early = await syncAccount(e2.deps, ws.team.workspaceId, acc.id, { now: clock.now(), backfillDays: 3 });
  assert.equal(early.accountDays.inserted, 3);
  const [s1] = await e2.deps.db.select().from(accountSync).where(eq(accountSync.accountId, acc.id));
  assert.equal(s1.finalThrough, addDays(day, -1), 'yesterday is not final before 08:00');
  const [provisional] = await e2.deps.db
    .select()
    .from(accountMetrics)
    .where(and(eq(accountMetrics.accountId, acc.id), eq(accountMetrics.day, day)));

  await e2.control('POST', '/wechat/datacube/correct', { appid: acc.appid, date: day, delta: 50 });
  await clock.advance(2 * 3_600_000);
  const late = await syncAccount(e2.deps, ws.team.workspaceId, acc.id, { now: clock.now() });
  assert.deepEqual(late.fetched, [{ from: day, to: day }]);
  assert.deepEqual([late.accountDays.replaced, late.accountDays.inserted], [1, 0]);
  const [final] = await e2.deps.db
    .select()
    .from(accountMetrics)
    .where(and(eq(accountMetrics.accountId, acc.id), eq(accountMetrics.day, day)));
  assert.ok((final.followersGained ?? 0) >= (provisional.followersGained ?? 0) + 50, `${final.followersGained} vs ${provisional.followersGained}`);
  const [s2] = await e2.deps.db.select().from(accountSync).where(eq(accountSync.accountId, acc.id));
  assert.equal(s2.finalThrough, day);
  // Final now: the next run asks for nothing.
  const again = await syncAccount(e2.deps, ws.team.workspaceId, acc.id, { now: clock.now() });
  assert.deepEqual(again.fetched, []);
});

test('a backfill stopped by the daily quota keeps its progress and resumes where it stopped', async () => {
  const ws = await wechatWorkspace(e, 1);
  const [acc] = ws.accounts;
  const now = new Date();
  await e.control('POST', '/wechat/quota', { appid: acc.appid, path: '/datacube/getusersummary', dailyLimit: 2 });
  await assert.rejects(
    syncAccount(e.deps, ws.team.workspaceId, acc.id, { now, backfillDays: 30 }),
    (err) => err instanceof PlatformError && err.code === 45009,
  );
  const [s] = await e.deps.db.select().from(accountSync).where(eq(accountSync.accountId, acc.id));
  assert.deepEqual([s.backfillDone, s.backfillThrough, s.consecutiveFailures], [false, addDays(s.backfillFrom as string, 13), 1]);
  assert.match(s.lastError ?? '', /45009/);
  assert.equal((await rowsOf(acc.id)).length, 14);

  await e.control('POST', '/wechat/quota', { appid: acc.appid, path: '/datacube/getusersummary', dailyLimit: 1000 });
  const resumed = await syncAccount(e.deps, ws.team.workspaceId, acc.id, { now, backfillDays: 30 });
  assert.equal(resumed.fetched[0].from, addDays(s.backfillFrom as string, 14));
  const [done] = await e.deps.db.select().from(accountSync).where(eq(accountSync.accountId, acc.id));
  assert.deepEqual([done.backfillDone, done.consecutiveFailures, done.lastError], [true, 0, null]);
  assert.equal((await rowsOf(acc.id)).length, 30);
});

test("a sync keeps the likes and 在看 an import stored, which WeChat's API does not give", async () => {
  const ws = await wechatWorkspace(e, 1);
  const [acc] = ws.accounts;
  const now = new Date();
  const pubAt = new Date(now.getTime() - 2 * 86_400_000);
  const [pub] = await publishedPosts(e, ws, pubAt, [{ msgDataId: '2247489900' }]);
  await e.control('POST', '/wechat/datacube/articles', { appid: acc.appid, msgDataId: '2247489900', publishedAt: pubAt.toISOString() });
  const day = dayIn(BJ, pubAt);
  const [p] = await e.deps.db.select().from(postMetrics).where(eq(postMetrics.publicationId, pub));
  assert.equal(p, undefined);
  const postId = (await e.deps.db.query.publications.findFirst({ where: (t, { eq: q }) => q(t.id, pub) }))?.postId as string;
  const imported = { views: 10, likes: 42, comments: null, shares: null, favorites: null, zaikan: 7, followersGained: null };
  await ingestPostDays(e.deps.db, [{ workspaceId: ws.team.workspaceId, publicationId: pub, postId, accountId: acc.id, day, figures: imported }], 'import');
  await syncAccount(e.deps, ws.team.workspaceId, acc.id, { now, backfillDays: 1 });
  const [row] = await e.deps.db
    .select()
    .from(postMetrics)
    .where(and(eq(postMetrics.publicationId, pub), eq(postMetrics.day, day)));
  assert.deepEqual([row.likes, row.zaikan, row.source], [42, 7, 'sync']);
  assert.ok((row.views ?? 0) > 10, 'reads come from the sync');
});

test('a sync that keeps failing notifies once; a success clears the failure count', async () => {
  const ws = await wechatWorkspace(e, 1);
  const [acc] = ws.accounts;
  await e.control('POST', '/wechat/faults', { path: '/datacube/getusersummary', appid: acc.appid, mode: 'errcode', errcode: -1, times: 4 });
  for (let i = 0; i < 4; i++) await assert.rejects(syncAccount(e.deps, ws.team.workspaceId, acc.id, { backfillDays: 2 }));
  const sent = await notificationsOf(e, ws.team.workspaceId, 'analytics.sync_failing');
  assert.ok(sent.length >= 1);
  assert.equal(new Set(sent.map((n) => n.user_id)).size, sent.length, 'one notice per recipient, not one per failed run');
  await syncAccount(e.deps, ws.team.workspaceId, acc.id, { backfillDays: 2 });
  const [s] = await e.deps.db.select().from(accountSync).where(eq(accountSync.accountId, acc.id));
  assert.deepEqual([s.consecutiveFailures, s.lastError, s.failureNotifiedAt], [0, null, null]);
});
