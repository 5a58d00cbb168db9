// The metrics sync of a Bilibili account against the emulator: no per-day data in the open
// platform, so the follower count (data/user/stat) is stored as today's figure and each archive's
// data/arc/stat totals as snapshots with derived days; a second run writes nothing; a changed
// count makes a new snapshot and replaces the derived day (never adds to it).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eq } from 'drizzle-orm';
import { dayIn } from '../../platforms/metrics';
import { bilibiliWorkspace } from '../../test/bilibili';
import { publishingEnv } from '../../test/publishing';
import { publishedPosts } from '../../test/sync';
import { syncAccount } from './sync';
import { accountMetrics, postMetrics, postSnapshots } from './tables';

const e = await publishingEnv({ worker: false });

test('Bilibili: followers as today, archive totals as snapshots with derived days; a rerun writes nothing; a changed count is replaced', async () => {
  const ws = await bilibiliWorkspace(e, 1, { formal: true });
  const [acc] = ws.accounts;
  const { resourceId } = (await e.control('POST', '/bilibili/archives', { clientId: ws.clientId, openid: acc.openid, title: '同步测试' })) as {
    resourceId: string;
  };
  await e.control('POST', '/bilibili/stats', { openid: acc.openid, follower: 2048 });
  await e.control('POST', '/bilibili/stats', { resourceId, view: 300, like: 25, reply: 6, share: 2, favorite: 9, coin: 4, danmaku: 11 });
  const now = new Date();
  const today = dayIn('Asia/Shanghai', now);
  const [pub] = await publishedPosts(e, ws as never, new Date(now.getTime() - 60_000), [{ publishId: resourceId, articleId: resourceId }]);

  const first = await syncAccount(e.deps, ws.team.workspaceId, acc.id, { now });
  assert.ok(first.fetched.length >= 1 && first.fetched.every((f) => f.from === today && f.to === today), 'today only: no history in the API');
  const accountRows = () => e.deps.db.select().from(accountMetrics).where(eq(accountMetrics.accountId, acc.id));
  assert.deepEqual(
    (await accountRows()).map((d) => [d.day, d.followers, d.followersGained, d.views, d.source]),
    [[today, 2048, null, null, 'sync']],
  );
  assert.equal(first.snapshots, 1);
  const post = () => e.deps.db.select().from(postMetrics).where(eq(postMetrics.publicationId, pub));
  assert.deepEqual(
    (await post()).map((p) => [p.day, p.views, p.likes, p.comments, p.shares, p.favorites, p.zaikan]),
    [[today, 300, 25, 6, 2, 9, null]],
    'published today: the day is its totals; 在看 is not a Bilibili figure',
  );

  const second = await syncAccount(e.deps, ws.team.workspaceId, acc.id, { now: new Date(now.getTime() + 1000) });
  assert.equal(second.snapshots, 0, 'unchanged totals: no new snapshot');
  assert.equal(second.accountDays.inserted + second.accountDays.replaced, 0);
  assert.equal(second.postDays.inserted + second.postDays.replaced, 0);

  await e.control('POST', '/bilibili/stats', { resourceId, view: 450 });
  await e.control('POST', '/bilibili/stats', { openid: acc.openid, follower: 2100 });
  const third = await syncAccount(e.deps, ws.team.workspaceId, acc.id, { now: new Date(now.getTime() + 2000) });
  assert.deepEqual([third.snapshots, third.accountDays.replaced, third.postDays.replaced, third.postDays.inserted], [1, 1, 1, 0]);
  assert.deepEqual(
    (await post()).map((p) => [p.day, p.views, p.likes]),
    [[today, 450, 25]],
    'the day is the new total, not the sum',
  );
  assert.equal((await e.deps.db.select().from(postSnapshots).where(eq(postSnapshots.publicationId, pub))).length, 2);
  assert.deepEqual(
    (await accountRows()).map((d) => d.followers),
    [2100],
  );
});
