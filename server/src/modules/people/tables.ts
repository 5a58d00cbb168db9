import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { invitations, users, workspaces } from '../identity/tables';

const ws = () =>
  uuid()
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' });
const at = () => timestamp({ withTimezone: true });

export type StoredQuiz = { passPercent: number; questions: { question: string; options: string[]; answer: number }[] };

/** A training (培训) or sharing session (分享会). Materials are media ids of the content module's library. */
export const trainingSessions = pgTable(
  'training_sessions',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: ws(),
    kind: text().notNull(),
    title: text().notNull(),
    description: text().notNull().default(''),
    startsAt: at().notNull(),
    durationMinutes: integer().notNull(),
    place: text().notNull().default(''),
    speakerId: uuid().references(() => users.id, { onDelete: 'set null' }),
    speakerName: text(),
    mediaIds: jsonb().$type<string[]>().notNull().default([]),
    quiz: jsonb().$type<StoredQuiz>(),
    signOff: boolean().notNull().default(false),
    canceledAt: at(),
    cancelReason: text(),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: at().notNull().defaultNow(),
  },
  (t) => [index('training_sessions_ws_idx').on(t.workspaceId, t.startsAt)],
);

/** One invitee of a session: attendance as marked by a manager, the quiz result, the sign-off. */
export const trainingInvitees = pgTable(
  'training_invitees',
  {
    sessionId: uuid()
      .notNull()
      .references(() => trainingSessions.id, { onDelete: 'cascade' }),
    workspaceId: ws(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    attendance: text().notNull().default('unmarked'),
    quizScore: integer(),
    quizPassed: boolean(),
    quizAt: at(),
    signedOffAt: at(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.userId] }), index('training_invitees_user_idx').on(t.workspaceId, t.userId)],
);

/** The workspace's onboarding template: the items every new member's checklist starts with. */
export const onboardingTemplateItems = pgTable(
  'onboarding_template_items',
  { id: uuid().primaryKey().defaultRandom(), workspaceId: ws(), position: integer().notNull(), title: text().notNull() },
  (t) => [index('onboarding_template_ws_idx').on(t.workspaceId, t.position)],
);

/** A member's onboarding checklist (one per member and workspace), copied from the template when made. */
export const onboardingChecklists = pgTable(
  'onboarding_checklists',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: ws(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: at().notNull().defaultNow(),
  },
  (t) => [uniqueIndex('onboarding_checklists_member_key').on(t.workspaceId, t.userId)],
);

export const onboardingItems = pgTable(
  'onboarding_items',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: ws(),
    checklistId: uuid()
      .notNull()
      .references(() => onboardingChecklists.id, { onDelete: 'cascade' }),
    position: integer().notNull(),
    title: text().notNull(),
    doneAt: at(),
    doneBy: uuid().references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [index('onboarding_items_checklist_idx').on(t.checklistId, t.position)],
);

export const hiringPositions = pgTable(
  'hiring_positions',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: ws(),
    title: text().notNull(),
    description: text().notNull().default(''),
    /** open | closed */
    status: text().notNull().default('open'),
    createdAt: at().notNull().defaultNow(),
  },
  (t) => [index('hiring_positions_ws_idx').on(t.workspaceId, t.createdAt)],
);

export type StoredTrialCheck = {
  blocked: boolean;
  findings: { term: string; category: string; action: string }[];
  maxSimilarity: number;
  similarityWarn: boolean;
};

/**
 * A candidate. Personal data (name, contact, notes, the trial piece) lives only in this row and
 * in `candidate_interviews`; erasing blanks the row (`erasedAt` set) and deletes the interviews.
 */
export const candidates = pgTable(
  'candidates',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: ws(),
    positionId: uuid()
      .notNull()
      .references(() => hiringPositions.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    contact: text().notNull().default(''),
    source: text().notNull().default(''),
    notes: text().notNull().default(''),
    /** applied | trial | interview | offer | hired | rejected */
    stage: text().notNull().default('applied'),
    trialTitle: text(),
    trialBodyHtml: text(),
    trialCheck: jsonb().$type<StoredTrialCheck>(),
    trialAt: at(),
    invitationId: uuid().references(() => invitations.id, { onDelete: 'set null' }),
    /** The member the candidate became, once the invitation was accepted. */
    memberId: uuid().references(() => users.id, { onDelete: 'set null' }),
    erasedAt: at(),
    createdAt: at().notNull().defaultNow(),
    updatedAt: at().notNull().defaultNow(),
  },
  (t) => [index('candidates_ws_idx').on(t.workspaceId, t.createdAt), index('candidates_invitation_idx').on(t.invitationId)],
);

/** Stage changes: ids and stages only, nothing personal (it outlives an erasure). */
export const candidateStages = pgTable(
  'candidate_stages',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: ws(),
    candidateId: uuid()
      .notNull()
      .references(() => candidates.id, { onDelete: 'cascade' }),
    fromStage: text(),
    toStage: text().notNull(),
    actorId: uuid().references(() => users.id, { onDelete: 'set null' }),
    at: at().notNull().defaultNow(),
  },
  (t) => [index('candidate_stages_candidate_idx').on(t.candidateId, t.at)],
);

/** One interviewer's scores (1–5 per criterion) and notes on a candidate. */
export const candidateInterviews = pgTable(
  'candidate_interviews',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: ws(),
    candidateId: uuid()
      .notNull()
      .references(() => candidates.id, { onDelete: 'cascade' }),
    interviewerId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    scores: jsonb().$type<Record<string, number>>().notNull(),
    notes: text().notNull().default(''),
    at: at().notNull().defaultNow(),
  },
  (t) => [uniqueIndex('candidate_interviews_key').on(t.candidateId, t.interviewerId)],
);
