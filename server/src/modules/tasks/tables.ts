import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users, workspaces } from '../identity/tables';

export type LinkRef = { kind: 'post' | 'topic' | 'feedback' | 'request' | 'incident'; id: string };
export type StepDef = { title: string; assignee: { memberId?: string; role?: string } | null; offsetDays: number; durationDays: number };

/** A chain of steps for recurring work; `weekday` set: the worker starts it each week on that day. */
export const taskTemplates = pgTable(
  'task_templates',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    steps: jsonb().$type<StepDef[]>().notNull(),
    weekday: smallint(),
    active: boolean().notNull().default(true),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('task_templates_ws_idx').on(t.workspaceId)],
);

/** One start of a template. A weekly start is one per (template, day): the unique key makes a second worker's start a no-op. */
export const taskTemplateRuns = pgTable(
  'task_template_runs',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    templateId: uuid()
      .notNull()
      .references(() => taskTemplates.id, { onDelete: 'cascade' }),
    /** The steps as they were when it started (editing the template changes later runs only). */
    steps: jsonb().$type<StepDef[]>().notNull(),
    /** The weekly start's day; null for a start by hand. */
    scheduledOn: date(),
    startedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('task_template_runs_weekly_key').on(t.templateId, t.scheduledOn).where(sql`scheduled_on is not null`)],
);

/**
 * A task, numbered per workspace. `runId` + `step`: the step of a template run it is; the unique
 * key on them makes finishing a step twice (or by two people at once) create the next one once.
 * `overdueNotifiedAt` / `escalatedAt`: the assignee and then the managers were told, once each.
 */
export const tasks = pgTable(
  'tasks',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    number: integer().notNull(),
    title: text().notNull(),
    description: text().notNull().default(''),
    /** todo | doing | done | cancelled */
    status: text().notNull().default('todo'),
    /** low | normal | high | urgent */
    priority: text().notNull().default('normal'),
    assigneeId: uuid().references(() => users.id, { onDelete: 'set null' }),
    dueAt: timestamp({ withTimezone: true }),
    parentId: uuid(),
    links: jsonb().$type<LinkRef[]>().notNull().default([]),
    templateId: uuid().references(() => taskTemplates.id, { onDelete: 'set null' }),
    runId: uuid().references(() => taskTemplateRuns.id, { onDelete: 'set null' }),
    step: integer(),
    overdueNotifiedAt: timestamp({ withTimezone: true }),
    escalatedAt: timestamp({ withTimezone: true }),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    doneAt: timestamp({ withTimezone: true }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('tasks_number_key').on(t.workspaceId, t.number),
    uniqueIndex('tasks_run_step_key').on(t.runId, t.step).where(sql`run_id is not null`),
    index('tasks_ws_status_idx').on(t.workspaceId, t.status),
    index('tasks_assignee_due_idx').on(t.workspaceId, t.assigneeId, t.dueAt),
    index('tasks_parent_idx').on(t.parentId).where(sql`parent_id is not null`),
  ],
);

export const taskComments = pgTable(
  'task_comments',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    taskId: uuid()
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    body: text().notNull(),
    authorId: uuid().references(() => users.id, { onDelete: 'set null' }),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('task_comments_task_idx').on(t.taskId, t.at)],
);

/** A member asks the manager to decide about a task; the decision stays with it. */
export const taskEscalations = pgTable(
  'task_escalations',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    taskId: uuid()
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    reason: text().notNull(),
    raisedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    raisedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** open | decided */
    status: text().notNull().default('open'),
    decision: text(),
    decidedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('task_escalations_ws_idx').on(t.workspaceId, t.status, t.raisedAt)],
);

/** Per workspace; no row: the defaults in settings.ts. */
export const taskSettings = pgTable(
  'task_settings',
  {
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    dailyCapacity: integer().notNull(),
    escalateAfterHours: integer().notNull(),
    slotMinutes: integer().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId] })],
);
