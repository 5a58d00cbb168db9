import { date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users, workspaces } from '../identity/tables';

const ws = () =>
  uuid()
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' });
const now = () => timestamp({ withTimezone: true }).notNull().defaultNow();

/** The workspace's rating scale, best first (absent: S/A/B/C). */
export const ratingScales = pgTable('team_rating_scales', {
  workspaceId: uuid()
    .primaryKey()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  levels: jsonb().$type<{ key: string; label: string }[]>().notNull(),
  updatedBy: uuid(),
  updatedAt: now(),
});

/** A review cycle: a name and the calendar month or quarter it reviews. */
export const reviewCycles = pgTable(
  'team_review_cycles',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: ws(),
    name: text().notNull(),
    /** month | quarter */
    period: text().notNull(),
    startDay: date({ mode: 'string' }).notNull(),
    endDay: date({ mode: 'string' }).notNull(),
    createdBy: uuid().notNull(),
    createdAt: now(),
  },
  (t) => [index('team_cycles_ws_idx').on(t.workspaceId, t.startDay)],
);

/**
 * One member's review in a cycle. The member writes the self-assessment and signs; a manager
 * writes the assessment, rates and signs, which stores the scorecard of the period. Once both have
 * signed (`lockedAt`), nothing changes.
 */
export const reviews = pgTable(
  'team_reviews',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: ws(),
    cycleId: uuid()
      .notNull()
      .references(() => reviewCycles.id, { onDelete: 'cascade' }),
    memberId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    goalIds: uuid().array().notNull().default([]),
    selfAssessment: text().notNull().default(''),
    managerAssessment: text().notNull().default(''),
    rating: text(),
    /** The rating's label when it was given (the scale may change later). */
    ratingLabel: text(),
    scorecard: jsonb(),
    memberSignedAt: timestamp({ withTimezone: true }),
    managerId: uuid().references(() => users.id, { onDelete: 'set null' }),
    managerSignedAt: timestamp({ withTimezone: true }),
    lockedAt: timestamp({ withTimezone: true }),
    createdAt: now(),
    updatedAt: now(),
  },
  (t) => [uniqueIndex('team_reviews_cycle_member_key').on(t.cycleId, t.memberId), index('team_reviews_member_idx').on(t.workspaceId, t.memberId)],
);

/** Bonus points and awards recorded against a member, optionally for a review or a scorecard period. */
export const incentives = pgTable(
  'team_incentives',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: ws(),
    memberId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** points | award */
    kind: text().notNull(),
    points: integer().notNull().default(0),
    title: text().notNull(),
    reason: text().notNull(),
    reviewId: uuid().references(() => reviews.id, { onDelete: 'set null' }),
    periodFrom: date({ mode: 'string' }),
    periodTo: date({ mode: 'string' }),
    createdBy: uuid().notNull(),
    createdAt: now(),
  },
  (t) => [index('team_incentives_member_idx').on(t.workspaceId, t.memberId, t.createdAt)],
);
