// The metrics sync of a Bilibili account against the emulator: no per-day data in the open
// platform, so the follower count (data/user/stat) is stored as today's figure and each archive's
// data/arc/stat totals as snapshots with derived days; a second run writes nothing; a changed
// count makes a new snapshot and replaces the derived day (never adds to it).
import { test } from 'node:test';
import { bilibiliWorkspace } from '../../test/bilibili';
import { publishingEnv } from '../../test/publishing';
import { checkSnapshotSync, publishedPosts } from '../../test/sync';

const e = await publishingEnv({ worker: false });

test('Bilibili: followers as today, archive totals as snapshots with derived days; a rerun writes nothing; a changed count is replaced', async () => {
  const ws = await bilibiliWorkspace(e, 1, { formal: true });
  const [acc] = ws.accounts;
  const { resourceId } = (await e.control('POST', '/bilibili/archives', { clientId: ws.clientId, openid: acc.openid, title: '同步测试' })) as {
    resourceId: string;
  };
  const setFollowers = (follower: number) => e.control('POST', '/bilibili/stats', { openid: acc.openid, follower });
  await setFollowers(2048);
  // Danmaku and coins have no column: set, but not expected anywhere.
  await e.control('POST', '/bilibili/stats', { resourceId, view: 300, like: 25, reply: 6, share: 2, favorite: 9, coin: 4, danmaku: 11 });
  const [pub] = await publishedPosts(e, ws as never, new Date(Date.now() - 60_000), [{ publishId: resourceId, articleId: resourceId }]);
  await checkSnapshotSync(e, {
    workspaceId: ws.team.workspaceId,
    accountId: acc.id,
    publicationId: pub,
    followers: 2048,
    setFollowers,
    setViews: (view) => e.control('POST', '/bilibili/stats', { resourceId, view }),
    totals: [300, 25, 6, 2, 9],
  });
});
