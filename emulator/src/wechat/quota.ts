// Per-app, per-path daily call quotas (45009), openapi/quota/get and clear_quota.
import { WxError } from './errors';
import type { WxRoute } from './pipeline';
import { type WechatState, beijingDay, beijingMonth, now } from './state';

/**
 * Daily limits of a newly registered account, from the official API_Call_Limits table
 * (doc/service/Message_Management/API_Call_Limits.html); stable_token from its own page.
 * Large accounts have higher limits: raise them with /__control/wechat/quota.
 */
export const DEFAULT_DAILY_LIMITS: Record<string, number> = {
  '/cgi-bin/token': 2000,
  '/cgi-bin/stable_token': 500_000,
  '/cgi-bin/draft/add': 1000,
  '/cgi-bin/draft/get': 500,
  '/cgi-bin/draft/delete': 1000,
  '/cgi-bin/draft/update': 1000,
  '/cgi-bin/draft/count': 1000,
  '/cgi-bin/draft/batchget': 1000,
  '/cgi-bin/freepublish/submit': 100,
  '/cgi-bin/freepublish/get': 100,
  '/cgi-bin/freepublish/delete': 10,
  '/cgi-bin/freepublish/getarticle': 100,
  '/cgi-bin/freepublish/batchget': 100,
  '/cgi-bin/message/mass/sendall': 100,
  '/cgi-bin/user/get': 500,
  // 上传多媒体文件; that the figure covers these two paths is a guess.
  '/cgi-bin/material/add_material': 100_000,
  '/cgi-bin/media/uploadimg': 100_000,
};
/** Paths the table does not name (a guess). */
export const FALLBACK_DAILY_LIMIT = 100_000;

/** Paths that draw on another path's allowance: 高级群发接口 is one limit for sendall and send. */
const SHARED_QUOTA: Record<string, string> = {
  '/cgi-bin/message/mass/send': '/cgi-bin/message/mass/sendall',
};

export function quotaKey(path: string): string {
  return SHARED_QUOTA[path] ?? path;
}

export function dailyLimit(s: WechatState, appid: string, path: string): number {
  const key = quotaKey(path);
  return s.quotaLimits.get(appid)?.get(key) ?? DEFAULT_DAILY_LIMITS[key] ?? FALLBACK_DAILY_LIMIT;
}

function slot(s: WechatState, appid: string, t: number) {
  const day = beijingDay(t);
  let q = s.quotas.get(appid);
  if (!q || q.day !== day) {
    q = { day, used: new Map() };
    s.quotas.set(appid, q);
  }
  return q;
}

export function usedToday(s: WechatState, appid: string, path: string, t: number): number {
  return slot(s, appid, t).used.get(quotaKey(path)) ?? 0;
}

/** Counts one call against the quota, or throws 45009 once the day's limit is reached. */
export function consumeQuota(s: WechatState, appid: string, path: string, t: number): void {
  const q = slot(s, appid, t);
  const key = quotaKey(path);
  const used = q.used.get(key) ?? 0;
  if (used >= dailyLimit(s, appid, path)) throw new WxError(45009);
  q.used.set(key, used + 1);
}

export const quotaRoutes: WxRoute[] = [
  {
    path: '/cgi-bin/openapi/quota/get',
    method: 'POST',
    auth: true,
    body: 'json',
    handler: ({ s, app, body }) => {
      const cgiPath = body.cgi_path;
      if (typeof cgiPath !== 'string' || !s.knownPaths.has(cgiPath)) throw new WxError(76021);
      const limit = dailyLimit(s, app.appid, cgiPath);
      const used = usedToday(s, app.appid, cgiPath, now(s));
      return {
        errcode: 0,
        errmsg: 'ok',
        quota: { daily_limit: limit, used, remain: Math.max(0, limit - used) },
      };
    },
  },
  {
    path: '/cgi-bin/clear_quota',
    method: 'POST',
    auth: true,
    body: 'json',
    handler: ({ s, app, body }) => {
      if (typeof body.appid !== 'string' || body.appid === '') throw new WxError(41002);
      if (body.appid !== app.appid) throw new WxError(40013);
      const month = beijingMonth(now(s));
      let c = s.clearQuota.get(app.appid);
      if (!c || c.month !== month) {
        c = { month, count: 0 };
        s.clearQuota.set(app.appid, c);
      }
      if (c.count >= s.opts.clearQuotaMonthlyLimit) throw new WxError(48006);
      c.count += 1;
      s.quotas.delete(app.appid);
      return { errcode: 0, errmsg: 'ok' };
    },
  },
];
