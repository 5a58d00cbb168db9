import { z } from 'zod';
import { Id, IsoDate, patch, text } from './common';

export const NotifySeverity = z.enum(['info', 'warning', 'critical']);
export const NotifyChannelType = z.enum(['wecom', 'dingtalk', 'feishu']);
export const NotifyChannelLanguage = z.enum(['zh-CN', 'en', 'both']);
export const NotifyDeliveryStatus = z.enum(['ok', 'retrying', 'failed']);

export { NOTIFY_KIND_PREFIXES } from './notify-kinds';

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');
const KindPrefix = text()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]*)*$/, {
    error: '类型前缀只能包含小写字母、数字、下划线和点，如 publication. / a kind prefix is lowercase letters, digits, _ and dots, e.g. publication.',
  });

export const NotificationQuery = z.object({
  unread: flag.optional(),
  kind: KindPrefix.optional(),
});

export const Notification = z.object({
  id: Id,
  kind: z.string(),
  severity: NotifySeverity,
  title: z.object({ zh: z.string(), en: z.string() }),
  body: z.object({ zh: z.string(), en: z.string() }),
  link: z.string().nullable(),
  readAt: IsoDate.nullable(),
  createdAt: IsoDate,
});

export const NotificationUnreadCount = z.object({ count: z.number().int() });
export const NotificationsReadAllBody = z.strictObject({ kind: KindPrefix.optional() });
export const NotificationsReadAllResult = z.object({ updated: z.number().int() });

const ChannelName = text()
  .trim()
  .min(1, { error: '名称不能为空 / name must not be empty' })
  .max(60, { error: '名称最多 60 字 / name is at most 60 characters' });
const WebhookUrl = text().trim().min(1, { error: 'Webhook 地址不能为空 / the webhook URL must not be empty' }).max(1000);
const Secret = text().trim().max(200, { error: '密钥最多 200 个字符 / the secret is at most 200 characters' });

const ChannelFields = {
  name: ChannelName,
  kinds: z.array(KindPrefix).max(20).optional(),
  minSeverity: NotifySeverity.optional(),
  language: NotifyChannelLanguage.optional(),
  enabled: z.boolean().optional(),
};

export const CreateNotifyChannelBody = z.strictObject({
  type: NotifyChannelType,
  url: WebhookUrl,
  /** DingTalk 加签 (SEC…) or Feishu 签名校验 secret; WeCom robots have none. */
  secret: Secret.optional(),
  ...ChannelFields,
});

/** Leave url/secret out to keep them; secret null removes it. */
export const UpdateNotifyChannelBody = patch({
  url: WebhookUrl,
  secret: Secret.nullable(),
  ...ChannelFields,
});

export const NotifyChannel = z.object({
  id: Id,
  type: NotifyChannelType,
  name: z.string(),
  /** The webhook URL with its key/token masked: the real one never leaves the server. */
  urlMasked: z.string(),
  hasSecret: z.boolean(),
  kinds: z.array(z.string()),
  minSeverity: NotifySeverity,
  language: NotifyChannelLanguage,
  enabled: z.boolean(),
  lastDeliveryAt: IsoDate.nullable(),
  lastDeliveryOk: z.boolean().nullable(),
  lastError: z.string().nullable(),
  createdAt: IsoDate,
});

export const NotifyDelivery = z.object({
  id: z.number().int(),
  eventKind: z.string(),
  status: NotifyDeliveryStatus,
  attempt: z.number().int(),
  httpStatus: z.number().int().nullable(),
  responseCode: z.string().nullable(),
  responseMessage: z.string().nullable(),
  durationMs: z.number().int(),
  at: IsoDate,
});

export const NotifyTestResult = z.object({ ok: z.boolean(), message: z.string(), delivery: NotifyDelivery });
