// The metrics sync of a Kuaishou account against the emulator: no per-day data in the open
// platform, so the fan count (user_info) is stored as today's figure and each video's photo/info
// counts as snapshots with derived days; a second run writes nothing; a changed count makes a new
// snapshot and replaces the derived day (never adds to it).
import { test } from 'node:test';
import { kuaishouWorkspace } from '../../test/kuaishou';
import { publishingEnv } from '../../test/publishing';
import { checkSnapshotSync, publishedPosts } from '../../test/sync';

const e = await publishingEnv({ worker: false });

test('Kuaishou: fans as today, video counts as snapshots with derived days; a rerun writes nothing; a changed count is replaced', async () => {
  const ws = await kuaishouWorkspace(e, 1);
  const [acc] = ws.accounts;
  const { photo_id } = (await e.control('POST', '/kuaishou/photos', { app_id: ws.appId, open_id: acc.openId, caption: '同步测试' })) as { photo_id: string };
  const setFollowers = (fan: number) => e.control('POST', '/kuaishou/figures', { open_id: acc.openId, fan });
  await setFollowers(5150);
  await e.control('POST', '/kuaishou/figures', { photo_id, view_count: 640, like_count: 33, comment_count: 7 });
  const [pub] = await publishedPosts(e, ws as never, new Date(Date.now() - 60_000), [{ publishId: photo_id, articleId: photo_id }]);
  await checkSnapshotSync(e, {
    workspaceId: ws.team.workspaceId,
    accountId: acc.id,
    publicationId: pub,
    followers: 5150,
    setFollowers,
    setViews: (view_count) => e.control('POST', '/kuaishou/figures', { photo_id, view_count }),
    // Shares and 收藏 are not in the API.
    totals: [640, 33, 7, null, null],
  });
});
