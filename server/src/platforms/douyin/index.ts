// The Douyin platform as the rest of the product sees it (platforms/registry.ts).
import type { Capability } from '../adapter';
import type { AdapterContext, PlatformModule } from '../registry';
import { noModeration } from '../inbox';
import { DouyinClient } from './client';
import { PLATFORM } from './errors';
import { douyinHandoff } from './handoff';
import { DOUYIN_METRICS_LIMITS, douyinMetrics } from './metrics';
import { COMMENT_SCOPE, DOUYIN_SCOPES, douyinOAuth, PUBLISH_SCOPE } from './oauth';
import { douyinAdapter } from './publisher';
import { DOUYIN_COMMENT_LIMITS, DOUYIN_REPLY_LIMITS, douyinComments, douyinReplies } from './comments';

export const clientOf = (ctx: AdapterContext): DouyinClient => {
  if (!ctx.grant) throw new Error('a Douyin adapter needs the account grant');
  return new DouyinClient({ baseUrl: ctx.baseUrls.douyin, timeoutMs: ctx.timeoutMs, meter: ctx.meter, grant: ctx.grant });
};

function capabilities(account: { scopes: string[] }): Capability[] {
  const s = new Set(account.scopes);
  const caps: Capability[] = [];
  if (s.has(PUBLISH_SCOPE)) caps.push('publish');
  // The H5 share flow (h5.share) is the route for everyone without the bound scope; the product
  // offers it even before the scope shows in the grant (the app's capability, not the user's).
  else caps.push('handoff');
  if (account.scopes.some((x) => x.startsWith('data.external.') || x.startsWith('video.data'))) caps.push('data');
  // Closed to new applicants ("内测名额已满"), so only accounts that hold it get comments.
  if (s.has(COMMENT_SCOPE)) caps.push('comments');
  return caps;
}

export const douyinPlatform: PlatformModule = {
  platform: PLATFORM,
  route: ({ scopes }) => (scopes.includes(PUBLISH_SCOPE) ? 'api' : 'handoff'),
  capabilities,
  oauthScopes: DOUYIN_SCOPES,
  // Comment management is closed to new applicants: never asked for, held only by approved apps.
  approvalScopes: [{ scope: COMMENT_SCOPE, gives: 'comments' }],
  oauth: (hosts) => douyinOAuth({ baseUrl: hosts.baseUrls.douyin, timeoutMs: hosts.timeoutMs }),
  deliveries: ['publish'],
  // No per-day call quota is documented per API (only QPS per API and 28003017 when a quota is
  // used up, answered by a back-off to Beijing midnight).
  quotas: [],
  quotaTimeZone: 'Asia/Shanghai',
  allowance: () => null,
  // API-REFERENCE.md §3: comment management (and /item/comment/top/) is for enterprise accounts and closed to new applicants.
  moderationLimits: noModeration({
    zh: '抖音的评论管理接口只对企业号开放且已停止申请，本产品未接入；请在抖音 App 中处理',
    en: "Douyin's comment management is for enterprise accounts only and closed to new applicants, so it is not connected; use the Douyin app",
  }),
  createAdapter: (ctx) => {
    const client = clientOf(ctx);
    return douyinAdapter(
      client,
      ctx.app ? douyinHandoff(client, ctx.app, { baseUrl: ctx.baseUrls.douyin, timeoutMs: ctx.timeoutMs, meter: ctx.meter, tokenStore: ctx.tokenStore }) : {},
    );
  },
  metrics: (ctx) => douyinMetrics(clientOf(ctx)),
  metricsLimits: DOUYIN_METRICS_LIMITS,
  // Only for accounts whose grant holds video.comment (capabilities above); the account is its open_id.
  comments: (ctx) => douyinComments(clientOf(ctx), async () => (await ctx.grant?.current())?.openId ?? ''),
  commentLimits: DOUYIN_COMMENT_LIMITS,
  replies: (ctx) => douyinReplies(clientOf(ctx), async () => (await ctx.grant?.current())?.openId ?? ''),
  replyLimits: DOUYIN_REPLY_LIMITS,
  async testConnection(ctx) {
    const client = clientOf(ctx);
    await client.videoList(0, 1);
    const g = await client.currentGrant();
    return { ok: true, expiresAt: new Date(g.expiresAt) };
  },
};
