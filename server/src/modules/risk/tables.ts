import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { platformAccounts } from '../accounts/tables';
import { posts } from '../content/tables';
import { workspaces } from '../identity/tables';

const now = () => timestamp({ withTimezone: true }).notNull().defaultNow();
const ws = () =>
  uuid()
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' });

/**
 * Per-workspace screening policy (category → block | warn | off; missing keys take the defaults)
 * and a version bumped by every change to the policy, the word lists or the ad-law switches, so
 * each process knows when its cached screener is stale with one indexed read.
 */
export const riskSettings = pgTable('risk_settings', {
  workspaceId: uuid()
    .primaryKey()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  policy: jsonb().notNull().default({}),
  version: integer().notNull().default(1),
  updatedBy: uuid(),
  updatedAt: now(),
});

/** The workspace's own word lists: sensitive, brand_banned, competitor, custom. */
export const riskWords = pgTable(
  'risk_words',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: ws(),
    category: text().notNull(),
    term: text().notNull(),
    /** high | medium | low: shown to the writer; the policy of the category decides block or warn. */
    severity: text().notNull().default('medium'),
    note: text().notNull().default(''),
    createdBy: uuid(),
    createdAt: now(),
  },
  (t) => [uniqueIndex('risk_words_ws_cat_term_key').on(t.workspaceId, t.category, t.term), index('risk_words_ws_idx').on(t.workspaceId, t.createdAt)],
);

/** Built-in ad-law terms the workspace switched off one by one (the whole category is off through the policy). */
export const riskAdLawDisabled = pgTable(
  'risk_adlaw_disabled',
  {
    workspaceId: ws(),
    term: text().notNull(),
    createdBy: uuid(),
    createdAt: now(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.term] })],
);

/** Brand kit (B1) of one account: tone notes for the writer, phrases every post must carry, words it must not. */
export const brandKits = pgTable('brand_kits', {
  accountId: uuid()
    .primaryKey()
    .references(() => platformAccounts.id, { onDelete: 'cascade' }),
  workspaceId: ws(),
  toneNotes: text().notNull().default(''),
  requiredPhrases: text().array().notNull().default([]),
  bannedWords: text().array().notNull().default([]),
  updatedBy: uuid(),
  updatedAt: now(),
});

/** A manager's decision to let blocking findings through, valid for one version of the post only. */
export const screeningOverrides = pgTable(
  'screening_overrides',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: ws(),
    postId: uuid()
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    postVersion: integer().notNull(),
    actorId: uuid().notNull(),
    reason: text().notNull(),
    /** The blocking findings it lets through; a later blocking finding not among them still blocks. */
    findings: jsonb().notNull(),
    createdAt: now(),
  },
  (t) => [index('screening_overrides_post_idx').on(t.postId, t.postVersion)],
);
