// The analytics sync's view of a Kuaishou account (API-REFERENCE.md §4: /openapi/user_info fan
// count, /openapi/photo/info counts; apifox project-462993 api-7075083 for video_info). The open
// platform has no per-day data, so counts are SNAPSHOTTED on the sync's schedule, like Weibo: the
// fan count (user_info `fan`) is stored as today's figure (a past day cannot be asked for; the
// backfill is today only), and each video's running view_count, like_count and comment_count
// (photo/info, one photo_id a call) as post_snapshots, from which the engine derives per-day
// figures. Shares, favourites and per-day follower gains or losses are not in the API.
// photo/list carries the same counts but pages the whole library newest first; photo/count counts
// videos, not views, so neither is read here.

import type { MetricsLimits, MetricsReader } from '../metrics';
import { followersToday, totalsEach } from '../metrics';
import type { KuaishouClient } from './client';

export const KUAISHOU_METRICS_LIMITS: MetricsLimits = {
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
    post: ['shares', 'favorites', 'zaikan', 'followersGained'],
  },
  apis: ['/openapi/user_info', '/openapi/photo/info'],
};

export function kuaishouMetrics(client: KuaishouClient): MetricsReader {
  return {
    limits: KUAISHOU_METRICS_LIMITS,

    /** Only today can be answered (user_info is the count now); days before give nothing. */
    accountDays: (_from, to) => followersToday(KUAISHOU_METRICS_LIMITS, to, async () => (await client.userInfo()).fan),

    /** A video that is gone or refused (photo/info 120001–120003) has no counts to snapshot and is skipped. */
    postTotals: (refs) =>
      totalsEach(refs, async (photoId) => {
        const info = await client.photoInfo(photoId);
        if (!info.ok) return null;
        const p = info.photo;
        return { views: p.viewCount, likes: p.likeCount, comments: p.commentCount, shares: null, favorites: null };
      }),
  };
}
