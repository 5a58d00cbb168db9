import { sql } from 'drizzle-orm';
import { bigserial, boolean, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { platformAccounts } from '../accounts/tables';
import { users, workspaces } from '../identity/tables';

const now = () => timestamp({ withTimezone: true }).notNull().defaultNow();
const workspaceRef = () =>
  uuid()
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' });

export interface PlaybookItemRow {
  text: string;
  textEn: string | null;
}

/** Checklist templates. Built-in ones carry a key so they are seeded once per workspace. */
export const playbooks = pgTable(
  'incident_playbooks',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: workspaceRef(),
    key: text(),
    name: text().notNull(),
    nameEn: text(),
    description: text().notNull().default(''),
    defaultSeverity: text().notNull().default('sev2'),
    items: jsonb().$type<PlaybookItemRow[]>().notNull(),
    createdBy: uuid(),
    archivedAt: timestamp({ withTimezone: true }),
    createdAt: now(),
    updatedAt: now(),
  },
  (t) => [uniqueIndex('incident_playbooks_key').on(t.workspaceId, t.key), index('incident_playbooks_ws_idx').on(t.workspaceId)],
);

export interface PostmortemRow {
  summary: string;
  rootCause: string;
  wentWell: string;
  wentBadly: string;
  actions: { text: string; ownerId: string | null; dueOn: string | null; done: boolean }[];
  updatedAt: string;
  updatedBy: string | null;
}

export const incidents = pgTable(
  'incidents',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: workspaceRef(),
    /** #1, #2 … per workspace, for people to say "incident 12". */
    number: integer().notNull(),
    title: text().notNull(),
    description: text().notNull().default(''),
    severity: text().notNull(),
    status: text().notNull().default('open'),
    trigger: text().notNull().default('manual'),
    alertId: uuid(),
    playbookId: uuid().references(() => playbooks.id, { onDelete: 'set null' }),
    ownerId: uuid().references(() => users.id, { onDelete: 'set null' }),
    openedBy: uuid()
      .notNull()
      .references(() => users.id),
    openedAt: now(),
    resolvedAt: timestamp({ withTimezone: true }),
    closedAt: timestamp({ withTimezone: true }),
    postmortem: jsonb().$type<PostmortemRow>(),
    updatedAt: now(),
  },
  (t) => [uniqueIndex('incidents_ws_number_key').on(t.workspaceId, t.number), index('incidents_ws_status_idx').on(t.workspaceId, t.status, t.openedAt)],
);

export const checklistItems = pgTable(
  'incident_checklist_items',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: workspaceRef(),
    incidentId: uuid()
      .notNull()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    position: integer().notNull(),
    text: text().notNull(),
    textEn: text(),
    checkedAt: timestamp({ withTimezone: true }),
    checkedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [index('incident_checklist_idx').on(t.incidentId, t.position)],
);

/** The incident's timeline: one row per thing done, never updated or deleted. */
export const incidentEvents = pgTable(
  'incident_events',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    workspaceId: workspaceRef(),
    incidentId: uuid()
      .notNull()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    actorId: uuid().references(() => users.id, { onDelete: 'set null' }),
    kind: text().notNull(),
    data: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    at: now(),
  },
  (t) => [index('incident_events_idx').on(t.incidentId, t.id)],
);

/** Pre-approved texts. Editing an approved one takes its approval away. */
export const holdingStatements = pgTable(
  'holding_statements',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: workspaceRef(),
    title: text().notNull(),
    body: text().notNull(),
    tags: text().array().notNull().default(sql`'{}'::text[]`),
    approvedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    approvedAt: timestamp({ withTimezone: true }),
    createdBy: uuid()
      .notNull()
      .references(() => users.id),
    archivedAt: timestamp({ withTimezone: true }),
    createdAt: now(),
    updatedAt: now(),
  },
  (t) => [index('holding_statements_ws_idx').on(t.workspaceId)],
);

export interface MonitorHitRow {
  term: string;
  category: string;
  severity: string | null;
  action: string;
  start: number;
  end: number;
}

/** Incoming comments and messages as screened; one row per (workspace, source, external id). */
export const monitorItems = pgTable(
  'monitor_items',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: workspaceRef(),
    accountId: uuid().references(() => platformAccounts.id, { onDelete: 'set null' }),
    source: text().notNull(),
    externalId: text().notNull(),
    author: text(),
    text: text().notNull(),
    at: timestamp({ withTimezone: true }).notNull(),
    sentiment: doublePrecision().notNull(),
    negative: boolean().notNull(),
    hits: jsonb().$type<MonitorHitRow[]>().notNull().default([]),
    createdAt: now(),
  },
  (t) => [
    uniqueIndex('monitor_items_external_key').on(t.workspaceId, t.source, t.externalId),
    index('monitor_items_negative_idx').on(t.workspaceId, t.negative, t.at),
    index('monitor_items_ws_at_idx').on(t.workspaceId, t.at),
  ],
);

export const monitorAlerts = pgTable(
  'monitor_alerts',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: workspaceRef(),
    kind: text().notNull(),
    /** The rule that raised it ('negative_spike', 'keyword:<category>'): one alert per rule per window. */
    rule: text().notNull(),
    severity: text().notNull(),
    summaryZh: text().notNull(),
    summaryEn: text().notNull(),
    itemCount: integer().notNull().default(0),
    evidence: jsonb().$type<{ itemIds: string[]; terms: string[] }>().notNull(),
    status: text().notNull().default('open'),
    incidentId: uuid().references(() => incidents.id, { onDelete: 'set null' }),
    acknowledgedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    acknowledgedAt: timestamp({ withTimezone: true }),
    firstSeenAt: timestamp({ withTimezone: true }).notNull(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull(),
    createdAt: now(),
  },
  (t) => [index('monitor_alerts_rule_idx').on(t.workspaceId, t.rule, t.lastSeenAt), index('monitor_alerts_ws_idx').on(t.workspaceId, t.status, t.createdAt)],
);

/** Per-workspace monitoring rules; a workspace without a row uses the defaults in monitor.ts. */
export const monitorSettings = pgTable('monitor_settings', {
  workspaceId: uuid()
    .primaryKey()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  keywords: jsonb().$type<{ term: string; category: string; severity: string }[]>().notNull(),
  alertCategories: text().array().notNull(),
  alertSeverities: text().array().notNull(),
  spikeWindowMinutes: integer().notNull(),
  spikeMinCount: integer().notNull(),
  spikeMultiplier: doublePrecision().notNull(),
  baselineHours: integer().notNull(),
  updatedAt: now(),
});
