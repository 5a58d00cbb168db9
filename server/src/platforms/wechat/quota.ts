// Daily API quotas of an Official Account. Every API has a daily per-account limit (45009 beyond it),
// reset at 00:00 Beijing time; "some interfaces" rise when the account passes 100k / 1M / 10M
// followers, so each account may override these. Source: developers.weixin.qq.com
// doc/service/Message_Management/API_Call_Limits.html, the table for newly registered accounts
// (a community answer confirms freepublish/get is limited to 100 a day). clear_quota resets them,
// 10 times a month in all (console included): left to a person, never called by the engine.

import type { QuotaRule } from '../adapter';
import type { WechatClient } from './client';

export const WECHAT_DAILY_LIMITS: readonly QuotaRule[] = [
  { api: '/cgi-bin/token', dailyLimit: 2000 },
  // stable_token: 500,000 a day and 10,000 a minute (api_getstableaccesstoken).
  { api: '/cgi-bin/stable_token', dailyLimit: 500_000 },
  { api: '/cgi-bin/draft/add', dailyLimit: 1000 },
  { api: '/cgi-bin/draft/get', dailyLimit: 500 },
  { api: '/cgi-bin/draft/delete', dailyLimit: 1000 },
  { api: '/cgi-bin/draft/update', dailyLimit: 1000 },
  { api: '/cgi-bin/draft/count', dailyLimit: 1000 },
  { api: '/cgi-bin/draft/batchget', dailyLimit: 1000 },
  { api: '/cgi-bin/freepublish/submit', dailyLimit: 100 },
  { api: '/cgi-bin/freepublish/get', dailyLimit: 100 },
  { api: '/cgi-bin/freepublish/delete', dailyLimit: 10 },
  { api: '/cgi-bin/freepublish/getarticle', dailyLimit: 100 },
  { api: '/cgi-bin/freepublish/batchget', dailyLimit: 100 },
  // 高级群发接口: one limit for the mass-send APIs.
  { api: '/cgi-bin/message/mass/sendall', dailyLimit: 100 },
  { api: '/cgi-bin/message/mass/get', dailyLimit: 100 },
  { api: '/cgi-bin/user/get', dailyLimit: 500 },
  // 上传多媒体文件.
  { api: '/cgi-bin/material/add_material', dailyLimit: 100_000 },
  { api: '/cgi-bin/media/uploadimg', dailyLimit: 100_000 },
];

/** WeChat resets its quotas at midnight in Beijing. */
export const WECHAT_QUOTA_TIME_ZONE = 'Asia/Shanghai';

/** WeChat's own count for one API today (POST /cgi-bin/openapi/quota/get). */
export async function getQuota(client: WechatClient, cgiPath: string): Promise<{ dailyLimit: number; used: number; remain: number }> {
  const body = await client.call('/cgi-bin/openapi/quota/get', { json: { cgi_path: cgiPath } }, { idempotent: true });
  const q = (typeof body.quota === 'object' && body.quota !== null ? body.quota : {}) as Record<string, unknown>;
  return { dailyLimit: Number(q.daily_limit) || 0, used: Number(q.used) || 0, remain: Number(q.remain) || 0 };
}

/** Resets every API count of the account (POST /cgi-bin/clear_quota); 48006 once the month's 10 are used. */
export async function clearQuota(client: WechatClient): Promise<void> {
  await client.call('/cgi-bin/clear_quota', { json: { appid: client.appId } }, { idempotent: true });
}
