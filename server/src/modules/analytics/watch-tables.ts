import { date, doublePrecision, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { platformAccounts } from '../accounts/tables';
import { workspaces } from '../identity/tables';

/** A workspace's index weights and anomaly threshold; no row = the defaults of PRODUCT.md. */
export const analyticsSettings = pgTable('analytics_settings', {
  workspaceId: uuid()
    .primaryKey()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  wci: jsonb().$type<Record<string, number>>(),
  bci: jsonb().$type<Record<string, number>>(),
  anomalyK: doublePrecision(),
  updatedBy: uuid(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * Where each (account, metric) stood at the last anomaly check: the day checked, the direction
 * found (null = normal) and for how many consecutive checks; notifiedAt once it was told.
 */
export const anomalyStates = pgTable(
  'anomaly_states',
  {
    accountId: uuid()
      .notNull()
      .references(() => platformAccounts.id, { onDelete: 'cascade' }),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    metric: text().notNull(),
    day: date({ mode: 'string' }).notNull(),
    /** spike | drop | null */
    direction: text(),
    checks: integer().notNull().default(0),
    numbers: jsonb().$type<{ value: number; mean: number; sigma: number; k: number }>(),
    notifiedAt: timestamp({ withTimezone: true }),
    checkedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.metric] })],
);
