// The metrics sync of a Weibo account against the emulator: no per-day data in the open API, so
// followers_count (users/show) is stored as today's figure and statuses/count totals as
// snapshots; a second run writes nothing; a changed count makes a new snapshot and replaces the
// post's derived day.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eq } from 'drizzle-orm';
import { dayIn } from '../../platforms/metrics';
import { publishingEnv } from '../../test/publishing';
import { publishedPosts } from '../../test/sync';
import { weiboShare, weiboWorkspace } from '../../test/weibo';
import { syncAccount } from './sync';
import { accountMetrics, postMetrics, postSnapshots } from './tables';

const e = await publishingEnv({ worker: false });
const BJ = 'Asia/Shanghai';

test('Weibo: followers snapshotted as today, post totals as snapshots with derived days; a rerun writes nothing; a changed count is replaced', async () => {
  const ws = await weiboWorkspace(e, 1);
  const [acc] = ws.accounts;
  await e.control('POST', '/weibo/users', { uid: acc.uid, followers: 4321 });
  const idstr = await weiboShare(e, acc.token, '同步测试');
  await e.control('POST', '/weibo/counts', { idstr, comments: 5, reposts: 2, attitudes: 9 });
  const now = new Date();
  const today = dayIn(BJ, now);
  const [pub] = await publishedPosts(e, ws as never, new Date(now.getTime() - 60_000), [{ publishId: idstr }]);

  const first = await syncAccount(e.deps, ws.team.workspaceId, acc.id, { now });
  // The engine's backfill asks for today, then its not-yet-final pass asks for today again.
  assert.ok(first.fetched.length >= 1 && first.fetched.every((f) => f.from === today && f.to === today), 'today only: Weibo keeps no history');
  const days = await e.deps.db.select().from(accountMetrics).where(eq(accountMetrics.accountId, acc.id));
  assert.deepEqual(
    days.map((d) => [d.day, d.followers, d.followersGained, d.views, d.source]),
    [[today, 4321, null, null, 'sync']],
  );
  assert.equal(first.snapshots, 1);
  const post = () => e.deps.db.select().from(postMetrics).where(eq(postMetrics.publicationId, pub));
  assert.deepEqual(
    (await post()).map((p) => [p.day, p.likes, p.comments, p.shares, p.views]),
    [[today, 9, 5, 2, null]],
    'published today: the day is its totals; no read counts in the API',
  );

  const second = await syncAccount(e.deps, ws.team.workspaceId, acc.id, { now: new Date(now.getTime() + 1000) });
  assert.equal(second.snapshots, 0, 'unchanged totals: no new snapshot');
  assert.equal(second.accountDays.inserted + second.accountDays.replaced, 0);
  assert.equal(second.postDays.inserted + second.postDays.replaced, 0);

  await e.control('POST', '/weibo/counts', { idstr, comments: 8 });
  await e.control('POST', '/weibo/users', { uid: acc.uid, followers: 4400 });
  const third = await syncAccount(e.deps, ws.team.workspaceId, acc.id, { now: new Date(now.getTime() + 2000) });
  assert.equal(third.snapshots, 1);
  assert.equal(third.accountDays.replaced, 1);
  assert.equal(third.postDays.replaced, 1);
  assert.deepEqual(
    (await post()).map((p) => [p.day, p.comments]),
    [[today, 8]],
  );
  assert.equal((await e.deps.db.select().from(postSnapshots).where(eq(postSnapshots.publicationId, pub))).length, 2);
  assert.equal((await e.deps.db.select().from(accountMetrics).where(eq(accountMetrics.accountId, acc.id)))[0].followers, 4400);
});
