// Performance reviews: a cycle gives each member a review; the member writes the self-assessment
// and signs, a manager assesses, rates, picks goals and signs (storing the period's scorecard),
// and after both signatures the review is locked. A member sees only their own (anything else is
// a 404); owners and managers see the team's.
import { and, desc, eq, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { CreateCycleBody, ManagerAssessmentBody, ReviewQuery } from '../../../../contract/team';
import type { Deps } from '../../context';
import type { Executor } from '../../db/pool';
import { AppError, notFound } from '../../lib/errors';
import { type PageQuery, paged } from '../../lib/paging';
import { iso, isoOr } from '../../lib/time';
import * as goals from '../goals/service';
import { type Actor, audit } from '../identity/audit';
import { memberNames, teamMembers } from '../identity/membership';
import { periodOf } from './period';
import { ratingScaleOf } from './rating-scale';
import type { ScorecardData } from './scorecard';
import { scorecardOf } from './scorecards';
import { managesTeam, visibleMembers } from './scope';
import { reviewCycles, reviews } from './tables';

const REVIEW = { zh: '考核', en: 'Review' };
type ReviewRow = typeof reviews.$inferSelect;
type CycleRow = typeof reviewCycles.$inferSelect;

const conflict = (zh: string, en: string) => new AppError('invalid_state', { zh, en });
const bad = (zh: string, en: string) => new AppError('validation_failed', { zh, en });

/** The reviews the actor may see (a member: their own), narrowed by `where`. */
function inScope(actor: Actor, where: SQL[]) {
  const scope = managesTeam(actor) ? [] : [eq(reviews.memberId, actor.userId)];
  return and(eq(reviews.workspaceId, actor.workspaceId), ...scope, ...where);
}

/** Reviews the actor may see, with their cycle, newest cycle first. */
function visibleReviews(ex: Executor, actor: Actor, where: SQL[] = []) {
  return ex
    .select({ r: reviews, c: reviewCycles })
    .from(reviews)
    .innerJoin(reviewCycles, eq(reviewCycles.id, reviews.cycleId))
    .where(inScope(actor, where))
    .orderBy(desc(reviewCycles.startDay), desc(reviewCycles.createdAt), reviews.memberId, reviews.id)
    .$dynamic();
}

async function views(ex: Executor, workspaceId: string, rows: { r: ReviewRow; c: CycleRow }[]) {
  const names = await memberNames(
    ex,
    workspaceId,
    rows.flatMap(({ r }) => [r.memberId, r.managerId]),
  );
  return rows.map(({ r, c }) => ({
    id: r.id,
    cycleId: c.id,
    cycleName: c.name,
    startDay: c.startDay,
    endDay: c.endDay,
    memberId: r.memberId,
    memberName: names.get(r.memberId) ?? '',
    selfAssessment: r.selfAssessment,
    managerAssessment: r.managerAssessment,
    rating: r.rating,
    ratingLabel: r.ratingLabel,
    goalIds: r.goalIds,
    memberSignedAt: iso(r.memberSignedAt),
    managerSignedAt: iso(r.managerSignedAt),
    managerId: r.managerId,
    managerName: r.managerId ? (names.get(r.managerId) ?? null) : null,
    locked: r.lockedAt != null,
    updatedAt: isoOr(r.updatedAt),
  }));
}

export async function listReviews(deps: Deps, actor: Actor, q: z.infer<typeof ReviewQuery> & PageQuery) {
  const where: SQL[] = [];
  if (q.cycleId) where.push(eq(reviews.cycleId, q.cycleId));
  if (q.memberId) where.push(eq(reviews.memberId, q.memberId));
  if (q.status) where.push(q.status === 'locked' ? isNotNull(reviews.lockedAt) : isNull(reviews.lockedAt));
  return paged(
    q,
    (limit, offset) => visibleReviews(deps.db, actor, where).limit(limit).offset(offset),
    deps.db.select({ n: sql<number>`count(*)::int` }).from(reviews).where(inScope(actor, where)),
    (rows) => views(deps.db, actor.workspaceId, rows),
  );
}

async function loadReview(ex: Executor, actor: Actor, id: string) {
  const [row] = await visibleReviews(ex, actor, [eq(reviews.id, id)]);
  if (!row) throw notFound(REVIEW);
  return row;
}

export async function getReview(deps: Deps, actor: Actor, id: string) {
  const row = await loadReview(deps.db, actor, id);
  const [view] = await views(deps.db, actor.workspaceId, [row]);
  const allGoals = row.r.goalIds.length ? await goals.list(deps, actor) : [];
  const picked = allGoals.filter((g) => row.r.goalIds.includes(g.id));
  const snapshot = row.r.scorecard as ScorecardData | null;
  const scorecard =
    snapshot ?? (await scorecardOf(deps, actor.workspaceId, { id: view.memberId, name: view.memberName }, { from: row.c.startDay, to: row.c.endDay }));
  return {
    ...view,
    goals: picked.map((g) => ({ id: g.id, name: g.name, metric: g.metric, target: g.target, actual: g.actual ?? null, state: g.state ?? null })),
    scorecard,
    scorecardSnapshot: snapshot != null,
  };
}

export async function writeSelfAssessment(deps: Deps, actor: Actor, id: string, text: string) {
  await deps.db.transaction(async (tx) => {
    const { r } = await loadReview(tx, actor, id);
    if (r.memberId !== actor.userId) throw new AppError('forbidden', { zh: '只有本人可以写自评', en: 'Only the member writes their self-assessment' });
    if (r.memberSignedAt) throw conflict('已签字，自评不能再改', 'Signed: the self-assessment can no longer change');
    await tx.update(reviews).set({ selfAssessment: text, updatedAt: new Date() }).where(eq(reviews.id, id));
    await audit(tx, actor, {
      action: 'review.self',
      entityType: 'review',
      entityId: id,
      before: { selfAssessment: r.selfAssessment },
      after: { selfAssessment: text },
    });
  });
  return getReview(deps, actor, id);
}

export async function writeManagerAssessment(deps: Deps, actor: Actor, id: string, b: z.infer<typeof ManagerAssessmentBody>) {
  await deps.db.transaction(async (tx) => {
    const { r } = await loadReview(tx, actor, id);
    if (r.memberId === actor.userId) throw new AppError('forbidden', { zh: '不能评价自己的考核', en: 'You cannot assess your own review' });
    if (r.managerSignedAt) throw conflict('上级已签字，评价不能再改', 'The manager has signed: the assessment can no longer change');
    const changes: Partial<ReviewRow> = {};
    if (b.managerAssessment !== undefined) changes.managerAssessment = b.managerAssessment;
    if (b.rating !== undefined) {
      const level = b.rating === null ? null : (await ratingScaleOf(tx, actor.workspaceId)).find((l) => l.key === b.rating);
      if (b.rating !== null && !level) throw bad('评级不在工作区的等级中', 'The rating is not on the workspace’s scale');
      changes.rating = level?.key ?? null;
      changes.ratingLabel = level?.label ?? null;
    }
    if (b.goalIds !== undefined) {
      const known = new Set((await goals.list(deps, actor)).map((g) => g.id));
      if (b.goalIds.some((g) => !known.has(g))) throw bad('目标不存在', 'A goal was not found');
      changes.goalIds = [...new Set(b.goalIds)];
    }
    await tx
      .update(reviews)
      .set({ ...changes, updatedAt: new Date() })
      .where(eq(reviews.id, id));
    await audit(tx, actor, { action: 'review.manager', entityType: 'review', entityId: id, after: changes });
  });
  return getReview(deps, actor, id);
}

/** The member signs their own; a manager signs a team member's (storing the scorecard); both: locked. */
export async function signReview(deps: Deps, actor: Actor, id: string) {
  await deps.db.transaction(async (tx) => {
    const { r, c } = await loadReview(tx, actor, id);
    const now = new Date();
    let changes: Partial<ReviewRow>;
    if (r.memberId === actor.userId) {
      if (r.memberSignedAt) throw conflict('你已签过字', 'You have already signed');
      if (!r.selfAssessment.trim()) throw bad('请先写自评再签字', 'Write the self-assessment before signing');
      changes = { memberSignedAt: now };
    } else {
      if (!managesTeam(actor)) throw notFound(REVIEW);
      if (r.managerSignedAt) throw conflict('上级已签过字', 'A manager has already signed');
      if (!r.managerAssessment.trim() || !r.rating) throw bad('请先写评价并给出评级', 'Write the assessment and give a rating before signing');
      const [person] = (await teamMembers(tx, actor.workspaceId)).filter((m) => m.id === r.memberId);
      const scorecard = await scorecardOf(deps, actor.workspaceId, { id: r.memberId, name: person?.name ?? '' }, { from: c.startDay, to: c.endDay });
      changes = { managerSignedAt: now, managerId: actor.userId, scorecard };
    }
    const both = (changes.memberSignedAt ?? r.memberSignedAt) && (changes.managerSignedAt ?? r.managerSignedAt);
    if (both) changes.lockedAt = now;
    await tx
      .update(reviews)
      .set({ ...changes, updatedAt: now })
      .where(eq(reviews.id, id));
    await audit(tx, actor, { action: both ? 'review.locked' : 'review.sign', entityType: 'review', entityId: id, after: { signedBy: actor.userId } });
  });
  return getReview(deps, actor, id);
}

export async function listCycles(deps: Deps, actor: Actor) {
  const rows = await visibleReviews(deps.db, actor);
  const cycles = managesTeam(actor)
    ? await deps.db
        .select()
        .from(reviewCycles)
        .where(eq(reviewCycles.workspaceId, actor.workspaceId))
        .orderBy(desc(reviewCycles.startDay), desc(reviewCycles.createdAt))
    : [...new Map(rows.map(({ c }) => [c.id, c])).values()];
  return cycles.map((c) =>
    cycleView(
      c,
      rows.filter(({ r }) => r.cycleId === c.id).map(({ r }) => r),
    ),
  );
}

const cycleView = (c: CycleRow, rs: ReviewRow[]) => ({
  id: c.id,
  name: c.name,
  period: c.period as 'month' | 'quarter',
  startDay: c.startDay,
  endDay: c.endDay,
  reviews: rs.length,
  locked: rs.filter((r) => r.lockedAt).length,
  createdAt: isoOr(c.createdAt),
});

export async function createCycle(deps: Deps, actor: Actor, b: z.infer<typeof CreateCycleBody>) {
  return deps.db.transaction(async (tx) => {
    const span = periodOf(b.period, b.start);
    const team = await visibleMembers(tx, actor);
    const ids = b.memberIds ? [...new Set(b.memberIds)] : team.map((m) => m.id);
    if (ids.some((id) => !team.some((m) => m.id === id)))
      throw bad('只能考核本工作区的成员（访客除外）', 'Only members of this workspace (not guests) can be reviewed');
    if (!ids.length) throw bad('至少选择一位成员', 'Choose at least one member');
    const [c] = await tx
      .insert(reviewCycles)
      .values({ workspaceId: actor.workspaceId, name: b.name, period: b.period, startDay: span.from, endDay: span.to, createdBy: actor.userId })
      .returning();
    const rs = await tx
      .insert(reviews)
      .values(ids.map((memberId) => ({ workspaceId: actor.workspaceId, cycleId: c.id, memberId })))
      .returning();
    await audit(tx, actor, { action: 'review_cycle.create', entityType: 'review_cycle', entityId: c.id, after: { ...c, memberIds: ids } });
    return cycleView(c, rs);
  });
}
