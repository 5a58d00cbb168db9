// The metrics sync of a Douyin account against the emulator's data/external APIs: the 30-day
// backfill is one date_type=30 read per series (progress stored), yesterday is read again while
// not final; each item's days come from the item series (date_type ≤ 15) from its publication on;
// figures the API lacks stay null; a second run writes nothing; a changed figure replaces its day.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eq } from 'drizzle-orm';
import { PlatformError } from '../../platforms/adapter';
import { addDays, dayIn } from '../../platforms/metrics';
import { DY_DATA_SCOPES, douyinWorkspace } from '../../test/douyin';
import { publishingEnv } from '../../test/publishing';
import { publishedPosts } from '../../test/sync';
import { as } from '../../test/app';
import { syncAccount } from './sync';
import { dueAccounts } from './sync-job';
import { accountSync } from './sync-tables';
import { accountMetrics, postMetrics } from './tables';

const e = await publishingEnv({ worker: false });
const BJ = 'Asia/Shanghai';
const DAY = 86_400_000;
const rowsOf = (accountId: string) => e.deps.db.select().from(accountMetrics).where(eq(accountMetrics.accountId, accountId)).orderBy(accountMetrics.day);
const stateOf = async (accountId: string) => (await e.deps.db.select().from(accountSync).where(eq(accountSync.accountId, accountId)))[0];
/** The date_type of every fans read the emulator answered (tests run one after another). */
const fansReads = async () => {
  const calls = (await e.control('GET', '/douyin/calls')) as { path: string; dateType: string | null; errorCode: number }[];
  return calls.filter((c) => c.path === '/data/external/user/fans/' && c.errorCode === 0).map((c) => c.dateType);
};

/** An account with 30 days of figures ending yesterday, and an item published 3 days ago with its days. */
async function seeded(now: Date) {
  const ws = await douyinWorkspace(e, 1, { scopes: DY_DATA_SCOPES });
  const [acc] = ws.accounts;
  const yesterday = addDays(dayIn(BJ, now), -1);
  const days = Array.from({ length: 30 }, (_, i) => addDays(yesterday, i - 29));
  await e.control('POST', '/douyin/data', {
    open_id: acc.openId,
    days: days.map((date, i) => ({ date, new_fans: i, total_fans: 1000 + i * 10, new_play: 500 + i, new_like: 40 + i, new_comment: 3, new_share: 1 })),
  });
  const { item_id } = (await e.control('POST', '/douyin/items', { open_id: acc.openId, title: '数据视频' })) as { item_id: string };
  const pubAt = new Date(now.getTime() - 3 * DAY);
  const postDays = [3, 2, 1].map((n) => dayIn(BJ, new Date(now.getTime() - n * DAY)));
  await e.control('POST', '/douyin/data', { item_id, days: postDays.map((date, i) => ({ date, play: 1000 * (i + 1), like: 50, comment: 4, share: 2 })) });
  const [pub] = await publishedPosts(e, ws as never, pubAt, [{ publishId: item_id, articleId: item_id }]);
  return { ws, acc, yesterday, days, item_id, pub, postDays };
}

