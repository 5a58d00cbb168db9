import { date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { platformAccounts } from '../accounts/tables';
import { users, workspaces } from '../identity/tables';

const ws = () =>
  uuid()
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' });
const now = () => timestamp({ withTimezone: true }).notNull().defaultNow();

/**
 * A target a manager set: a metric over a period for the workspace, one account or one member.
 * `state` is the last state the periodic check saw; the owner is told when it changes into
 * at_risk (or met / missed), once per change.
 */
export const goals = pgTable(
  'goals',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: ws(),
    name: text().notNull(),
    /** followers_gained | views | interactions | engagement_rate | posts_published */
    metric: text().notNull(),
    /** workspace | account | member */
    scope: text().notNull(),
    accountId: uuid().references(() => platformAccounts.id, { onDelete: 'cascade' }),
    memberId: uuid().references(() => users.id, { onDelete: 'cascade' }),
    /** week | month | quarter | custom */
    period: text().notNull(),
    startDay: date({ mode: 'string' }).notNull(),
    endDay: date({ mode: 'string' }).notNull(),
    target: doublePrecision().notNull(),
    ownerId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    state: text(),
    stateChangedAt: timestamp({ withTimezone: true }),
    createdBy: uuid().notNull(),
    createdAt: now(),
    updatedAt: now(),
  },
  (t) => [index('goals_ws_end_idx').on(t.workspaceId, t.endDay)],
);

/** An account's planned publications per week by format, and after how many silent days it is quiet. */
export const cadencePlans = pgTable('cadence_plans', {
  accountId: uuid()
    .primaryKey()
    .references(() => platformAccounts.id, { onDelete: 'cascade' }),
  workspaceId: ws(),
  perWeek: jsonb().$type<Partial<Record<'article' | 'video' | 'image' | 'text', number>>>().notNull().default({}),
  quietDays: integer().notNull().default(7),
  updatedBy: uuid(),
  updatedAt: now(),
});

/** One row per (account, week, flag) told to the operators: each flag is notified once per week. */
export const cadenceNotices = pgTable(
  'cadence_notices',
  {
    accountId: uuid()
      .notNull()
      .references(() => platformAccounts.id, { onDelete: 'cascade' }),
    workspaceId: ws(),
    weekStart: date({ mode: 'string' }).notNull(),
    /** quiet | behind */
    flag: text().notNull(),
    notifiedAt: now(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.weekStart, t.flag] })],
);
