import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

const now = () => timestamp({ withTimezone: true }).notNull().defaultNow();

export const workspaces = pgTable('workspaces', {
  id: uuid().primaryKey().defaultRandom(),
  name: text().notNull(),
  timezone: text().notNull().default('Asia/Shanghai'),
  /** Crisis button: while true nothing is dispatched. */
  paused: boolean().notNull().default(false),
  pausedAt: timestamp({ withTimezone: true }),
  pausedBy: uuid(),
  pauseReason: text(),
  /** A publication overdue by more than this is marked missed instead of going out late. */
  missedWindowMinutes: integer().notNull().default(60),
  /** Owner's setting: members without two-factor sign-in cannot use this workspace until they enrol. */
  requireTotp: boolean().notNull().default(false),
  createdAt: now(),
});

export const users = pgTable(
  'users',
  {
    id: uuid().primaryKey().defaultRandom(),
    email: text().notNull(),
    name: text().notNull(),
    passwordHash: text().notNull(),
    locale: text().notNull().default('zh-CN'),
    passwordChangedAt: timestamp({ withTimezone: true }),
    /** TOTP secret (sealed with the secret box) once confirmed by a code; null when two-factor is off. */
    totpSecretSealed: text(),
    /** A secret being enrolled: it becomes totpSecretSealed when the user confirms a code from it. */
    totpPendingSealed: text(),
    totpEnabledAt: timestamp({ withTimezone: true }),
    /** The last TOTP time step accepted: a code of that step or an earlier one is never accepted again. */
    totpLastStep: bigint({ mode: 'number' }),
    createdAt: now(),
  },
  (t) => [uniqueIndex('users_email_key').on(sql`lower(${t.email})`)],
);

export const memberships = pgTable(
  'memberships',
  {
    workspaceId: uuid().notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: uuid().notNull().references(() => users.id, { onDelete: 'cascade' }),
    role: text().notNull(),
    createdAt: now(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userId] }), index('memberships_user_idx').on(t.userId)],
);

export const sessions = pgTable(
  'sessions',
  {
    /** sha256 of the cookie value: a leaked table gives no usable session. */
    idHash: text().primaryKey(),
    /** What the sessions page names a session by; the primary key must never leave the server. */
    publicId: uuid().notNull().defaultRandom(),
    userId: uuid().notNull().references(() => users.id, { onDelete: 'cascade' }),
    workspaceId: uuid().references(() => workspaces.id, { onDelete: 'set null' }),
    createdAt: now(),
    lastSeenAt: now(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    ip: text(),
    userAgent: text(),
  },
  (t) => [index('sessions_user_idx').on(t.userId), uniqueIndex('sessions_public_id_key').on(t.publicId)],
);

export const invitations = pgTable(
  'invitations',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid().notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    email: text().notNull(),
    role: text().notNull(),
    tokenHash: text().notNull(),
    invitedBy: uuid().notNull().references(() => users.id),
    createdAt: now(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    acceptedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [uniqueIndex('invitations_token_key').on(t.tokenHash), index('invitations_ws_idx').on(t.workspaceId)],
);

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    workspaceId: uuid().notNull(),
    actorId: uuid(),
    action: text().notNull(),
    entityType: text().notNull(),
    entityId: text(),
    before: jsonb(),
    after: jsonb(),
    requestId: text(),
    at: now(),
  },
  (t) => [index('audit_ws_at_idx').on(t.workspaceId, t.at), index('audit_entity_idx').on(t.workspaceId, t.entityType, t.entityId)],
);

/**
 * Sign-in throttling (throttle.ts), kept in the database so every process shares it: per
 * (email, IP) the attempts since the last success and the time before which the next one is
 * refused; per IP the attempts of a fixed window.
 */
export const rateCounters = pgTable('rate_counters', {
  key: text().primaryKey(),
  windowStart: timestamp({ withTimezone: true }).notNull(),
  count: integer().notNull(),
  lockedUntil: timestamp({ withTimezone: true }),
});

/** Sign-ins, sign-outs, failures and credential changes, per user (user null: an email nobody has). */
export const authEvents = pgTable(
  'auth_events',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    userId: uuid().references(() => users.id, { onDelete: 'cascade' }),
    /** As typed at sign-in (lower-cased), or the user's email for other events. */
    email: text().notNull(),
    kind: text().notNull(),
    /** Why a sign-in failed (wrong_password, unknown_email, totp_wrong, throttled), or how a session ended. */
    reason: text(),
    /** Someone other than the user who caused it (the manager who issued a reset link). */
    actorId: uuid(),
    ip: text(),
    userAgent: text(),
    at: now(),
  },
  (t) => [index('auth_events_user_at_idx').on(t.userId, t.at), index('auth_events_at_idx').on(t.at)],
);

/** One-time password-reset links: only the token's hash is stored. */
export const passwordResets = pgTable(
  'password_resets',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid().notNull().references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text().notNull(),
    /** The workspace whose manager issued it; null when issued from the command line. */
    workspaceId: uuid().references(() => workspaces.id, { onDelete: 'cascade' }),
    issuedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: now(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
  },
  (t) => [uniqueIndex('password_resets_token_key').on(t.tokenHash), index('password_resets_user_idx').on(t.userId)],
);

/** Two-factor recovery codes, each usable once; stored as hashes. */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid().notNull().references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text().notNull(),
    usedAt: timestamp({ withTimezone: true }),
  },
  (t) => [uniqueIndex('recovery_codes_user_code_key').on(t.userId, t.codeHash)],
);

/**
 * A department (issue 9's feedback queues; issue 10's requests): a named group of the workspace's
 * members, guests from that department and staff alike. `feedbackAreas`: product areas whose
 * feedback is routed here when it is created without a department (an area belongs to one
 * department of the workspace at most: checked when saved).
 */
export const departments = pgTable(
  'departments',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid().notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    description: text().notNull().default(''),
    feedbackAreas: text().array().notNull().default(sql`'{}'::text[]`),
    createdAt: now(),
  },
  (t) => [uniqueIndex('departments_name_key').on(t.workspaceId, t.name)],
);

/** Who is in a department; removed with the member's membership of the workspace (members.ts). */
export const departmentMembers = pgTable(
  'department_members',
  {
    departmentId: uuid().notNull().references(() => departments.id, { onDelete: 'cascade' }),
    userId: uuid().notNull().references(() => users.id, { onDelete: 'cascade' }),
    createdAt: now(),
  },
  (t) => [primaryKey({ columns: [t.departmentId, t.userId] }), index('department_members_user_idx').on(t.userId)],
);
