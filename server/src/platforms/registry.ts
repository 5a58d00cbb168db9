// Every platform the product can publish to through an API, by the `platform` value of an account.
// Adding a platform is adding a folder under platforms/ and one line here.

import type {
  Allowance,
  CallMeter,
  Capability,
  Delivery,
  GrantAccess,
  OAuthApp,
  OAuthProvider,
  PlatformAdapter,
  PublishRoute,
  PushedResult,
  QuotaRule,
  TokenStore,
} from './adapter';
import type { CommentLimits, CommentModerator, CommentReader, CommentReplier, MessageReplier, ModerationLimits, PushedMessage, ReplyLimits } from './inbox';
import type { MetricsLimits, MetricsReader } from './metrics';
import { kuaishouPlatform } from './kuaishou';
import { bilibiliPlatform } from './bilibili';
import { douyinPlatform } from './douyin';
import { wechatPlatform } from './wechat';
import { weiboPlatform } from './weibo';

export type { Allowance, CallMeter, Delivery };

/** The platforms' hosts, from the configuration (the emulator's in tests and the demo). */
export interface BaseUrls {
  wechat: string;
  weibo: string;
  douyin: string;
  bilibili: string;
  bilibiliAuth: string;
  /** Bilibili's authorize page host (account.bilibili.com). */
  bilibiliAuthorize: string;
  /** Bilibili's video upload host (openupos.bilivideo.com). */
  bilibiliUpload: string;
  kuaishou: string;
}

export interface AdapterContext {
  /** The account's credentials as stored (opened from their sealed form): WeChat AppID/AppSecret; OAuth platforms `{ grant }`. */
  credentials: unknown;
  /** OAuth platforms: the workspace's app on the platform, and the account's grant (refreshed when refused). */
  app: OAuthApp | null;
  grant: GrantAccess | null;
  baseUrls: BaseUrls;
  tokenStore: TokenStore;
  meter: CallMeter;
  timeoutMs: number;
}

/** A platform's pushes to our callback URL (WeChat: the server configuration, 服务器配置). */
export interface CallbackHandler {
  /** Settings generated for a new configuration (token, key), shown to the person who pastes them into the platform. */
  newSettings(mode?: string): CallbackSettings;
  readonly modes: readonly string[];
  /** The platform checking the URL: the text to answer, or null when the check fails. */
  handshake(settings: CallbackSettings, query: Record<string, string>): string | null;
  /** A push: verified and decoded (publish results, users' messages), or an error message when it is not genuine. */
  receive(
    settings: CallbackSettings & { appId: string | null },
    query: Record<string, string>,
    body: string,
  ): { results: PushedResult[]; messages?: PushedMessage[]; reply: string } | { error: string };
}

/** What an app-level push (one URL per workspace app, e.g. Bilibili's Webhooks) comes to. */
export type AppHookAnswer = { results: PushedResult[]; reply: string } | { error: string };

/**
 * A platform's pushes to one URL per workspace app (not per account): verified with the app's
 * secret; results name the platform's ids, which identify the publication on their own.
 */
export interface AppHookHandler {
  receive(app: OAuthApp, headers: Record<string, string | undefined>, body: string): AppHookAnswer;
}

export interface CallbackSettings {
  token: string;
  aesKey: string;
  mode: string;
}

