import { z } from 'zod';
import { Day, Id, IsoDate, patch, text } from './common';

export const Platform = z.enum(['wechat_oa', 'weibo', 'douyin', 'bilibili', 'kuaishou', 'xiaohongshu', 'zhihu', 'channels', 'toutiao', 'custom']);
export const EntityType = z.enum(['company', 'personal', 'government', 'media', 'other']);
export const Verification = z.enum(['verified', 'unverified', 'pending', 'expired']);
/** WeChat: 订阅号 / 服务号; Bilibili: 正式会员 (formal, no daily cap of five submissions) or not (regular). */
export const AccountType = z.enum(['subscription', 'service', 'formal', 'regular']);


const AccountFields = {
  name: text().trim().min(1, { error: '名称不能为空 / name must not be empty' }).max(100),
  platformId: text().trim().max(100).nullable().optional(),
  entityName: text().trim().max(200).nullable().optional(),
  entityType: EntityType.optional(),
  verification: Verification.optional(),
  verificationExpiresOn: Day.nullable().optional(),
  accountType: AccountType.nullable().optional(),
  cadencePerWeek: z.number().int().min(0).max(500).nullable().optional(),
  approvalSteps: z.number().int().min(0).max(3).optional(),
  operatorIds: z.array(Id).max(50).optional(),
};

export const CreateAccountBody = z.strictObject({ platform: Platform, ...AccountFields });
export const UpdateAccountBody = patch(AccountFields);
export const CredentialsBody = z.strictObject({
  appId: text().trim().min(1).max(64),
  appSecret: text().trim().min(1).max(256),
});

/** What an account's grant lets the product do on its platform (platforms/adapter.ts Capability). */
export const Capability = z.enum(['publish', 'handoff', 'comments', 'data']);
export const PublishRoute = z.enum(['api', 'handoff', 'manual']);

export const Account = z.object({
  id: Id,
  platform: Platform,
  name: z.string(),
  platformId: z.string().nullable(),
  appId: z.string().nullable(),
  entityName: z.string().nullable(),
  entityType: EntityType,
  verification: Verification,
  verificationExpiresOn: z.string().nullable(),
  accountType: AccountType.nullable(),
  cadencePerWeek: z.number().int().nullable(),
  approvalSteps: z.number().int(),
  operatorIds: z.array(Id),
  hasCredentials: z.boolean(),
  lastCheckAt: IsoDate.nullable(),
  lastCheckOk: z.boolean().nullable(),
  lastCheckError: z.string().nullable(),
  /** How the account connects: `oauth` (连接账号, authorise on the platform), `secret` (AppID/AppSecret), `manual` (no API). */
  connect: z.enum(['oauth', 'secret', 'manual']),
  /** How its posts go out (API, finished in the platform's app, or by a member by hand). */
  publishRoute: PublishRoute,
  /** What the grant allows, and what it lacks with the scopes that would give it. */
  capabilities: z.array(Capability),
  lacks: z.array(z.object({ capability: Capability, scopes: z.array(z.string()) })),
  scopes: z.array(z.string()),
  /** OAuth: when the access token and the refresh token stop working (null: unknown or none). */
  grantExpiresAt: IsoDate.nullable(),
  refreshExpiresAt: IsoDate.nullable(),
  /** OAuth: the platform refused the refresh token; the account must be authorised again. */
  needsReconnect: z.boolean(),
  createdAt: IsoDate,
});

export const HealthIssue = z.enum(['no_credentials', 'connection_failed', 'verification_expiring', 'verification_expired', 'unverified', 'quiet']);
export const AccountHealth = z.object({
  accountId: Id,
  name: z.string(),
  platform: Platform,
  credentialsOk: z.boolean().nullable(),
  verificationExpiresInDays: z.number().int().nullable(),
  lastPublishedAt: IsoDate.nullable(),
  daysSinceLastPost: z.number().int().nullable(),
  postsLast7Days: z.number().int(),
  cadencePerWeek: z.number().int().nullable(),
  issues: z.array(HealthIssue),
});

