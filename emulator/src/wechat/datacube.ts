// 数据统计 (datacube): getusersummary and getusercumulate (span 7 days), getarticletotaldetail
// (one ref_date, the publish day; detail_list for the 30 days after). Dates are Beijing days;
// end_date must be before today, a span over the limit or a bad date answers 61501 / 61500.
// Figures are deterministic per account, article and day (a hash), and provisional until 08:00
// Beijing the next day (90 % of the final figure), then final; a control switch adds a late
// correction to one day of one account (/__control/wechat/datacube/correct).
import { createHash } from 'node:crypto';
import { WxError } from './errors';
import type { Ctx, WxRoute } from './pipeline';
import { type App, type WechatState, beijingDay, now } from './state';

const DAY_MS = 86_400_000;
const FINAL_AFTER_MS = 8 * 3_600_000;
const ARTICLE_WINDOW_DAYS = 30;

export interface SeededArticle {
  msgDataId: string;
  title: string;
  publishedAt: number;
}

export interface DatacubeState {
  /** Beijing day number whose end is the account's `followers` count. */
  anchorDay: number;
  /** Articles published outside freepublish (tests seed them): appid → articles. */
  seeded: Map<string, SeededArticle[]>;
  /** "<appid>|<day number>" → added to the day's new followers and each article's reads. */
  corrections: Map<string, number>;
}

export function createDatacube(at: number): DatacubeState {
  return { anchorDay: beijingDay(at), seeded: new Map(), corrections: new Map() };
}

const h = (...parts: (string | number)[]) => createHash('sha1').update(parts.join('|')).digest().readUInt32BE(0);
const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
const dayString = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** 90 % of the final value while the day is not final yet. */
function asOf(s: WechatState, day: number, value: number): number {
  const finalAt = (day + 1) * DAY_MS - 8 * 3_600_000 + FINAL_AFTER_MS;
  return now(s) >= finalAt ? value : value - Math.floor(value / 10);
}

function userDay(s: WechatState, app: App, day: number) {
  const fix = s.datacube.corrections.get(`${app.appid}|${day}`) ?? 0;
  return { gained: 10 + (h(app.appid, day, 'new') % 40) + fix, lost: 2 + (h(app.appid, day, 'cancel') % 10) };
}

/**
 * Followers at the end of `day`: the account's count at the anchor day, moved by each day's final
 * net change, and by the provisional change of days not final yet (so gains and losses add up).
 */
function cumulate(s: WechatState, app: App, day: number): number {
  const net = (d: number) => userDay(s, app, d).gained - userDay(s, app, d).lost;
  let n = app.followers;
  const a = s.datacube.anchorDay;
  for (let d = a + 1; d <= day; d++) n += net(d);
  for (let d = day + 1; d <= a; d++) n -= net(d);
  for (let d = day - 2; d <= day; d++) {
    const { gained, lost } = userDay(s, app, d);
    n += asOf(s, d, gained) - gained - (asOf(s, d, lost) - lost);
  }
  return Math.max(0, n);
}

/** begin_date/end_date checked as WeChat does: format, order, span, and end before today. */
function range(ctx: Ctx, span: number): { from: number; to: number } {
  const { begin_date: b, end_date: e } = ctx.body;
  const valid = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v));
  if (!valid(b) || !valid(e)) throw new WxError(61500);
  const from = dayNumber(b);
  const to = dayNumber(e);
  if (to < from || to - from + 1 > span || to >= beijingDay(now(ctx.s))) throw new WxError(61501);
  return { from, to };
}

function articlesOf(s: WechatState, appid: string): { msgid: string; title: string; day: number }[] {
  const out: { msgid: string; title: string; day: number }[] = [];
  for (const p of s.publishesByApp.get(appid) ?? []) {
    if (p.finalStatus !== 0 || p.readyAt > now(s)) continue;
    p.articles.forEach((a, i) => {
      if (!p.deletedIdx.has(i + 1)) out.push({ msgid: `${p.msgDataId}_${i + 1}`, title: a.title, day: beijingDay(p.readyAt) });
    });
  }
  for (const a of s.datacube.seeded.get(appid) ?? []) out.push({ msgid: `${a.msgDataId}_1`, title: a.title, day: beijingDay(a.publishedAt) });
  return out;
}

function articleDay(s: WechatState, app: App, msgid: string, published: number, day: number) {
  const base = 200 + (h(msgid, 'base') % 800);
  const fix = s.datacube.corrections.get(`${app.appid}|${day}`) ?? 0;
  const read = asOf(s, day, Math.floor(base / (day - published + 1)) + (h(msgid, day) % 10) + fix);
  return { stat_date: dayString(day), read_user: read, share_user: Math.floor(read / 20), comment_count: Math.floor(read / 50) };
}

export const datacubeRoutes: WxRoute[] = [
  {
    path: '/datacube/getusersummary',
    method: 'POST',
    auth: true,
    body: 'json',
    handler: (ctx) => {
      const { from, to } = range(ctx, 7);
      const list: Record<string, unknown>[] = [];
      for (let d = from; d <= to; d++) {
        const { gained, lost } = userDay(ctx.s, ctx.app, d);
        const g = asOf(ctx.s, d, gained);
        const l = asOf(ctx.s, d, lost);
        // Two sources a day (0 other, 30 QR code): the day's figures are their sums.
        list.push({ ref_date: dayString(d), user_source: 0, new_user: Math.floor(g / 2), cancel_user: Math.floor(l / 2) });
        list.push({ ref_date: dayString(d), user_source: 30, new_user: g - Math.floor(g / 2), cancel_user: l - Math.floor(l / 2) });
      }
      return { list };
    },
  },
  {
    path: '/datacube/getusercumulate',
    method: 'POST',
    auth: true,
    body: 'json',
    handler: (ctx) => {
      const { from, to } = range(ctx, 7);
      const list: Record<string, unknown>[] = [];
      for (let d = from; d <= to; d++) list.push({ ref_date: dayString(d), cumulate_user: cumulate(ctx.s, ctx.app, d) });
      return { list };
    },
  },
  {
    path: '/datacube/getarticletotaldetail',
    method: 'POST',
    auth: true,
    body: 'json',
    handler: (ctx) => {
      const { from } = range(ctx, 1);
      const yesterday = beijingDay(now(ctx.s)) - 1;
      const list = articlesOf(ctx.s, ctx.app.appid)
        .filter((a) => a.day === from)
        .map((a) => {
          const detail_list: Record<string, unknown>[] = [];
          for (let d = a.day; d <= Math.min(yesterday, a.day + ARTICLE_WINDOW_DAYS - 1); d++) detail_list.push(articleDay(ctx.s, ctx.app, a.msgid, a.day, d));
          return { ref_date: dayString(from), msgid: a.msgid, title: a.title, publish_type: 0, detail_list };
        });
      const last = Math.min(yesterday, from + ARTICLE_WINDOW_DAYS - 1);
      return { is_delay: asOf(ctx.s, last, 10) !== 10, list };
    },
  },
];