export interface PlatformModule {
  platform: string;
  /**
   * How this account's posts go out (Douyin: `api` only when the grant holds the enterprise
   * `video.create.bind` scope, else `handoff`).
   */
  route(account: { scopes: string[] }): PublishRoute;
  /** What the account's grant allows; the UI shows what is missing. WeChat: all, by its AppSecret. */
  capabilities(account: { scopes: string[] }): Capability[];
  /** OAuth platforms: the scopes asked for and what each gives (the same list as the provider's `scopes`). */
  oauthScopes?: readonly { scope: string; gives: Capability }[];
  /**
   * Scopes that give a capability but are not asked for at connect (the platform grants them only
   * to apps it approved, e.g. Douyin's video.comment): named in what a grant lacks.
   */
  approvalScopes?: readonly { scope: string; gives: Capability }[];
  /** OAuth2 code flow, for platforms whose accounts connect by authorisation (a client of the platform's hosts). */
  oauth?(hosts: { baseUrls: BaseUrls; timeoutMs: number }): OAuthProvider;
  /** The deliveries (`Delivery.mode`) this platform offers. */
  deliveries: readonly string[];
  quotas: readonly QuotaRule[];
  /** Daily quotas reset at midnight in this time zone. */
  quotaTimeZone: string;
  allowance(account: { accountType: string | null }, delivery: Delivery): Allowance | null;
  /** The API (as in `quotas`) whose daily quota one submit of this delivery spends, for the calendar's warnings. */
  submitApi?(delivery: Delivery): string;
  createAdapter(ctx: AdapterContext): PlatformAdapter;
  /** Checks the credentials with one cheap call; answers when the token in use expires. */
  testConnection(ctx: AdapterContext): Promise<{ ok: true; expiresAt: Date }>;
  audienceTags?(ctx: AdapterContext): Promise<{ id: number; name: string; count: number }[]>;
  platformQuota?(ctx: AdapterContext, api: string): Promise<{ dailyLimit: number; used: number; remain: number }>;
  clearQuota?(ctx: AdapterContext): Promise<void>;
  callback?: CallbackHandler;
  appHook?: AppHookHandler;
  /** The platform's data APIs for the analytics sync (platforms/<platform>/metrics.ts), or absent. */
  metrics?(ctx: AdapterContext): MetricsReader;
  /** The same reader's limits, known without credentials (what the sync status shows as missing). */
  metricsLimits?: MetricsLimits;
  /** The platform's comment APIs for the inbox sync (platforms/<platform>/comments.ts), or absent. */
  comments?(ctx: AdapterContext): CommentReader;
  /** The same reader's limits, known without credentials (the tick and the status read them). */
  commentLimits?: CommentLimits;
  /** The platform's comment reply API (platforms/<platform>/replies.ts), or absent. */
  replies?(ctx: AdapterContext): CommentReplier;
  /** The same replier's limits, known without credentials (the reply route checks them). */
  replyLimits?: ReplyLimits;
  /** Featuring and hiding comments (platforms/<platform>/moderation.ts), or absent. */
  moderation?(ctx: AdapterContext): CommentModerator;
  /** What featuring and hiding allow on this platform, and why not: known without credentials (the inbox shows it). */
  moderationLimits?: ModerationLimits;
  /** Replies to users' messages (WeChat: customer-service messages), or absent. */
  messageReplies?(ctx: AdapterContext): MessageReplier;
  messageReplyLimits?: ReplyLimits;
}

const PLATFORMS: Record<string, PlatformModule> = Object.fromEntries(
  [wechatPlatform, kuaishouPlatform, bilibiliPlatform, weiboPlatform, douyinPlatform].map((m) => [m.platform, m]),
);

/** Every platform with an API (the sync jobs ask each what it can read). */
export function platformModules(): PlatformModule[] {
  return Object.values(PLATFORMS);
}

/** The platform module for an account's platform, or null when it has no API (a manual channel). */
export function platformModule(platform: string): PlatformModule | null {
  return PLATFORMS[platform] ?? null;
}

/**
 * What an account's grant allows and lacks: every capability its platform's scopes could give,
 * minus what `capabilities` grants, each with the scopes that would give it (none: the platform
 * has no API for it, e.g. comments without a reader). Publishing through the API makes the
 * hand-off route moot.
 */
export function grantCapabilities(mod: PlatformModule, scopes: string[]) {
  // Comments need a reader (platforms/<platform>/comments.ts) as well as the grant's scope.
  const has = mod.capabilities({ scopes }).filter((c) => c !== 'comments' || !!mod.comments);
  const all = [...(mod.oauthScopes ?? []), ...(mod.approvalScopes ?? [])];
  const possible = new Set<Capability>([...mod.capabilities({ scopes: all.map((s) => s.scope) }), ...all.map((s) => s.gives), ...has, 'comments']);
  const lacks = [...possible]
    .filter((c) => !has.includes(c) && !(c === 'handoff' && has.includes('publish')))
    .map((capability) => ({ capability, scopes: [...new Set(all.filter((s) => s.gives === capability).map((s) => s.scope))] }));
  return { has, lacks };
}
