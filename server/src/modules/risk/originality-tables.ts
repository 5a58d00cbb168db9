import { doublePrecision, index, integer, pgTable, smallint, timestamp, uuid } from 'drizzle-orm/pg-core';
import { posts } from '../content/tables';
import { workspaces } from '../identity/tables';

const now = () => timestamp({ withTimezone: true }).notNull().defaultNow();

/**
 * The originality archive: one MinHash signature per post (its current version), kept by
 * indexPost when a post is saved and by the lazy backfill for older or stale rows.
 */
export const originalitySignatures = pgTable(
  'originality_signatures',
  {
    postId: uuid()
      .primaryKey()
      .references(() => posts.id, { onDelete: 'cascade' }),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    /** The post version the signature was computed from; another version means stale. */
    version: integer().notNull(),
    /** originality.ts SCHEME; rows of another scheme are re-indexed. */
    scheme: smallint().notNull(),
    /** 128 MinHash values, stored as int4 (the uint32 value | 0). */
    signature: integer().array().notNull(),
    /** One LSH key per band; empty for a text too short to judge (never a candidate). */
    bandKeys: integer().array().notNull(),
    /** Tokens in the compared text (title + body). */
    textLength: integer().notNull(),
    updatedAt: now(),
  },
  (t) => [index('originality_sig_ws_idx').on(t.workspaceId), index('originality_sig_bands_idx').using('gin', t.bandKeys)],
);

/** Per-workspace originality settings; no row means the defaults. */
export const originalitySettings = pgTable('originality_settings', {
  workspaceId: uuid()
    .primaryKey()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  /** Warn when the most similar past post's Jaccard similarity is at least this. */
  threshold: doublePrecision().notNull(),
  updatedBy: uuid(),
  updatedAt: now(),
});
