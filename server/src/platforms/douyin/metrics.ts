// The analytics sync's view of a Douyin account (API-REFERENCE.md §3, "Fans", "Account per-day",
// "Per-post per-day"; shapes from [DG] zhangshuai/douyin-go user_data.go and item_data.go). The
// data/external APIs take no dates, only date_type: the last 7, 15 or 30 days (items: 7 or 15),
// ending yesterday. So a call spans 30 days, the backfill is 30 days, and each read asks for the
// smallest date_type that reaches back to the first day wanted.
// Account: total_fans → followers, new_fans → gained (fans), new_play → views (item), new_like,
// new_comment, new_share (like, comment, share). Posts: play, like, comment, share per day. Not in
// these APIs: followers lost, favourites (收藏), and per post 在看 (a WeChat figure) and follows.
// profile_uv (user/profile) is read by no figure of ours and is not asked for.

import { addDays, type AccountDayFigures, dayIn, daysBetween, type MetricsLimits, type MetricsReader, type PostDayFigures } from '../metrics';
import { type DouyinClient, ITEM_METRICS, USER_FIELDS, type UserMetric } from './client';

const TIME_ZONE = 'Asia/Shanghai';
const USER_METRICS = Object.keys(USER_FIELDS) as UserMetric[];

export const DOUYIN_METRICS_LIMITS: MetricsLimits = {
  timeZone: TIME_ZONE,
  accountSpanDays: 30,
  backfillDays: 30,
  // The reference gives no finality; a day is read again the day after it (UNVERIFIED: guessed
  // from Douyin's T+1 creator data, a late correction then replaces it).
  finalAfterHours: 24,
  today: false,
  postData: 'days',
  // A post's series reach 15 days back (item date_type ≤ 15); its days are kept current for 30 days.
  postWindowDays: 30,
  missing: { account: ['followersLost', 'favorites'], post: ['favorites', 'zaikan', 'followersGained'] },
  apis: [...USER_METRICS.map((m) => `/data/external/user/${m}/`), ...ITEM_METRICS.map((m) => `/data/external/item/${m}/`)],
  // data/external/user/* and data/external/item/*: video.data.bind alone reads no per-day series.
  scopes: ['data.external.user', 'data.external.item'],
};

/** The smallest date_type whose days (ending yesterday) reach back to `from`; the longest when none does. */
function dateTypeFor<T extends number>(from: string, yesterday: string, types: readonly T[]): T {
  const need = daysBetween(from, yesterday) + 1;
  return types.find((t) => t >= need) ?? types[types.length - 1];
}

/** Each day's row from several series, built by `blank` and filled by `fill`, kept when from..to. */
function byDay<R extends { day: string }>(from: string, to: string, blank: (day: string) => R) {
  const rows = new Map<string, R>();
  return {
    add<D extends { day: string }>(series: D[], fill: (row: R, d: D) => void) {
      for (const d of series) {
        if (d.day < from || d.day > to) continue;
        const r = rows.get(d.day) ?? blank(d.day);
        rows.set(d.day, r);
        fill(r, d);
      }
    },
    rows: () => [...rows.values()].sort((a, b) => a.day.localeCompare(b.day)),
  };
}

export function douyinMetrics(client: DouyinClient): MetricsReader {
  const yesterday = () => addDays(dayIn(TIME_ZONE, new Date()), -1);
  return {
    limits: DOUYIN_METRICS_LIMITS,

    async accountDays(from, to) {
      const dateType = dateTypeFor(from, yesterday(), [7, 15, 30] as const);
      const days = byDay<AccountDayFigures>(from, to, (day) => ({
        day,
        followers: null,
        followersGained: null,
        followersLost: null,
        views: null,
        likes: null,
        comments: null,
        shares: null,
        favorites: null,
      }));
      days.add(await client.userDays('fans', dateType), (r, d) => {
        r.followers = d.total_fans;
        r.followersGained = d.new_fans;
      });
      days.add(await client.userDays('item', dateType), (r, d) => {
        r.views = d.new_play;
      });
      days.add(await client.userDays('like', dateType), (r, d) => {
        r.likes = d.new_like;
      });
      days.add(await client.userDays('comment', dateType), (r, d) => {
        r.comments = d.new_comment;
      });
      days.add(await client.userDays('share', dateType), (r, d) => {
        r.shares = d.new_share;
      });
      return days.rows();
    },

    async postDays(refs, from, to) {
      const out: PostDayFigures[] = [];
      for (const ref of refs) {
        // The item id: the submit's answer (create_video) or what the status poll found.
        const itemId = ref.articleId ?? ref.publishId;
        if (!itemId) continue;
        const published = dayIn(TIME_ZONE, ref.publishedAt);
        const start = [from, published].sort()[1];
        if (start > to) continue;
        const dateType = dateTypeFor(start, yesterday(), [7, 15] as const);
        const days = byDay<PostDayFigures>(start, to, (day) => ({
          publicationId: ref.publicationId,
          day,
          views: null,
          likes: null,
          comments: null,
          shares: null,
          favorites: null,
          zaikan: null,
          followersGained: null,
        }));
        days.add(await client.itemDays('play', itemId, dateType), (r, d) => {
          r.views = d.play;
        });
        days.add(await client.itemDays('like', itemId, dateType), (r, d) => {
          r.likes = d.like;
        });
        days.add(await client.itemDays('comment', itemId, dateType), (r, d) => {
          r.comments = d.comment;
        });
        days.add(await client.itemDays('share', itemId, dateType), (r, d) => {
          r.shares = d.share;
        });
        out.push(...days.rows());
      }
      return out;
    },
  };
}
