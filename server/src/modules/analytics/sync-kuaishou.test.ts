// The metrics sync of a Kuaishou account against the emulator: no per-day data in the open
// platform, so the fan count (user_info) is stored as today's figure and each video's photo/info
// counts as snapshots with derived days; a second run writes nothing; a changed count makes a new
// snapshot and replaces the derived day (never adds to it).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eq } from 'drizzle-orm';
import { dayIn } from '../../platforms/metrics';
import { kuaishouWorkspace } from '../../test/kuaishou';
import { publishingEnv } from '../../test/publishing';
import { publishedPosts } from '../../test/sync';
import { syncAccount } from './sync';
import { accountMetrics, postMetrics, postSnapshots } from './tables';

const e = await publishingEnv({ worker: false });

test('Kuaishou: fans as today, video counts as snapshots with derived days; a rerun writes nothing; a changed count is replaced', async () => {
  const ws = await kuaishouWorkspace(e, 1);
  const [acc] = ws.accounts;
  const { photo_id } = (await e.control('POST', '/kuaishou/photos', { app_id: ws.appId, open_id: acc.openId, caption: '同步测试' })) as { photo_id: string };
  await e.control('POST', '/kuaishou/figures', { open_id: acc.openId, fan: 5150 });
  await e.control('POST', '/kuaishou/figures', { photo_id, view_count: 640, like_count: 33, comment_count: 7 });
  const now = new Date();
  const today = dayIn('Asia/Shanghai', now);
  const [pub] = await publishedPosts(e, ws as never, new Date(now.getTime() - 60_000), [{ publishId: photo_id, articleId: photo_id }]);

  const first = await syncAccount(e.deps, ws.team.workspaceId, acc.id, { now });
  assert.ok(first.fetched.length >= 1 && first.fetched.every((f) => f.from === today && f.to === today), 'today only: no history in the API');
  const accountRows = () => e.deps.db.select().from(accountMetrics).where(eq(accountMetrics.accountId, acc.id));
  assert.deepEqual(
    (await accountRows()).map((d) => [d.day, d.followers, d.followersGained, d.views, d.source]),
    [[today, 5150, null, null, 'sync']],
  );
  assert.equal(first.snapshots, 1);
  const post = () => e.deps.db.select().from(postMetrics).where(eq(postMetrics.publicationId, pub));
  assert.deepEqual(
    (await post()).map((p) => [p.day, p.views, p.likes, p.comments, p.shares, p.favorites]),
    [[today, 640, 33, 7, null, null]],
    'published today: the day is its totals; shares and 收藏 are not in the API',
  );

  const second = await syncAccount(e.deps, ws.team.workspaceId, acc.id, { now: new Date(now.getTime() + 1000) });
  assert.equal(second.snapshots, 0, 'unchanged totals: no new snapshot');
  assert.equal(second.accountDays.inserted + second.accountDays.replaced, 0);
  assert.equal(second.postDays.inserted + second.postDays.replaced, 0);

  await e.control('POST', '/kuaishou/figures', { photo_id, view_count: 1000 });
  await e.control('POST', '/kuaishou/figures', { open_id: acc.openId, fan: 5200 });
  const third = await syncAccount(e.deps, ws.team.workspaceId, acc.id, { now: new Date(now.getTime() + 2000) });
  assert.deepEqual([third.snapshots, third.accountDays.replaced, third.postDays.replaced, third.postDays.inserted], [1, 1, 1, 0]);
  assert.deepEqual(
    (await post()).map((p) => [p.day, p.views, p.likes]),
    [[today, 1000, 33]],
    'the day is the new total, not the sum',
  );
  assert.equal((await e.deps.db.select().from(postSnapshots).where(eq(postSnapshots.publicationId, pub))).length, 2);
  assert.deepEqual(
    (await accountRows()).map((d) => d.followers),
    [5200],
  );
});