export const AccountQuery = z.object({ platform: Platform.optional(), q: text().max(100).optional() });

export const ConnectionResult = z.object({ ok: z.boolean(), message: z.string(), expiresAt: IsoDate.optional() });

export const CallbackBody = z.strictObject({
  mode: z.enum(['plain', 'compat', 'safe']),
  /** New token and key: the platform's console must then be given the new ones. */
  regenerate: z.boolean().optional(),
});
export const CallbackSettings = z.object({
  supported: z.boolean(),
  modes: z.array(z.string()),
  /** Absolute when MEIYUN_PUBLIC_URL is set; the platform must reach it over http(s) on port 80 or 443. */
  url: z.string().nullable(),
  path: z.string(),
  token: z.string().nullable(),
  aesKey: z.string().nullable(),
  mode: z.string().nullable(),
  verifiedAt: IsoDate.nullable(),
  lastEventAt: IsoDate.nullable(),
});

export const QuotaUsage = z.object({
  day: z.string(),
  timeZone: z.string(),
  items: z.array(z.object({ api: z.string(), defaultLimit: z.number().int(), limit: z.number().int(), overridden: z.boolean(), usedToday: z.number().int() })),
});
export const ApiLimitsBody = z.strictObject({
  limits: z.record(text().max(200), z.number().int().min(0).max(100_000_000).nullable()),
});
export const PlatformQuotaQuery = z.object({ api: text().startsWith('/').max(200) });
export const PlatformQuota = z.object({ dailyLimit: z.number().int(), used: z.number().int(), remain: z.number().int() });
export const AudienceTags = z.object({ items: z.array(z.object({ id: z.number().int(), name: z.string(), count: z.number().int() })) });
/** The query string the platform sends to the callback URL (WeChat: signature fields, echostr on the URL check). */
export const CallbackQuery = z.looseObject({
  signature: text().max(100).optional(),
  timestamp: text().max(20).optional(),
  nonce: text().max(100).optional(),
  echostr: text().max(1000).optional(),
  openid: text().max(100).optional(),
  encrypt_type: text().max(20).optional(),
  msg_signature: text().max(100).optional(),
});
/** A push: the platform's XML as sent. */
export const CallbackPush = text().max(1024 * 1024);
/** A push to a workspace app's URL (Bilibili Webhooks): `{event, content, timestamp}`; verified over the exact bytes. */
export const AppHookPush = z.looseObject({ event: text().max(64), timestamp: text().max(64).optional() });

// The workspace's app on an OAuth platform (开放平台应用). The secret is sealed and never returned.
export const OAuthPlatform = z.enum(['weibo', 'douyin', 'bilibili', 'kuaishou']);
export const PlatformApp = z.object({
  platform: OAuthPlatform,
  clientId: z.string(),
  hasSecret: z.boolean(),
  settings: z.record(z.string(), z.string()),
  /** Where the platform pushes for this app (Bilibili Webhooks), to enter in its console; null when it has none or no public URL is set. */
  hookUrl: z.string().nullable(),
  updatedAt: IsoDate,
});
export const PutPlatformAppBody = z.strictObject({
  clientId: text().trim().min(1).max(128),
  /** Left out on a change: the stored secret stays. Required the first time. */
  clientSecret: text().trim().min(1).max(256).optional(),
  settings: z.record(text().trim().min(1).max(64), text().trim().max(512)).optional(),
});

/** Starts "connect account": a new account, or `accountId` to authorise an existing one again. */
export const StartConnectBody = z.strictObject({ accountId: Id.optional() });
/** The platform's authorize page to send the browser to (valid 10 minutes, once). */
export const StartConnectResult = z.object({ url: z.string() });
/** What the platform appends to the callback URL: the code and our state, or an error when the person refused. */
export const ConnectCallbackQuery = z.looseObject({
  code: text().max(1000).optional(),
  state: text().max(200).optional(),
  error: text().max(200).optional(),
  error_description: text().max(1000).optional(),
});
