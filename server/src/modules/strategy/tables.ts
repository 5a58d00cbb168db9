import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { StrategyContent } from '../../../../contract/strategy';
import { platformAccounts } from '../accounts/tables';
import { users, workspaces } from '../identity/tables';

/**
 * A strategy: the workspace's own (accountId null, one per workspace) or one account's (one per
 * account). Its content lives in its versions; `version` is the current one.
 */
export const strategies = pgTable(
  'strategies',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    accountId: uuid().references(() => platformAccounts.id, { onDelete: 'cascade' }),
    version: integer().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('strategies_workspace_key').on(t.workspaceId).where(sql`account_id is null`),
    uniqueIndex('strategies_account_key').on(t.workspaceId, t.accountId).where(sql`account_id is not null`),
  ],
);

/** Every save of a strategy, whole, never changed afterwards: who, when, and which fields it changed. */
export const strategyVersions = pgTable(
  'strategy_versions',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    strategyId: uuid()
      .notNull()
      .references(() => strategies.id, { onDelete: 'cascade' }),
    version: integer().notNull(),
    content: jsonb().$type<z.infer<typeof StrategyContent>>().notNull(),
    changed: text().array().notNull().default([]),
    note: text().notNull().default(''),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('strategy_versions_key').on(t.strategyId, t.version), index('strategy_versions_ws_idx').on(t.workspaceId)],
);
