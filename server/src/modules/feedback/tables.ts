import { sql } from 'drizzle-orm';
import { bigserial, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { platformAccounts } from '../accounts/tables';
import { departments, users, workspaces } from '../identity/tables';
import { inboxItems } from '../inbox/tables';

/**
 * A feedback item: numbered per workspace for people (#12). Made from an inbox item or typed in;
 * the item's text, account, author and time are copied at creation so that a guest working the
 * department's queue never reads the inbox. `departmentId` null: not routed yet.
 */
export const feedbackItems = pgTable(
  'feedback_items',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    number: integer().notNull(),
    sourceItemId: uuid().references(() => inboxItems.id, { onDelete: 'set null' }),
    sourceText: text(),
    sourceAccountId: uuid().references(() => platformAccounts.id, { onDelete: 'set null' }),
    sourceAccountName: text(),
    sourcePlatform: text(),
    sourceAuthorId: text(),
    sourceAuthorName: text(),
    sourceAt: timestamp({ withTimezone: true }),
    /** bug | suggestion | complaint | praise */
    type: text().notNull(),
    area: text().notNull(),
    /** low | normal | high | urgent */
    priority: text().notNull().default('normal'),
    title: text().notNull(),
    description: text().notNull().default(''),
    departmentId: uuid().references(() => departments.id, { onDelete: 'set null' }),
    /** new | acknowledged | in_progress | resolved | wont_fix */
    status: text().notNull().default('new'),
    resolution: text(),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    resolvedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    resolvedAt: timestamp({ withTimezone: true }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('feedback_items_number_key').on(t.workspaceId, t.number),
    index('feedback_items_ws_created_idx').on(t.workspaceId, t.createdAt),
    index('feedback_items_department_idx').on(t.departmentId, t.createdAt),
    index('feedback_items_source_idx').on(t.sourceItemId).where(sql`source_item_id is not null`),
  ],
);

/** An item's history: created, routed (to `departmentId`, null = unrouted), status, priority, comment; by whom, when. */
export const feedbackEvents = pgTable(
  'feedback_events',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    feedbackId: uuid()
      .notNull()
      .references(() => feedbackItems.id, { onDelete: 'cascade' }),
    kind: text().notNull(),
    fromStatus: text(),
    toStatus: text(),
    departmentId: uuid(),
    /** The comment, the resolution note given with a status change, or the new priority. */
    text: text(),
    actorId: uuid().references(() => users.id, { onDelete: 'set null' }),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('feedback_events_item_idx').on(t.feedbackId, t.id)],
);
