// The analytics sync's view of a Weibo account (API-REFERENCE.md §2, "Follower count" and
// "Per-post metrics" rows): the open API has no read or impression counts and no per-day account
// summary, so counts are SNAPSHOTTED on the sync's schedule. Account: followers_count from
// users/show, stored as today's figure (a past day cannot be asked for; the backfill is today
// only). Posts: running totals from statuses/count (≤100 ids a call: comments, reposts →
// shares, attitudes → likes) stored as post_snapshots; the engine derives per-day figures from
// consecutive snapshots. Reads, favourites and per-day follower gains/losses are not in the API.

import type { MetricsLimits, MetricsReader, PostTotals } from '../metrics';
import { followersToday } from '../metrics';
import type { WeiboClient } from './client';

export const WEIBO_METRICS_LIMITS: MetricsLimits = {
  timeZone: 'Asia/Shanghai',
  accountSpanDays: 1,
  backfillDays: 1,
  // A snapshot is the count at the time it is taken; the day's last snapshot (the reader answers
  // for today only) is its figure. The reference is silent on any finality: guessed as none.
  finalAfterHours: 0,
  today: true,
  postData: 'snapshots',
  postWindowDays: 30,
  missing: {
    account: ['followersGained', 'followersLost', 'views', 'likes', 'comments', 'shares', 'favorites'],
    post: ['views', 'favorites', 'zaikan', 'followersGained'],
  },
  apis: ['users/show', 'statuses/count'],
};

/** `uid`: the account's Weibo uid (the grant's openId). */
export function weiboMetrics(client: WeiboClient, uid: () => Promise<string>): MetricsReader {
  return {
    limits: WEIBO_METRICS_LIMITS,

    /** Only today can be answered (users/show is the count now); days before give nothing. */
    accountDays: (_from, to) => followersToday(WEIBO_METRICS_LIMITS, to, async () => (await client.userCounts(await uid())).followers),

    async postTotals(refs) {
      const byId = new Map(refs.filter((r) => r.publishId).map((r) => [r.publishId as string, r.publicationId]));
      const out: PostTotals[] = [];
      for (const c of await client.counts([...byId.keys()])) {
        const publicationId = byId.get(c.id);
        if (publicationId) out.push({ publicationId, views: null, favorites: null, likes: c.attitudes, comments: c.comments, shares: c.reposts });
      }
      return out;
    },
  };
}
