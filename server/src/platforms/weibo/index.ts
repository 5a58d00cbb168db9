// Weibo as the rest of the product sees it (platforms/registry.ts).

import type { QuotaRule } from '../adapter';
import type { AdapterContext, PlatformModule } from '../registry';
import { WeiboClient } from './client';
import { PLATFORM } from './errors';
import { WEIBO_SCOPES, weiboOAuth } from './oauth';
import { WEIBO_COMMENT_LIMITS, weiboComments } from './comments';
import { WEIBO_METRICS_LIMITS, weiboMetrics } from './metrics';
import { weiboAdapter } from './publisher';
import { WEIBO_REPLY_LIMITS, weiboReplies } from './replies';
import { WEIBO_MODERATION_LIMITS, weiboModeration } from './moderation';

/**
 * Daily limits per account. Weibo's posting limits are UNVERIFIED (no current document found):
 * the old 接口访问频次 table gave a user 30 posts an hour through the API; 30 × 24 = 720 is the
 * default, and an account may override it (accounts' apiLimits). Reads: 150 an hour × 24 (also
 * from that table, UNVERIFIED).
 */
export const WEIBO_DAILY_LIMITS: readonly QuotaRule[] = [
  { api: 'statuses/share', dailyLimit: 720 },
  { api: 'statuses/user_timeline', dailyLimit: 3600 },
  { api: 'statuses/count', dailyLimit: 3600 },
  { api: 'users/show', dailyLimit: 3600 },
  { api: 'comments/show', dailyLimit: 3600 },
  { api: 'comments/to_me', dailyLimit: 3600 },
];

export function weiboClientOf(ctx: AdapterContext): WeiboClient {
  if (!ctx.grant) throw new Error('a Weibo account needs its OAuth grant (ctx.grant)');
  return new WeiboClient({ baseUrl: ctx.baseUrls.weibo, grant: ctx.grant, meter: ctx.meter, timeoutMs: ctx.timeoutMs });
}

export const weiboPlatform: PlatformModule = {
  platform: PLATFORM,
  // Every authorised server app may call statuses/share (the ordinary write path) and read its own.
  route: () => 'api',
  capabilities: () => ['publish', 'comments', 'data'],
  oauthScopes: WEIBO_SCOPES,
  oauth: weiboOAuth,
  deliveries: ['publish'],
  quotas: WEIBO_DAILY_LIMITS,
  quotaTimeZone: 'Asia/Shanghai',
  // No documented daily allowance beyond the call limits above.
  allowance: () => null,
  createAdapter: (ctx) => weiboAdapter(weiboClientOf(ctx), ctx.app),
  // The account's uid is its grant's openId.
  metrics: (ctx) => weiboMetrics(weiboClientOf(ctx), async () => (await ctx.grant?.current())?.openId ?? ''),
  metricsLimits: WEIBO_METRICS_LIMITS,
  comments: (ctx) => weiboComments(weiboClientOf(ctx), async () => (await ctx.grant?.current())?.openId ?? ''),
  commentLimits: WEIBO_COMMENT_LIMITS,
  replies: (ctx) => weiboReplies(weiboClientOf(ctx), async () => (await ctx.grant?.current())?.openId ?? ''),
  replyLimits: WEIBO_REPLY_LIMITS,
  moderation: (ctx) => weiboModeration(weiboClientOf(ctx)),
  moderationLimits: WEIBO_MODERATION_LIMITS,
  async testConnection(ctx) {
    const info = await weiboClientOf(ctx).tokenInfo();
    return { ok: true, expiresAt: info.expiresAt };
  },
};