test('Douyin: a 30-day backfill in one date_type=30 read per series; post days per item; missing figures null; a rerun writes nothing; a change replaces', async () => {
  const now = new Date();
  const { ws, acc, yesterday, days, item_id, pub, postDays } = await seeded(now);
  const before = (await fansReads()).length;

  const first = await syncAccount(e.deps, ws.team.workspaceId, acc.id, { now });
  assert.deepEqual(
    first.fetched,
    [
      { from: days[0], to: yesterday },
      { from: yesterday, to: yesterday },
    ],
    'the backfill in one call of 30 days, then yesterday again (not final until the day after)',
  );
  assert.deepEqual((await fansReads()).slice(before), ['30', '7'], 'each read asks the smallest date_type that reaches back');
  const s = await stateOf(acc.id);
  assert.deepEqual([s.backfillDone, s.backfillFrom, s.backfillThrough, s.finalThrough], [true, days[0], yesterday, addDays(yesterday, -1)]);
  assert.equal(first.accountDays.inserted, 30);
  const rows = await rowsOf(acc.id);
  assert.deepEqual(
    rows.map((r) => r.day),
    days,
  );
  const last = rows[29];
  assert.deepEqual([last.followers, last.followersGained, last.views, last.likes, last.comments, last.shares, last.source], [1290, 29, 529, 69, 3, 1, 'sync']);
  assert.deepEqual([last.followersLost, last.favorites], [null, null], 'not in the API: unknown, not 0');

  const post = () => e.deps.db.select().from(postMetrics).where(eq(postMetrics.publicationId, pub)).orderBy(postMetrics.day);
  assert.deepEqual(
    (await post()).map((p) => [p.day, p.views, p.likes, p.comments, p.shares, p.favorites, p.zaikan]),
    postDays.map((d, i) => [d, 1000 * (i + 1), 50, 4, 2, null, null]),
    'from the publication day to yesterday; 收藏 and 在看 are not in the API',
  );

  const second = await syncAccount(e.deps, ws.team.workspaceId, acc.id, { now: new Date(now.getTime() + 1000) });
  assert.equal(second.accountDays.inserted + second.accountDays.replaced, 0);
  assert.equal(second.postDays.inserted + second.postDays.replaced, 0);

  await e.control('POST', '/douyin/data', { open_id: acc.openId, days: [{ date: yesterday, new_like: 99 }] });
  await e.control('POST', '/douyin/data', { item_id, days: [{ date: yesterday, play: 3500 }] });
  const third = await syncAccount(e.deps, ws.team.workspaceId, acc.id, { now: new Date(now.getTime() + 2000) });
  assert.deepEqual([third.accountDays.replaced, third.accountDays.inserted, third.postDays.replaced, third.postDays.inserted], [1, 0, 1, 0]);
  const after = await rowsOf(acc.id);
  assert.equal(after.length, 30);
  assert.equal(after[29].likes, 99, 'replaced, not added');
  assert.deepEqual(
    (await post()).map((p) => p.views),
    [1000, 2000, 3500],
  );
});

test('Douyin: a backfill that fails keeps its range; the next run reads the same 30 days and completes', async () => {
  const now = new Date();
  const { ws, acc, days, yesterday } = await seeded(now);
  await e.control('POST', '/douyin/faults', { path: '/data/external/user/share/', mode: 'errcode', errorCode: 28001012, description: '应用未获得该能力' });
  await assert.rejects(syncAccount(e.deps, ws.team.workspaceId, acc.id, { now }), (err) => err instanceof PlatformError && err.code === 28001012);
  const failed = await stateOf(acc.id);
  assert.deepEqual([failed.backfillDone, failed.backfillFrom, failed.backfillThrough, failed.consecutiveFailures], [false, days[0], null, 1]);
  assert.equal((await rowsOf(acc.id)).length, 0);
  const resumed = await syncAccount(e.deps, ws.team.workspaceId, acc.id, { now });
  assert.deepEqual(resumed.fetched[0], { from: days[0], to: yesterday });
  assert.equal((await rowsOf(acc.id)).length, 30);
  assert.deepEqual([(await stateOf(acc.id)).backfillDone, (await stateOf(acc.id)).consecutiveFailures], [true, 0]);
});

test('Douyin: an account whose grant lacks the data scopes is not run on the schedule, says so, and "sync now" explains instead of failing', async () => {
  const ws = await douyinWorkspace(e, 1);
  const [acc] = ws.accounts;
  const due = await dueAccounts(e.deps.db, new Date(Date.now() + 7 * DAY));
  assert.ok(!due.some((d) => d.accountId === acc.id), 'not queued: it would fail every run');
  const status = await as(e, ws.team.owner)({ method: 'GET', url: '/api/v1/analytics/sync' });
  assert.equal(status.statusCode, 200, status.body);
  const mine = (status.json() as { accountId: string; supported: boolean; grantLacksData: boolean }[]).find((s) => s.accountId === acc.id);
  assert.deepEqual({ supported: mine?.supported, grantLacksData: mine?.grantLacksData }, { supported: true, grantLacksData: true });
  const r = await as(e, ws.team.owner)({ method: 'POST', url: `/api/v1/accounts/${acc.id}/sync` });
  assert.equal(r.statusCode, 409, r.body);
  assert.match(r.json().error.message, /数据权限/);
  assert.match(r.json().error.message, /data scope/);
  // With the scopes, the same account is due.
  const granted = await douyinWorkspace(e, 1, { scopes: DY_DATA_SCOPES });
  assert.ok((await dueAccounts(e.deps.db, new Date(Date.now() + 7 * DAY))).some((d) => d.accountId === granted.accounts[0].id));
});
