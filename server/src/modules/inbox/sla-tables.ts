import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { SlaTargets, SlaWeek } from '../../../../contract/inbox-sla';
import { users, workspaces } from '../identity/tables';
import { inboxItems } from './tables';

/**
 * A workspace's service levels: its business hours (per weekday, several ranges a day), whether
 * China's official holidays are closed (and its make-up days worked), extra closed days, and the
 * first-response and resolution targets per priority in business minutes. No row: the defaults
 * (sla-settings.ts).
 */
export const inboxSlaSettings = pgTable('inbox_sla_settings', {
  workspaceId: uuid()
    .primaryKey()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  week: jsonb().$type<SlaWeek>().notNull(),
  chinaHolidays: boolean().notNull().default(true),
  closedDays: text().array().notNull().default(sql`'{}'::text[]`),
  targets: jsonb().$type<SlaTargets>().notNull(),
  updatedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * What happened to an item, for its service levels: `status` (fromStatus → toStatus, by whom,
 * written by the service's changes one at a time and in bulk) and `sla_warning` (its assignee or
 * operators were told it is about to breach its first-response target; at most one per item) and
 * `window_warning` (the platform's reply window after this, the user's last message, is about to close).
 */
export const inboxEvents = pgTable(
  'inbox_events',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    itemId: uuid()
      .notNull()
      .references(() => inboxItems.id, { onDelete: 'cascade' }),
    /** status | sla_warning | window_warning */
    kind: text().notNull(),
    fromStatus: text(),
    toStatus: text(),
    actorId: uuid().references(() => users.id, { onDelete: 'set null' }),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('inbox_events_item_idx').on(t.itemId, t.at),
    uniqueIndex('inbox_events_one_warning').on(t.itemId, t.kind).where(sql`kind in ('sla_warning', 'window_warning')`),
  ],
);
