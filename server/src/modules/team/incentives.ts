// Incentives: bonus points and awards recorded against a member with a reason and, optionally,
// the result they reward (a review, or a scorecard period). A paged ledger with each member's
// totals over all their entries; a member reads only their own. Managers record, edit and delete.
import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { CreateIncentiveBody, IncentiveQuery, UpdateIncentiveBody } from '../../../../contract/team';
import type { Deps } from '../../context';
import type { Executor } from '../../db/pool';
import { AppError, notFound } from '../../lib/errors';
import { type PageQuery, paged } from '../../lib/paging';
import { isoOr } from '../../lib/time';
import { type Actor, audit } from '../identity/audit';
import { memberNames } from '../identity/membership';
import { assertCan } from '../identity/roles';
import { managesTeam, visibleMember, visibleMembers } from './scope';
import { incentives, reviews } from './tables';

type Row = typeof incentives.$inferSelect;
const INCENTIVE = { zh: '奖励记录', en: 'Incentive' };
const bad = (zh: string, en: string) => new AppError('validation_failed', { zh, en });

export async function listIncentives(deps: Deps, actor: Actor, q: z.infer<typeof IncentiveQuery> & PageQuery) {
  const memberId = managesTeam(actor) ? q.memberId : actor.userId;
  const ofMember = and(eq(incentives.workspaceId, actor.workspaceId), memberId ? eq(incentives.memberId, memberId) : undefined) as SQL;
  const where = and(ofMember, q.kind ? eq(incentives.kind, q.kind) : undefined);
  // Totals are over every entry of the members shown, whatever the page and the kind filter.
  const [ledger, sums, people] = await Promise.all([
    paged(
      q,
      (limit, offset) => deps.db.select().from(incentives).where(where).orderBy(desc(incentives.createdAt), desc(incentives.id)).limit(limit).offset(offset),
      deps.db.select({ n: sql<number>`count(*)::int` }).from(incentives).where(where),
      async (rows) => {
        const names = await memberNames(
          deps.db,
          actor.workspaceId,
          rows.flatMap((r) => [r.memberId, r.createdBy]),
        );
        return rows.map((r) => view(r, names));
      },
    ),
    deps.db
      .select({
        memberId: incentives.memberId,
        points: sql<number>`coalesce(sum(${incentives.points}), 0)::int`,
        awards: sql<number>`(count(*) filter (where ${incentives.kind} = 'award'))::int`,
      })
      .from(incentives)
      .where(ofMember)
      .groupBy(incentives.memberId),
    visibleMembers(deps.db, actor),
  ]);
  const byMember = new Map(sums.map((s) => [s.memberId, s]));
  return {
    ...ledger,
    totals: people
      .filter((m) => !memberId || m.id === memberId)
      .map((m) => ({ memberId: m.id, memberName: m.name, points: byMember.get(m.id)?.points ?? 0, awards: byMember.get(m.id)?.awards ?? 0 })),
  };
}

const view = (r: Row, names: Map<string, string>) => ({
  id: r.id,
  memberId: r.memberId,
  memberName: names.get(r.memberId) ?? '',
  kind: r.kind as 'points' | 'award',
  points: r.points,
  title: r.title,
  reason: r.reason,
  reviewId: r.reviewId,
  periodFrom: r.periodFrom,
  periodTo: r.periodTo,
  createdBy: r.createdBy,
  createdByName: names.get(r.createdBy) ?? null,
  createdAt: isoOr(r.createdAt),
});

const viewOne = async (ex: Executor, workspaceId: string, r: Row) => view(r, await memberNames(ex, workspaceId, [r.memberId, r.createdBy]));

type Entry = Pick<Row, 'memberId' | 'kind' | 'points' | 'reviewId' | 'periodFrom' | 'periodTo'>;

/** The rules an entry meets, on create and after an edit alike. */
async function check(ex: Executor, workspaceId: string, e: Entry) {
  if (e.kind === 'points' && e.points === 0) throw bad('积分不能为 0', 'Bonus points must not be 0');
  if (!e.periodFrom !== !e.periodTo) throw bad('记分卡周期需要开始和结束日期', 'A scorecard period needs both a first and a last day');
  if (e.periodFrom && e.periodTo && e.periodTo < e.periodFrom) throw bad('结束日期不能早于开始日期', 'The end day must not be before the start day');
  if (e.reviewId) {
    const [r] = await ex
      .select({ memberId: reviews.memberId })
      .from(reviews)
      .where(and(eq(reviews.id, e.reviewId), eq(reviews.workspaceId, workspaceId)));
    if (!r || r.memberId !== e.memberId) throw bad('考核不存在或不属于该成员', 'The review was not found for this member');
  }
}

export async function createIncentive(deps: Deps, actor: Actor, b: z.infer<typeof CreateIncentiveBody>) {
  const entry = { ...b, reviewId: b.reviewId ?? null, periodFrom: b.periodFrom ?? null, periodTo: b.periodTo ?? null };
  return deps.db.transaction(async (tx) => {
    await visibleMember(tx, actor, b.memberId);
    await check(tx, actor.workspaceId, entry);
    const [row] = await tx
      .insert(incentives)
      .values({ ...entry, workspaceId: actor.workspaceId, createdBy: actor.userId })
      .returning();
    await audit(tx, actor, { action: 'incentive.create', entityType: 'incentive', entityId: row.id, after: row });
    return viewOne(tx, actor.workspaceId, row);
  });
}

/** This workspace's entry, locked for the change, or 404. */
async function findIncentive(ex: Executor, actor: Actor, id: string) {
  const [row] = await ex
    .select()
    .from(incentives)
    .where(and(eq(incentives.id, id), eq(incentives.workspaceId, actor.workspaceId)))
    .for('update');
  if (!row) throw notFound(INCENTIVE);
  return row;
}

export async function updateIncentive(deps: Deps, actor: Actor, id: string, b: z.infer<typeof UpdateIncentiveBody>) {
  assertCan(actor.role, 'team.manage');
  return deps.db.transaction(async (tx) => {
    const before = await findIncentive(tx, actor, id);
    await check(tx, actor.workspaceId, { ...before, ...b });
    const [row] = await tx.update(incentives).set(b).where(eq(incentives.id, id)).returning();
    await audit(tx, actor, { action: 'incentive.update', entityType: 'incentive', entityId: id, before, after: row });
    return viewOne(tx, actor.workspaceId, row);
  });
}

export async function deleteIncentive(deps: Deps, actor: Actor, id: string) {
  assertCan(actor.role, 'team.manage');
  await deps.db.transaction(async (tx) => {
    const before = await findIncentive(tx, actor, id);
    await tx.delete(incentives).where(eq(incentives.id, id));
    await audit(tx, actor, { action: 'incentive.delete', entityType: 'incentive', entityId: id, before });
  });
  return { ok: true as const };
}
