// Per-app, per-path daily call quotas (45009), openapi/quota/get and clear_quota.
import { WxError } from './errors';
import type { WxRoute } from './pipeline';
import { type WechatState, beijingDay, beijingMonth, now } from './state';

/** Documented defaults; every other path gets FALLBACK_DAILY_LIMIT (a guess). */
export const DEFAULT_DAILY_LIMITS: Record<string, number> = {
  '/cgi-bin/token': 2000,
  '/cgi-bin/stable_token': 500_000,
};
export const FALLBACK_DAILY_LIMIT = 100_000;

export function dailyLimit(s: WechatState, appid: string, path: string): number {
  return (
    s.quotaLimits.get(appid)?.get(path) ?? DEFAULT_DAILY_LIMITS[path] ?? FALLBACK_DAILY_LIMIT
  );
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
  return slot(s, appid, t).used.get(path) ?? 0;
}

/** Counts one call against the quota, or throws 45009 once the day's limit is reached. */
export function consumeQuota(s: WechatState, appid: string, path: string, t: number): void {
  const q = slot(s, appid, t);
  const used = q.used.get(path) ?? 0;
  if (used >= dailyLimit(s, appid, path)) throw new WxError(45009);
  q.used.set(path, used + 1);
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
