// The analytics sync's view of an Official Account (API-REFERENCE.md §0 and §1, datacube rows):
// followers per day from getusersummary + getusercumulate (span 7 days each, end date at most
// yesterday); each article's per-day reads, shares and comments from the 2025 endpoint
// getarticletotaldetail, asked for one publish day at a time (ref_date; its detail_list covers
// the 30 days after). Not used: getuserread (marked no longer maintained). Likes and 在看 per
// article are not in the API (only the admin console), so they are imported; account-level reads
// went with getuserread. Datacube figures are final after 08:00 the next day, Beijing time.

import type { AccountDayFigures, MetricsLimits, MetricsReader, PostDayFigures, PostRef } from '../metrics';
import { dayIn } from '../metrics';
import type { WechatClient } from './client';
import type { WireObject } from './http';

export const WECHAT_METRICS_TIME_ZONE = 'Asia/Shanghai';

export const WECHAT_METRICS_LIMITS: MetricsLimits = {
  timeZone: WECHAT_METRICS_TIME_ZONE,
  accountSpanDays: 7,
  // The datacube answers from 2014-12-01 on; a backfill takes the last year (configurable here).
  backfillDays: 365,
  finalAfterHours: 8,
  today: false,
  postData: 'days',
  postWindowDays: 30,
  missing: { account: ['views', 'likes', 'comments', 'shares', 'favorites'], post: ['likes', 'zaikan', 'favorites', 'followersGained'] },
  apis: ['/datacube/getusersummary', '/datacube/getusercumulate', '/datacube/getarticletotaldetail'],
};

const list = (body: WireObject): Record<string, unknown>[] => (Array.isArray(body.list) ? (body.list as Record<string, unknown>[]) : []);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : null);

export function wechatMetrics(client: WechatClient): MetricsReader {
  const dates = (from: string, to: string) => ({ json: { begin_date: from, end_date: to } });
  return {
    limits: WECHAT_METRICS_LIMITS,

    async accountDays(from, to) {
      const summary = await client.call('/datacube/getusersummary', dates(from, to), { idempotent: true });
      const cumulate = await client.call('/datacube/getusercumulate', dates(from, to), { idempotent: true });
      const byDay = new Map<string, AccountDayFigures>();
      const row = (day: string) => {
        let r = byDay.get(day);
        if (!r) {
          r = { day, followers: null, followersGained: null, followersLost: null, views: null, likes: null, comments: null, shares: null, favorites: null };
          byDay.set(day, r);
        }
        return r;
      };
      // One row per (day, user_source): the day's gains and losses are their sums.
      for (const s of list(summary)) {
        if (typeof s.ref_date !== 'string') continue;
        const r = row(s.ref_date);
        r.followersGained = (r.followersGained ?? 0) + (num(s.new_user) ?? 0);
        r.followersLost = (r.followersLost ?? 0) + (num(s.cancel_user) ?? 0);
      }
      for (const c of list(cumulate)) {
        if (typeof c.ref_date !== 'string') continue;
        const r = row(c.ref_date);
        r.followers = num(c.cumulate_user);
        // A day with no row in getusersummary had no gains or losses.
        r.followersGained ??= 0;
        r.followersLost ??= 0;
      }
      return [...byDay.values()].sort((a, b) => a.day.localeCompare(b.day));
    },

    async postDays(refs, from, to) {
      // msgid is "<msg_data_id>_<index>"; a one-article post is index 1.
      const byMsgData = new Map<string, PostRef>();
      for (const r of refs) if (r.msgDataId) byMsgData.set(r.msgDataId, r);
      const publishDays = [...new Set(refs.filter((r) => r.msgDataId).map((r) => dayIn(WECHAT_METRICS_TIME_ZONE, r.publishedAt)))].sort();
      const out: PostDayFigures[] = [];
      for (const refDate of publishDays) {
        if (refDate > to) continue;
        const body = await client.call('/datacube/getarticletotaldetail', dates(refDate, refDate), { idempotent: true });
        for (const item of list(body)) {
          const [msgDataId, index] = String(item.msgid ?? '').split('_');
          const ref = byMsgData.get(msgDataId);
          if (!ref || index !== '1') continue;
          for (const d of Array.isArray(item.detail_list) ? (item.detail_list as Record<string, unknown>[]) : []) {
            const day = typeof d.stat_date === 'string' ? d.stat_date : '';
            if (day < from || day > to) continue;
            out.push({
              publicationId: ref.publicationId,
              day,
              views: num(d.read_user),
              shares: num(d.share_user),
              comments: num(d.comment_count),
              likes: null,
              zaikan: null,
              favorites: null,
              followersGained: null,
            });
          }
        }
      }
      return out;
    },
  };
}
