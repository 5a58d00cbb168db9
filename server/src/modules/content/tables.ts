import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { platformAccounts } from '../accounts/tables';
import { users, workspaces } from '../identity/tables';

const now = () => timestamp({ withTimezone: true }).notNull().defaultNow();
const ws = () =>
  uuid()
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' });

/** 选题库: ideas waiting to become posts. */
export const topics = pgTable(
  'topics',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: ws(),
    title: text().notNull(),
    notes: text().notNull().default(''),
    tags: text().array().notNull().default([]),
    status: text().notNull().default('idea'),
    ownerId: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdBy: uuid().notNull(),
    createdAt: now(),
    updatedAt: now(),
  },
  (t) => [index('topics_ws_idx').on(t.workspaceId, t.status)],
);

export const media = pgTable(
  'media',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: ws(),
    filename: text().notNull(),
    contentType: text().notNull(),
    size: bigint({ mode: 'number' }).notNull(),
    sha256: text().notNull(),
    storageKey: text().notNull(),
    /** Read from the file when it was stored (images: their size; videos: ffprobe); null when unknown. */
    width: integer(),
    height: integer(),
    durationMs: integer(),
    /** A video's poster frame, stored as an image of the library. */
    posterMediaId: uuid(),
    /** A poster made from a video: kept out of the library's list (it is shown with its video). */
    isPoster: boolean().notNull().default(false),
    uploadedBy: uuid().notNull(),
    createdAt: now(),
  },
  (t) => [index('media_ws_idx').on(t.workspaceId, t.createdAt)],
);

export const posts = pgTable(
  'posts',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: ws(),
    topicId: uuid().references(() => topics.id, { onDelete: 'set null' }),
    title: text().notNull(),
    author: text().notNull().default(''),
    digest: text().notNull().default(''),
    bodyHtml: text().notNull().default(''),
    coverMediaId: uuid().references(() => media.id, { onDelete: 'set null' }),
    contentSourceUrl: text(),
    /** The strategy's content pillar (an id inside the strategy's versions, so no foreign key); null: none. */
    pillarId: uuid(),
    /** image_text | short_video | long_video | live | audio | other (contract CONTENT_FORMATS); null: not said. */
    format: text(),
    /** draft | in_review | approved | changes_requested */
    status: text().notNull().default('draft'),
    /** When it should go out; null = not scheduled. */
    scheduledAt: timestamp({ withTimezone: true }),
    version: integer().notNull().default(1),
    ownerId: uuid().notNull(),
    createdBy: uuid().notNull(),
    createdAt: now(),
    updatedAt: now(),
  },
  (t) => [index('posts_ws_sched_idx').on(t.workspaceId, t.scheduledAt), index('posts_ws_status_idx').on(t.workspaceId, t.status)],
);

/** One post adapted to one account: overrides are optional, null falls back to the post. */
export const postVariants = pgTable(
  'post_variants',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: ws(),
    postId: uuid()
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    accountId: uuid()
      .notNull()
      .references(() => platformAccounts.id, { onDelete: 'cascade' }),
    title: text(),
    digest: text(),
    bodyHtml: text(),
    /** Plain text (Weibo status, video caption or description); null: made from the post. */
    text: text(),
    imageMediaIds: uuid().array().notNull().default([]),
    videoMediaId: uuid().references(() => media.id, { onDelete: 'set null' }),
    /** The variant's own cover (a video's); null: the post's cover. */
    coverMediaId: uuid().references(() => media.id, { onDelete: 'set null' }),
    topics: text().array().notNull().default([]),
    tags: text().array().notNull().default([]),
    /** Platform-specific settings, checked by contract/platforms.ts (Bilibili tid, copyright …). */
    options: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    createdAt: now(),
  },
  (t) => [uniqueIndex('variants_post_account_key').on(t.postId, t.accountId)],
);

export const postVersions = pgTable(
  'post_versions',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: ws(),
    postId: uuid()
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    version: integer().notNull(),
    snapshot: jsonb().notNull(),
    createdBy: uuid().notNull(),
    createdAt: now(),
  },
  (t) => [uniqueIndex('versions_post_version_key').on(t.postId, t.version)],
);

export const postComments = pgTable(
  'post_comments',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: ws(),
    postId: uuid()
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    authorId: uuid().notNull(),
    body: text().notNull(),
    createdAt: now(),
  },
  (t) => [index('comments_post_idx').on(t.postId, t.createdAt)],
);

/** Review decisions; only those on the post's current version count. */
export const approvals = pgTable(
  'approvals',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: ws(),
    postId: uuid()
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    postVersion: integer().notNull(),
    reviewerId: uuid().notNull(),
    decision: text().notNull(),
    comment: text().notNull().default(''),
    createdAt: now(),
  },
  (t) => [index('approvals_post_idx').on(t.postId, t.postVersion)],
);
