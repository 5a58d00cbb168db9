// The Kuaishou platform as the rest of the product sees it (platforms/registry.ts).

import { PlatformError } from '../adapter';
import type { AdapterContext, PlatformModule } from '../registry';
import { noModeration } from '../inbox';
import { KuaishouClient } from './client';
import { PLATFORM } from './errors';
import { KUAISHOU_METRICS_LIMITS, kuaishouMetrics } from './metrics';
import { KUAISHOU_SCOPES, kuaishouOAuth } from './oauth';
import { kuaishouAdapter } from './publisher';

function clientOf(ctx: AdapterContext): KuaishouClient {
  if (!ctx.app || !ctx.grant) {
    throw new PlatformError({ kind: 'auth', platform: PLATFORM, message: '快手账号尚未授权或缺少应用配置 / the Kuaishou account is not authorised or the workspace has no Kuaishou app' });
  }
  return new KuaishouClient({ baseUrl: ctx.baseUrls.kuaishou, appId: ctx.app.clientId, grant: ctx.grant, meter: ctx.meter, timeoutMs: ctx.timeoutMs });
}

export const kuaishouPlatform: PlatformModule = {
  platform: PLATFORM,
  // createAVideo: "发起上传 scope : user_video_publish".
  route: (a) => (a.scopes.includes('user_video_publish') ? 'api' : 'manual'),
  capabilities(a) {
    const caps = new Set(KUAISHOU_SCOPES.filter((s) => a.scopes.includes(s.scope)).map((s) => s.gives));
    return [...caps];
  },
  oauthScopes: KUAISHOU_SCOPES,
  oauth: (hosts) => kuaishouOAuth({ baseUrl: hosts.baseUrls.kuaishou, timeoutMs: hosts.timeoutMs }),
  deliveries: ['publish'],
  // The pages we read state no per-API daily quotas and no daily publishing limit for 内容管理
  // (UNVERIFIED either way): nothing is enforced ahead; throttling answers back off when they come.
  quotas: [],
  quotaTimeZone: 'Asia/Shanghai',
  allowance: () => null,
  // API-REFERENCE.md §4: the official catalogue has no comment API.
  moderationLimits: noModeration({
    zh: '快手开放平台没有评论接口；请在快手 App 中处理',
    en: "Kuaishou's open platform has no comment API; use the Kuaishou app",
  }),
  createAdapter: (ctx) => kuaishouAdapter(clientOf(ctx)),
  metrics: (ctx) => kuaishouMetrics(clientOf(ctx)),
  metricsLimits: KUAISHOU_METRICS_LIMITS,
  async testConnection(ctx) {
    await clientOf(ctx).userInfo();
    const g = await ctx.grant!.current();
    return { ok: true, expiresAt: new Date(g.expiresAt) };
  },
};
