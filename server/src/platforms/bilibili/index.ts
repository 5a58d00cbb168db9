// Bilibili (open.bilibili.com) as the rest of the product sees it (platforms/registry.ts).

import { PlatformError } from '../adapter';
import type { AdapterContext, Allowance, PlatformModule } from '../registry';
import { noModeration } from '../inbox';
import { BilibiliClient } from './client';
import { PLATFORM } from './errors';
import { BILIBILI_METRICS_LIMITS, bilibiliMetrics } from './metrics';
import { bilibiliOAuth, BILIBILI_SCOPES } from './oauth';
import { bilibiliAdapter } from './publisher';
import { receiveBilibiliHook } from './webhook';

function clientOf(ctx: AdapterContext): BilibiliClient {
  if (!ctx.app || !ctx.grant) {
    throw new PlatformError({ kind: 'auth', platform: PLATFORM, message: 'B站账号未授权或缺少开放平台应用 / the Bilibili account is not authorised or has no app' });
  }
  return new BilibiliClient({ baseUrl: ctx.baseUrls.bilibili, uploadBase: ctx.baseUrls.bilibiliUpload, app: ctx.app, grant: ctx.grant, meter: ctx.meter, timeoutMs: ctx.timeoutMs });
}

/**
 * 稿件提交 (open.bilibili.com/doc/4/f7fc57dd-55a1-5cb1-cba4-61fb2994bf0f) and code 123036: a member
 * who is not a 正式会员 (formal member: one who passed Bilibili's membership quiz, 转正答题) may
 * submit at most five archives a day. accountType 'formal' marks a formal member.
 */
function allowance(account: { accountType: string | null }): Allowance | null {
  if (account.accountType === 'formal') return null;
  return { key: 'bilibili.submit', unit: 'day', limit: 5, label: { zh: '非正式会员每天最多投稿 5 个', en: 'a member who is not a formal member may submit 5 archives a day' } };
}

export const bilibiliPlatform: PlatformModule = {
  platform: PLATFORM,
  route: (a) => (a.scopes.includes('ARC_BASE') ? 'api' : 'manual'),
  capabilities: (a) => [...new Set(BILIBILI_SCOPES.filter((s) => a.scopes.includes(s.scope)).map((s) => s.gives))],
  oauthScopes: BILIBILI_SCOPES,
  oauth: (hosts) => bilibiliOAuth(hosts),
  deliveries: ['publish'],
  // The docs publish no numeric daily quotas, only the rate-limit codes (127009, 127306).
  quotas: [],
  quotaTimeZone: 'Asia/Shanghai',
  allowance,
  // API-REFERENCE.md §4: no comment-management API was found.
  moderationLimits: noModeration({
    zh: '哔哩哔哩开放平台没有评论管理接口；请在 B 站创作中心处理',
    en: "Bilibili's open platform has no comment-management API; use Bilibili's creator centre",
  }),
  createAdapter: (ctx) => bilibiliAdapter(clientOf(ctx)),
  appHook: { receive: receiveBilibiliHook },
  metrics: (ctx) => bilibiliMetrics(clientOf(ctx)),
  metricsLimits: BILIBILI_METRICS_LIMITS,
  async testConnection(ctx) {
    const client = clientOf(ctx);
    await client.accountInfo();
    return { ok: true, expiresAt: new Date((await client.current()).expiresAt) };
  },
};
