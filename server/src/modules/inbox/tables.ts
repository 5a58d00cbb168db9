import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, real, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { platformAccounts } from '../accounts/tables';
import { users, workspaces } from '../identity/tables';

/**
 * One comment or message as it came from a platform (or a manual import), once per
 * (account, kind, external id): a sync or import run again finds the row and adds nothing.
 * Threads: `parentId` is the item it answers (a reply to a comment), `rootId` the thread's first
 * item (itself for a root). `grams`: the folded text's two-character pieces (and Latin words), the
 * keyword search's index (search.ts), so that two-character words such as 退款 are found.
 */
export const inboxItems = pgTable(
  'inbox_items',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    accountId: uuid()
      .notNull()
      .references(() => platformAccounts.id, { onDelete: 'cascade' }),
    /** comment | message */
    kind: text().notNull(),
    externalId: text().notNull(),
    /** The external id of the item this one answers, as the platform gave it (resolved into parentId). */
    parentExternalId: text(),
    parentId: uuid(),
    rootId: uuid(),
    /** The publication it is about (found through publishing/lookup.ts), if any. */
    publicationId: uuid(),
    /** The author's identity on the platform (openid, uid …) and the name shown. */
    authorId: text(),
    authorName: text(),
    /** Written by the account itself (its replies), not by a member of the public. */
    fromAccount: boolean().notNull().default(false),
    text: text().notNull(),
    grams: text().array().notNull().default(sql`'{}'::text[]`),
    /** When the platform says it was written. */
    at: timestamp({ withTimezone: true }).notNull(),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** sync | push | import */
    source: text().notNull(),
    /** new | open | pending | done */
    status: text().notNull().default('new'),
    /** low | normal | high | urgent */
    priority: text().notNull().default('normal'),
    assigneeId: uuid().references(() => users.id, { onDelete: 'set null' }),
    tags: text().array().notNull().default(sql`'{}'::text[]`),
    /** positive | neutral | negative, as the text module read it at arrival. */
    sentiment: text(),
    sentimentScore: real(),
    isQuestion: boolean(),
    isComplaint: boolean(),
    /** Featured (精选) on the platform: set through the inbox, or read by the sync (moderation.ts). */
    featured: boolean().notNull().default(false),
    /** Hidden (deleted on the platform, which cannot be undone) by a member; the text stays for the record. */
    hiddenAt: timestamp({ withTimezone: true }),
    hiddenBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    /** The fields as the platform pushed them (WeChat messages: MsgType, MediaId, PicUrl …), or null. */
    raw: jsonb().$type<Record<string, string>>(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('inbox_items_external_key').on(t.accountId, t.kind, t.externalId),
    index('inbox_items_ws_at_idx').on(t.workspaceId, t.at.desc(), t.id.desc()),
    index('inbox_items_ws_status_at_idx').on(t.workspaceId, t.status, t.at.desc()),
    index('inbox_items_root_idx').on(t.rootId, t.at),
    // Replies waiting for their parent (ingest.ts links them as it arrives).
    index('inbox_items_waiting_idx').on(t.accountId, t.parentExternalId).where(sql`parent_id is null and parent_external_id is not null`),
    index('inbox_items_parent_idx').on(t.parentId),
    index('inbox_items_grams_idx').using('gin', t.grams),
    // A user's messages (pushed.ts: the user's open thread; the reply window from the last one).
    index('inbox_items_author_msg_idx').on(t.accountId, t.authorId, t.at).where(sql`kind = 'message'`),
  ],
);

/**
 * Where the comment sync of one account stands: when it last succeeded, its last error, how many
 * runs in a row failed (and whether the operators were told), each post's cursor on the platform
 * (publication id → where the next read starts, stored after the page before it was stored), and
 * when the posts were last read from the start (platforms whose cursor misses late replies).
 */
export const inboxSync = pgTable('inbox_sync', {
  accountId: uuid()
    .primaryKey()
    .references(() => platformAccounts.id, { onDelete: 'cascade' }),
  workspaceId: uuid()
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  lastSyncedAt: timestamp({ withTimezone: true }),
  lastAttemptAt: timestamp({ withTimezone: true }),
  lastError: text(),
  consecutiveFailures: integer().notNull().default(0),
  /** When the operators were told the sync keeps failing (cleared by the next success). */
  failureNotifiedAt: timestamp({ withTimezone: true }),
  cursors: jsonb().$type<Record<string, string>>().notNull().default({}),
  fullReadAt: timestamp({ withTimezone: true }),
  /** A run holds the account until then (a "sync now" during the scheduled run skips it). */
  leaseUntil: timestamp({ withTimezone: true }),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * A reply a member sends to an item through the platform, sent exactly once (reply-send.ts):
 * queued (nothing sent) → sending (a worker holds it until leaseUntil and may have sent it) →
 * sent | failed, or unknown (the platform may have it: read back before anything is sent again).
 * `sendStartedAt` is when the last send began, where the read-back looks from. One reply in
 * flight per item (the partial unique index); platforms with one reply per comment also allow
 * only one sent reply (checked in replies.ts).
 */
export const inboxReplies = pgTable(
  'inbox_replies',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    itemId: uuid()
      .notNull()
      .references(() => inboxItems.id, { onDelete: 'cascade' }),
    authorId: uuid().references(() => users.id, { onDelete: 'set null' }),
    text: text().notNull(),
    /** queued | sending | sent | failed | unknown */
    state: text().notNull().default('queued'),
    attemptCount: integer().notNull().default(0),
    /** The reply's id on the platform, as the comment sync names it (the item stored for it). */
    platformReplyId: text(),
    error: text(),
    /** The member's IP address when they replied (Weibo asks for the end user's real IP). */
    clientIp: text(),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    leaseUntil: timestamp({ withTimezone: true }),
    sendStartedAt: timestamp({ withTimezone: true }),
    sentAt: timestamp({ withTimezone: true }),
    /**
     * `unknown` on a platform that cannot be read back (WeChat's customer-service messages): the
     * worker leaves it alone until a person decides (sent, or send again).
     */
    awaitingDecision: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('inbox_replies_active_key').on(t.itemId).where(sql`state in ('queued', 'sending', 'unknown')`),
    index('inbox_replies_item_idx').on(t.itemId, t.createdAt),
    index('inbox_replies_due_idx').on(t.nextAttemptAt).where(sql`state in ('queued', 'sending', 'unknown')`),
  ],
);

/** Canned replies: a body with {{author}}, {{account}} and {{post}}, rendered when used (templates.ts). */
export const inboxTemplates = pgTable(
  'inbox_templates',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    body: text().notNull(),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('inbox_templates_name_key').on(t.workspaceId, t.name)],
);

/** Internal notes on an item: seen by the team only, never sent to the platform. `mentions`: the members named with @. */
export const inboxNotes = pgTable(
  'inbox_notes',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    itemId: uuid()
      .notNull()
      .references(() => inboxItems.id, { onDelete: 'cascade' }),
    authorId: uuid().references(() => users.id, { onDelete: 'set null' }),
    text: text().notNull(),
    mentions: uuid().array().notNull().default(sql`'{}'::uuid[]`),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('inbox_notes_item_idx').on(t.itemId, t.createdAt)],
);
