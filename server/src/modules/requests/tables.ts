import { bigserial, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { posts, topics } from '../content/tables';
import { departments, users, workspaces } from '../identity/tables';
import { tasks } from '../tasks/tables';

const ws = () =>
  uuid()
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' });
const now = () => timestamp({ withTimezone: true }).notNull().defaultNow();

/** One field of a type's form, as stored in `request_types.fields`. */
export type StoredField = { key: string; label: string; kind: string; required: boolean; options: string[] };

/**
 * A kind of request the workspace takes (推广需求, 新品上市 …) with its form, the member it routes
 * to (null: the owners and managers) and the default days to the due date. Archived, never deleted:
 * requests keep their type.
 */
export const requestTypes = pgTable(
  'request_types',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: ws(),
    name: text().notNull(),
    description: text().notNull().default(''),
    fields: jsonb().$type<StoredField[]>().notNull().default([]),
    ownerId: uuid().references(() => users.id, { onDelete: 'set null' }),
    dueDays: integer().notNull().default(3),
    /** Order in the form picker: the defaults first, then the workspace's own in the order made. */
    position: integer().notNull().default(0),
    archivedAt: timestamp({ withTimezone: true }),
    createdAt: now(),
    updatedAt: now(),
  },
  (t) => [uniqueIndex('request_types_name_key').on(t.workspaceId, t.name)],
);

/** A joint campaign: the departments involved, the shared goals (goals module ids), its days. */
export const campaigns = pgTable(
  'campaigns',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: ws(),
    name: text().notNull(),
    description: text().notNull().default(''),
    startDay: date({ mode: 'string' }).notNull(),
    endDay: date({ mode: 'string' }).notNull(),
    departmentIds: uuid().array().notNull().default([]),
    goalIds: uuid().array().notNull().default([]),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: now(),
    updatedAt: now(),
  },
  (t) => [index('campaigns_ws_idx').on(t.workspaceId, t.startDay)],
);

/**
 * A request, numbered per workspace. `departmentId` is the requester's department when submitted
 * (their first, if several). The topic, post and task made from it are linked here (the content module
 * does not know requests; `GET /requests?postId=` is the way back).
 */
export const requests = pgTable(
  'requests',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: ws(),
    number: integer().notNull(),
    typeId: uuid()
      .notNull()
      .references(() => requestTypes.id),
    title: text().notNull(),
    answers: jsonb().$type<Record<string, string | number>>().notNull().default({}),
    /** submitted | accepted | in_progress | done | declined */
    status: text().notNull().default('submitted'),
    declineReason: text(),
    requesterId: uuid().references(() => users.id, { onDelete: 'set null' }),
    departmentId: uuid().references(() => departments.id, { onDelete: 'set null' }),
    ownerId: uuid().references(() => users.id, { onDelete: 'set null' }),
    dueAt: timestamp({ withTimezone: true }).notNull(),
    /** When the overdue alert went to the owner and, 24 h later, to the managers (alerts.ts); a new due date clears both. */
    overdueNotifiedAt: timestamp({ withTimezone: true }),
    escalatedAt: timestamp({ withTimezone: true }),
    campaignId: uuid().references(() => campaigns.id, { onDelete: 'set null' }),
    topicId: uuid().references(() => topics.id, { onDelete: 'set null' }),
    postId: uuid().references(() => posts.id, { onDelete: 'set null' }),
    taskId: uuid().references(() => tasks.id, { onDelete: 'set null' }),
    createdAt: now(),
    updatedAt: now(),
  },
  (t) => [
    uniqueIndex('requests_number_key').on(t.workspaceId, t.number),
    index('requests_requester_idx').on(t.workspaceId, t.requesterId),
    index('requests_post_idx').on(t.postId),
    index('requests_campaign_idx').on(t.campaignId),
  ],
);

/** A request's history: created, status (with the reason when declined), comment, topic, post, owner. */
export const requestEvents = pgTable(
  'request_events',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    workspaceId: ws(),
    requestId: uuid()
      .notNull()
      .references(() => requests.id, { onDelete: 'cascade' }),
    kind: text().notNull(),
    fromStatus: text(),
    toStatus: text(),
    text: text(),
    actorId: uuid().references(() => users.id, { onDelete: 'set null' }),
    at: now(),
  },
  (t) => [index('request_events_request_idx').on(t.requestId, t.id)],
);
