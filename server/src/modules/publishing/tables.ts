import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { platformAccounts } from '../accounts/tables';
import { media, posts } from '../content/tables';
import { users, workspaces } from '../identity/tables';

const now = () => timestamp({ withTimezone: true }).notNull().defaultNow();

/**
 * One (post, account) going out. States:
 * scheduled → dispatching → submitted → published | failed | needs_attention,
 * plus paused, missed (overdue past the window), expired (unapproved at its time), canceled.
 */
export const publications = pgTable(
  'publications',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    postId: uuid()
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    accountId: uuid()
      .notNull()
      .references(() => platformAccounts.id, { onDelete: 'cascade' }),
    dueAt: timestamp({ withTimezone: true }).notNull(),
    /** How it goes out, as the platform's adapter reads it (e.g. publish, or mass send to all followers or to a tag). */
    delivery: jsonb().$type<{ mode: string } & Record<string, unknown>>().notNull().default(sql`'{"mode":"publish"}'::jsonb`),
    /** The platform allowance this delivery counts against (e.g. a daily mass-send allowance), or null. */
    allowanceKey: text(),
    /** That allowance's size and period (day | month, in the workspace's time zone), checked again at the submit. */
    allowanceLimit: integer(),
    allowanceUnit: text(),
    state: text().notNull().default('scheduled'),
    stateReason: text(),
    /** Fencing token: each dispatch increments it; a job carrying an older value does nothing. */
    dispatchSeq: integer().notNull().default(0),
    attemptCount: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }),
    /** Platform ids, written as each step succeeds so a retry resumes instead of repeating. */
    coverRemoteId: text(),
    draftRemoteId: text(),
    /** The post version the platform draft was made from; another version means a new draft. */
    preparedVersion: integer(),
    /** What was sent, by which the post is recognised on the platform after an unknown outcome. */
    contentFingerprint: text(),
    /**
     * Counts the fresh starts a person asked for: the submit's idempotency key is
     * "<id>.<generation>", the same for every dispatch until someone restarts the publication.
     */
    generation: integer().notNull().default(0),
    /** Status polls made since the submit (hand-off route: checks for the finished post), for the backoff and the daily quota. */
    pollCount: integer().notNull().default(0),
    /** When a prepare-ahead job was last queued for it (so one is not queued every tick). */
    prepareQueuedAt: timestamp({ withTimezone: true }),
    submitStartedAt: timestamp({ withTimezone: true }),
    publishId: text(),
    msgDataId: text(),
    articleId: text(),
    articleUrl: text(),
    lastErrorCode: text(),
    /** The IP of the member who scheduled it (some platforms require the real IP of the user behind a post). */
    clientIp: text(),
    submittedAt: timestamp({ withTimezone: true }),
    publishedAt: timestamp({ withTimezone: true }),
    /** Manual / hand-off route: when it started waiting for a member, the hand-off kit, the overdue escalation, who finished it. */
    manualSince: timestamp({ withTimezone: true }),
    /** earlierRefs: the refs of links replaced by a new one (a member may still finish with an old link). */
    handoffKit: jsonb().$type<{ url: string; expiresAt: string | null; ref: string | null; steps: unknown; earlierRefs?: string[] }>(),
    escalatedAt: timestamp({ withTimezone: true }),
    completedBy: uuid(),
    createdAt: now(),
    updatedAt: now(),
  },
  (t) => [
    uniqueIndex('publications_post_account_key').on(t.postId, t.accountId),
    index('publications_due_idx').on(t.state, t.dueAt),
    index('publications_ws_idx').on(t.workspaceId, t.dueAt),
  ],
);

export const publishAttempts = pgTable(
  'publish_attempts',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    workspaceId: uuid().notNull(),
    publicationId: uuid()
      .notNull()
      .references(() => publications.id, { onDelete: 'cascade' }),
    step: text().notNull(),
    outcome: text().notNull(),
    errorCode: text(),
    message: text(),
    request: jsonb(),
    response: jsonb(),
    durationMs: integer().notNull().default(0),
    at: now(),
  },
  (t) => [index('attempts_pub_idx').on(t.publicationId, t.at)],
);

/**
 * A file of our media library already uploaded to an account as permanent material (the
 * article cover): later posts with the same cover reuse the platform's id instead of uploading
 * it again. Dropped when the platform says the id is no longer valid.
 */
export const platformMedia = pgTable(
  'platform_media',
  {
    accountId: uuid()
      .notNull()
      .references(() => platformAccounts.id, { onDelete: 'cascade' }),
    mediaId: uuid()
      .notNull()
      .references(() => media.id, { onDelete: 'cascade' }),
    /** As publications.cover_remote_id: "<our media id>:<platform id>". */
    remoteId: text().notNull(),
    uploadedAt: now(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.mediaId] })],
);

/**
 * A ticked item of a manual post's checklist (contract/manual.ts): who ticked it and when.
 * Unticking removes the row.
 */
export const publicationChecks = pgTable(
  'publication_checks',
  {
    publicationId: uuid()
      .notNull()
      .references(() => publications.id, { onDelete: 'cascade' }),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    itemKey: text().notNull(),
    tickedBy: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tickedAt: now(),
  },
  (t) => [primaryKey({ columns: [t.publicationId, t.itemKey] })],
);
