// The WeChat Official Account platform as the rest of the product sees it (platforms/registry.ts).

import type { Allowance, Delivery, PlatformModule } from '../registry';
import { WechatClient } from './client';
import { listTags } from './mass';
import { wechatAdapter, wechatDelivery } from './publisher';
import { clearQuota, getQuota, WECHAT_DAILY_LIMITS, WECHAT_QUOTA_TIME_ZONE } from './quota';
import { wechatCallback } from './callback';
import { WECHAT_METRICS_LIMITS, wechatMetrics } from './metrics';
import { WECHAT_COMMENT_LIMITS, wechatComments } from './comments';
import { WECHAT_REPLY_LIMITS, wechatReplies } from './replies';
import { WECHAT_MODERATION_LIMITS, wechatModeration } from './moderation';
import { WECHAT_KF_LIMITS, wechatMessageReplies } from './kf';

interface Credentials {
  appId: string;
  appSecret: string;
}

const clientOf = (ctx: Parameters<PlatformModule['createAdapter']>[0]) => {
  const creds = ctx.credentials as Credentials;
  return new WechatClient({
    baseUrl: ctx.baseUrls.wechat,
    appId: creds.appId,
    appSecret: creds.appSecret,
    tokenStore: ctx.tokenStore,
    meter: ctx.meter,
    timeoutMs: ctx.timeoutMs,
  });
};

/**
 * 群发 allowance (PRODUCT.md; doc "Batch_Sends"): a subscription account (订阅号) may mass-send
 * once a day, a service account (服务号) four times a natural month. 发布 does not count.
 */
function allowance(account: { accountType: string | null }, delivery: Delivery): Allowance | null {
  if (wechatDelivery(delivery).mode !== 'mass_send' || !account.accountType) return null;
  return account.accountType === 'subscription'
    ? { key: 'wechat.mass_send', unit: 'day', limit: 1, label: { zh: '订阅号每天只能群发 1 次', en: 'a subscription account may mass-send once a day' } }
    : { key: 'wechat.mass_send', unit: 'month', limit: 4, label: { zh: '服务号每月只能群发 4 次', en: 'a service account may mass-send four times a month' } };
}

export const wechatPlatform: PlatformModule = {
  platform: 'wechat_oa',
  // An AppSecret grants every API the account's type and verification allow.
  route: () => 'api',
  capabilities: () => ['publish', 'comments', 'data'],
  deliveries: ['publish', 'mass_send'],
  quotas: WECHAT_DAILY_LIMITS,
  quotaTimeZone: WECHAT_QUOTA_TIME_ZONE,
  allowance,
  submitApi: (delivery) => (wechatDelivery(delivery).mode === 'mass_send' ? '/cgi-bin/message/mass/sendall' : '/cgi-bin/freepublish/submit'),
  createAdapter: (ctx) => wechatAdapter(clientOf(ctx), ctx.meter),
  async testConnection(ctx) {
    return clientOf(ctx).testConnection();
  },
  async audienceTags(ctx) {
    return (await listTags(clientOf(ctx))).map((t) => ({ id: t.id, name: t.name, count: t.count }));
  },
  async platformQuota(ctx, api) {
    return getQuota(clientOf(ctx), api);
  },
  async clearQuota(ctx) {
    await clearQuota(clientOf(ctx));
  },
  callback: wechatCallback,
  metrics: (ctx) => wechatMetrics(clientOf(ctx)),
  metricsLimits: WECHAT_METRICS_LIMITS,
  comments: (ctx) => wechatComments(clientOf(ctx)),
  commentLimits: WECHAT_COMMENT_LIMITS,
  replies: (ctx) => wechatReplies(clientOf(ctx)),
  replyLimits: WECHAT_REPLY_LIMITS,
  moderation: (ctx) => wechatModeration(clientOf(ctx)),
  moderationLimits: WECHAT_MODERATION_LIMITS,
  messageReplies: (ctx) => wechatMessageReplies(clientOf(ctx)),
  messageReplyLimits: WECHAT_KF_LIMITS,
};
