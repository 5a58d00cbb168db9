// The analytics sync's view of a Bilibili account (API-REFERENCE.md §4, 数据: data/user/stat,
// data/arc/stat; shapes from ArtisanCloud/MediaX data/schema/getUserStat.go and getVideoStat.go).
// The open platform keeps no per-day history, so counts are SNAPSHOTTED on the sync's schedule,
// like Weibo: the follower count (user/stat) is stored as today's figure (a past day cannot be
// asked for; the backfill is today only), and each archive's running totals (arc/stat: view →
// views, like, reply → comments, share, favorite → favourites) as post_snapshots, from which the
// engine derives per-day figures. Danmaku (弹幕) and coins (投币) have no column and are not kept.
// data/arc/inc-stats is not used: it answers yesterday's increments of ALL the member's archives
// together (inc_click, inc_like, inc_reply …; one row, no date: ArtisanCloud/MediaX
// getVideoStatIncrement.go), not per archive, so it cannot give a post's day; as the account's
// views of yesterday it would need the day it covers, which the answer does not say.

import type { MetricsLimits, MetricsReader } from '../metrics';
import { followersToday, totalsEach } from '../metrics';
import type { BilibiliClient } from './client';

export const BILIBILI_METRICS_LIMITS: MetricsLimits = {
  timeZone: 'Asia/Shanghai',
  accountSpanDays: 1,
  backfillDays: 1,
  // A snapshot is the count when it is taken; the day's last one is its figure. No finality is documented.
  finalAfterHours: 0,
  today: true,
  postData: 'snapshots',
  postWindowDays: 30,
  missing: {
    account: ['followersGained', 'followersLost', 'views', 'likes', 'comments', 'shares', 'favorites'],
    post: ['zaikan', 'followersGained'],
  },
  apis: ['/arcopen/fn/data/user/stat', '/arcopen/fn/data/arc/stat'],
};

export function bilibiliMetrics(client: BilibiliClient): MetricsReader {
  return {
    limits: BILIBILI_METRICS_LIMITS,

    /** Only today can be answered (user/stat is the count now); days before give nothing. */
    accountDays: (_from, to) => followersToday(BILIBILI_METRICS_LIMITS, to, async () => (await client.userStat()).follower),

    /** One arc/stat per archive (the API takes one resource_id); the BV id is the submit's resource_id. */
    postTotals: (refs) =>
      totalsEach(refs, async (bvid) => {
        const s = await client.arcStat(bvid);
        return { views: s.view, likes: s.like, comments: s.reply, shares: s.share, favorites: s.favorite };
      }),
  };
}
