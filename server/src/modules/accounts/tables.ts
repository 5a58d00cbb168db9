import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users, workspaces } from '../identity/tables';

const now = () => timestamp({ withTimezone: true }).notNull().defaultNow();

export const platformAccounts = pgTable(
  'platform_accounts',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid().notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    platform: text().notNull(),
    name: text().notNull(),
    /** The platform's own id of the account (WeChat 原始ID gh_…, Weibo uid …). */
    platformId: text(),
    appId: text(),
    entityName: text(),
    entityType: text().notNull().default('company'),
    verification: text().notNull().default('unverified'),
    verificationExpiresOn: date(),
    accountType: text(),
    /** Planned posts per week (S1 cadence); null = no plan. */
    cadencePerWeek: integer(),
    approvalSteps: integer().notNull().default(1),
    /** AES-256-GCM sealed JSON of the credentials; never returned by the API. */
    credentialsSealed: text(),
    credentialsUpdatedAt: timestamp({ withTimezone: true }),
    lastCheckAt: timestamp({ withTimezone: true }),
    lastCheckOk: boolean(),
    lastCheckError: text(),
    /** Daily API limits that differ from the platform's documented defaults (bigger accounts get more). */
    apiLimits: jsonb().$type<Record<string, number>>().notNull().default({}),
    /** AES-256-GCM sealed JSON of the push (server configuration) settings: token, AES key, mode. */
    callbackSealed: text(),
    /** When the platform last checked the callback URL (the handshake) and last pushed an event. */
    callbackVerifiedAt: timestamp({ withTimezone: true }),
    callbackLastEventAt: timestamp({ withTimezone: true }),
    /** OAuth platforms: the scopes the account's grant holds (what it may do; Douyin's route depends on it). */
    scopes: text().array().notNull().default([]),
    /** OAuth platforms, from the sealed grant, for the lifecycle job: when the access and refresh tokens stop working. */
    grantExpiresAt: timestamp({ withTimezone: true }),
    refreshExpiresAt: timestamp({ withTimezone: true }),
    /**
     * The expiries already warned about, by what expires (`access`, `refresh`, `verification`):
     * one warning per expiry; a reconnect or renewal that moves the expiry allows the next one.
     */
    expiryWarnings: jsonb().$type<Partial<Record<'access' | 'refresh' | 'verification', string>>>().notNull().default({}),
    /** The platform refused the stored refresh token: no more automatic refreshes until a reconnect. */
    refreshFailedAt: timestamp({ withTimezone: true }),
    archivedAt: timestamp({ withTimezone: true }),
    createdAt: now(),
    updatedAt: now(),
  },
  (t) => [index('accounts_ws_idx').on(t.workspaceId, t.platform)],
);

export const accountOperators = pgTable(
  'account_operators',
  {
    accountId: uuid().notNull().references(() => platformAccounts.id, { onDelete: 'cascade' }),
    userId: uuid().notNull().references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.userId] })],
);

/** Platform access tokens, sealed, shared by every process (no token lives only in memory). */
export const platformTokens = pgTable('platform_tokens', {
  key: text().primaryKey(),
  tokenSealed: text().notNull(),
  expiresAt: timestamp({ withTimezone: true }).notNull(),
  updatedAt: now(),
});

/** Calls made to a platform API per account and day (the platform's day), for its daily quotas. */
export const platformApiUsage = pgTable(
  'platform_api_usage',
  {
    accountId: uuid().notNull().references(() => platformAccounts.id, { onDelete: 'cascade' }),
    api: text().notNull(),
    day: date().notNull(),
    calls: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.api, t.day] })],
);

/**
 * A workspace's app on a platform's open platform (client id/key and secret), through which its
 * accounts are authorised. The secret is sealed; `settings` holds what is not secret (Weibo's
 * safe domain).
 */
export const platformApps = pgTable(
  'platform_apps',
  {
    workspaceId: uuid().notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    platform: text().notNull(),
    clientId: text().notNull(),
    secretSealed: text().notNull(),
    settings: jsonb().$type<Record<string, string>>().notNull().default({}),
    createdAt: now(),
    updatedAt: now(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.platform] })],
);

/**
 * A started "connect account" (OAuth2 authorize → callback): the `state` sent to the platform,
 * who started it, for which platform and account (null = a new account), the redirect URI the
 * code is exchanged with. Good for 10 minutes and once.
 */
export const oauthStates = pgTable(
  'oauth_states',
  {
    state: text().primaryKey(),
    workspaceId: uuid().notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: uuid().notNull().references(() => users.id, { onDelete: 'cascade' }),
    platform: text().notNull(),
    accountId: uuid().references(() => platformAccounts.id, { onDelete: 'cascade' }),
    redirectUri: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: now(),
  },
  (t) => [index('oauth_states_expiry_idx').on(t.expiresAt)],
);
