// The data/external analytics in the emulator (API-REFERENCE.md §3 "Fans", "Account per-day",
// "Per-post metrics", "Per-post per-day"; field names as [DG] user_data.go / item_data.go read
// them). A request names no dates, only date_type (user: 7, 15 or 30; item: 7 or 15); the answer's
// result_list has one row per day of the last N days, ending yesterday in Beijing. Figures are what
// the control set (0 on a day nobody set; totals carry over from the last day set). Only the
// token's own items may be asked for.
import type { FastifyRequest } from 'fastify';
import { type DouyinState, DyError, now } from './state';

type Run = (path: string, f: (body: unknown, q: Record<string, string>, req: FastifyRequest) => unknown, method: 'GET') => void;
type UserOf = (req: FastifyRequest, scope: string) => { openId: string };

const DAY = 86_400_000;
/** Per user metric, the figures of a row; totals carry over from the last day set. */
const USER_ROWS: Record<string, { daily: string[]; totals: string[] }> = {
  fans: { daily: ['new_fans'], totals: ['total_fans'] },
  item: { daily: ['new_issue', 'new_play'], totals: ['total_issue'] },
  like: { daily: ['new_like'], totals: [] },
  comment: { daily: ['new_comment'], totals: [] },
  share: { daily: ['new_share'], totals: [] },
  profile: { daily: ['profile_uv'], totals: [] },
};
const ITEM_ROWS = ['play', 'like', 'comment', 'share'];

const beijingDay = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

/** The last `n` days ending yesterday (Beijing), oldest first. */
function lastDays(s: DouyinState, n: number) {
  return Array.from({ length: n }, (_, i) => beijingDay(now(s) - (n - i) * DAY));
}

function dateType(q: Record<string, string>, allowed: number[]) {
  const n = Number(q.date_type);
  if (!allowed.includes(n)) throw new DyError(28001007, `date_type 只能是 ${allowed.join('/')}`);
  return n;
}

/** The latest value of `field` set on or before `day`, else 0. */
function carried(days: Map<string, Record<string, number>> | undefined, field: string, day: string) {
  let best: [string, number] | null = null;
  for (const [d, f] of days ?? []) if (d <= day && f[field] !== undefined && (!best || d > best[0])) best = [d, f[field]];
  return best?.[1] ?? 0;
}

export function dataRoutes(s: DouyinState, run: Run, userOf: UserOf) {
  for (const [metric, rows] of Object.entries(USER_ROWS)) {
    run(
      `/data/external/user/${metric}/`,
      (_b, q, req) => {
        const u = userOf(req, 'data.external.user');
        const set = s.userDays.get(u.openId);
        return {
          result_list: lastDays(s, dateType(q, [7, 15, 30])).map((date) => ({
            date,
            ...Object.fromEntries(rows.daily.map((f) => [f, set?.get(date)?.[f] ?? 0])),
            ...Object.fromEntries(rows.totals.map((f) => [f, carried(set, f, date)])),
          })),
        };
      },
      'GET',
    );
  }
  const itemOf = (req: FastifyRequest, q: Record<string, string>) => {
    const u = userOf(req, 'data.external.item');
    if (!s.items.some((i) => i.itemId === q.item_id && i.openId === u.openId)) throw new DyError(28001007, 'item_id 无效');
    return s.itemDays.get(q.item_id);
  };
  for (const metric of ITEM_ROWS) {
    run(
      `/data/external/item/${metric}/`,
      (_b, q, req) => {
        const set = itemOf(req, q);
        return { result_list: lastDays(s, dateType(q, [7, 15])).map((date) => ({ date, [metric]: set?.get(date)?.[metric] ?? 0 })) };
      },
      'GET',
    );
  }
  run(
    '/data/external/item/base/',
    (_b, q, req) => {
      const set = itemOf(req, q);
      const sum = (f: string) => lastDays(s, 30).reduce((a, d) => a + (set?.get(d)?.[f] ?? 0), 0);
      return { result: { total_play: sum('play'), total_like: sum('like'), total_comment: sum('comment'), total_share: sum('share'), avg_play_duration: 0 } };
    },
    'GET',
  );
}

/** Merges the control's figures ({date, field: n, …} rows) into an account's or an item's days. */
export function setDays(target: Map<string, Map<string, Record<string, number>>>, key: string, rows: unknown) {
  const days = target.get(key) ?? new Map<string, Record<string, number>>();
  target.set(key, days);
  for (const r of Array.isArray(rows) ? (rows as Record<string, unknown>[]) : []) {
    const date = String(r.date ?? '');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`bad date ${date}`);
    const figures = Object.fromEntries(Object.entries(r).filter(([k, v]) => k !== 'date' && typeof v === 'number')) as Record<string, number>;
    days.set(date, { ...days.get(date), ...figures });
  }
}
