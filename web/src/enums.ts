// Enum values of the contract, listed here so the bundle needs no zod.
// `Exhaustive` fails to compile when the contract gains a value these lists lack.
import type { AccountType, EntityType, HealthIssue, Platform, PostStatus, PublicationState, Role, TopicStatus, Verification } from './types';

type Exhaustive<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : never;
const check = <T extends true>(_: T) => undefined;

export const PLATFORMS = ['wechat_oa', 'weibo', 'douyin', 'bilibili', 'kuaishou', 'xiaohongshu', 'zhihu', 'channels', 'toutiao', 'custom'] as const satisfies readonly Platform[];
export const ENTITY_TYPES = ['company', 'personal', 'government', 'media', 'other'] as const satisfies readonly EntityType[];
export const VERIFICATIONS = ['verified', 'unverified', 'pending', 'expired'] as const satisfies readonly Verification[];
export const ACCOUNT_TYPES = ['subscription', 'service', 'formal', 'regular'] as const satisfies readonly AccountType[];
export const HEALTH_ISSUES = [
  'no_credentials',
  'connection_failed',
  'verification_expiring',
  'verification_expired',
  'unverified',
  'quiet',
] as const satisfies readonly HealthIssue[];
export const TOPIC_STATUSES = ['idea', 'planned', 'used', 'dropped'] as const satisfies readonly TopicStatus[];
export const POST_STATUSES = ['draft', 'in_review', 'changes_requested', 'approved'] as const satisfies readonly PostStatus[];
export const PUBLICATION_STATES = [
  'scheduled',
  'dispatching',
  'submitted',
  'published',
  'failed',
  'needs_attention',
  'awaiting_manual',
  'paused',
  'missed',
  'expired',
  'canceled',
] as const satisfies readonly PublicationState[];
export const ROLES = ['owner', 'manager', 'editor', 'reviewer', 'analyst', 'guest'] as const satisfies readonly Role[];

check<Exhaustive<Platform, (typeof PLATFORMS)[number]>>(true);
check<Exhaustive<EntityType, (typeof ENTITY_TYPES)[number]>>(true);
check<Exhaustive<Verification, (typeof VERIFICATIONS)[number]>>(true);
check<Exhaustive<AccountType, (typeof ACCOUNT_TYPES)[number]>>(true);
check<Exhaustive<HealthIssue, (typeof HEALTH_ISSUES)[number]>>(true);
check<Exhaustive<TopicStatus, (typeof TOPIC_STATUSES)[number]>>(true);
check<Exhaustive<PostStatus, (typeof POST_STATUSES)[number]>>(true);
check<Exhaustive<PublicationState, (typeof PUBLICATION_STATES)[number]>>(true);
check<Exhaustive<Role, (typeof ROLES)[number]>>(true);

/** Colours (antd tag presets) of publication states, shared by tags and the calendar. */
export const STATE_COLORS: Record<PublicationState, string> = {
  scheduled: 'blue',
  dispatching: 'geekblue',
  submitted: 'cyan',
  published: 'green',
  failed: 'red',
  needs_attention: 'volcano',
  awaiting_manual: 'orange',
  paused: 'gold',
  missed: 'magenta',
  expired: 'purple',
  canceled: 'default',
};

export const POST_STATUS_COLORS: Record<PostStatus, string> = {
  draft: 'default',
  in_review: 'processing',
  changes_requested: 'warning',
  approved: 'success',
};

/** Publication states a manager may retry. */
export const RETRYABLE_STATES: readonly PublicationState[] = ['failed', 'needs_attention', 'missed', 'expired'];
