import { NOTIFY_KIND_PREFIXES } from '../../../../contract/notify-kinds';
// Types and pure helpers of the notifications UI. Type-only contract imports: no zod in the bundle.
import type { z } from 'zod';
import type * as C from '../../../../contract';

export type Notification = z.infer<typeof C.Notification>;
export type NotifySeverity = z.infer<typeof C.NotifySeverity>;
export type NotifyChannel = z.infer<typeof C.NotifyChannel>;
export type NotifyChannelType = z.infer<typeof C.NotifyChannelType>;
export type NotifyChannelLanguage = z.infer<typeof C.NotifyChannelLanguage>;
export type NotifyDelivery = z.infer<typeof C.NotifyDelivery>;
export type NotifyTestResult = z.infer<typeof C.NotifyTestResult>;
export type CreateNotifyChannelBody = z.infer<typeof C.CreateNotifyChannelBody>;
export type UpdateNotifyChannelBody = z.infer<typeof C.UpdateNotifyChannelBody>;

/** The families the product writes (the contract's list, zod-free). */
export const KIND_PREFIXES = NOTIFY_KIND_PREFIXES;
export const SEVERITIES: readonly NotifySeverity[] = ['info', 'warning', 'critical'];
export const CHANNEL_TYPES: readonly NotifyChannelType[] = ['wecom', 'dingtalk', 'feishu'];
export const CHANNEL_LANGUAGES: readonly NotifyChannelLanguage[] = ['zh-CN', 'en', 'both'];

export const SEVERITY_COLORS: Record<NotifySeverity, string> = { info: 'blue', warning: 'orange', critical: 'red' };

/** Query keys: every notifications query starts with 'notifications', so one invalidation refreshes the bell and the page. */
export const NOTIFICATIONS_KEY = ['notifications'] as const;
export const UNREAD_KEY = ['notifications', 'unread-count'] as const;

/** The text in the current language. */
export const inLang = (v: { zh: string; en: string }, lang: string) => (lang.startsWith('zh') ? v.zh : v.en || v.zh);

/**
 * A notification's link as an in-app path, or null. Links are written by the server, but the
 * bell only ever navigates inside the app: no scheme, no protocol-relative "//host".
 */
export function internalLink(link: string | null | undefined): string | null {
  if (!link?.startsWith('/') || link.startsWith('//') || link.includes('\\')) return null;
  return link;
}

/** The translation key of the kind's family ('publication.failed' → 'notifyKind.publication.'), or null. */
export function kindKey(kind: string): string | null {
  const p = KIND_PREFIXES.find((k) => kind.startsWith(k));
  return p ? `notifyKind.${p}` : null;
}

/** The badge text: exact up to 99. */
export const badgeCount = (n: number) => (n > 99 ? '99+' : String(n));
