import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import type { ReportData, ReportFinding } from '../../../../contract/reports';
import { platformAccounts } from '../accounts/tables';
import { users, workspaces } from '../identity/tables';

/**
 * 周报 / 月报 generated for a workspace or one account: built by a job (status, progress), its
 * data frozen at build time, its findings editable by a manager until (and after) it is sent,
 * its PDF and xlsx in the storage folder (keys, like media).
 */
export const reports = pgTable(
  'reports',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    accountId: uuid().references(() => platformAccounts.id, { onDelete: 'cascade' }),
    /** week | month */
    period: text().notNull(),
    periodStart: date({ mode: 'string' }).notNull(),
    periodEnd: date({ mode: 'string' }).notNull(),
    /** queued | building | ready | failed */
    status: text().notNull().default('queued'),
    progress: integer().notNull().default(0),
    error: text(),
    data: jsonb().$type<ReportData>(),
    findings: jsonb().$type<ReportFinding[]>().notNull().default([]),
    findingsEditedAt: timestamp({ withTimezone: true }),
    findingsEditedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    pdfKey: text(),
    xlsxKey: text(),
    scheduleId: uuid().references(() => reportSchedules.id, { onDelete: 'set null' }),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    builtAt: timestamp({ withTimezone: true }),
    sentAt: timestamp({ withTimezone: true }),
    sentBy: uuid().references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [index('reports_ws_created_idx').on(t.workspaceId, t.createdAt)],
);

/** Scheduled generation: weekly on Monday 09:00, monthly on the 1st 09:00, in the workspace's time zone. */
export const reportSchedules = pgTable(
  'report_schedules',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    accountId: uuid().references(() => platformAccounts.id, { onDelete: 'cascade' }),
    period: text().notNull(),
    autoSend: boolean().notNull().default(false),
    /** The end of the last period generated: a period is generated once. */
    lastEnd: date({ mode: 'string' }),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('report_schedules_scope_key').on(t.workspaceId, t.period, t.accountId).nullsNotDistinct()],
);
