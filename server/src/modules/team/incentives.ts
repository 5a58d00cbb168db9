// Incentives: bonus points and awards recorded against a member with a reason and, optionally,
// the result they reward (a review, or a scorecard period). A ledger per member with totals; a
// member reads only their own.
import { and, desc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { CreateIncentiveBody, IncentiveQuery } from '../../../../contract/team';
import type { Deps } from '../../context';
import { AppError } from '../../lib/errors';
import { isoOr } from '../../lib/time';
import { type Actor, audit } from '../identity/audit';
import { memberNames } from '../identity/membership';
import { managesTeam, visibleMember, visibleMembers } from './scope';
import { incentives, reviews } from './tables';

type Row = typeof incentives.$inferSelect;
const bad = (zh: string, en: string) => new AppError('validation_failed', { zh, en });

export async function listIncentives(deps: Deps, actor: Actor, q: z.infer<typeof IncentiveQuery>) {
  const memberId = managesTeam(actor) ? q.memberId : actor.userId;
  const rows = await deps.db
    .select()
    .from(incentives)
    .where(and(eq(incentives.workspaceId, actor.workspaceId), memberId ? eq(incentives.memberId, memberId) : undefined))
    .orderBy(desc(incentives.createdAt), desc(incentives.id));
  const names = await memberNames(
    deps.db,
    actor.workspaceId,
    rows.flatMap((r) => [r.memberId, r.createdBy]),
  );
  const people = (await visibleMembers(deps.db, actor)).filter((m) => !memberId || m.id === memberId);
  return {
    items: rows.map((r) => view(r, names)),
    totals: people.map((m) => {
      const mine = rows.filter((r) => r.memberId === m.id);
      return { memberId: m.id, memberName: m.name, points: mine.reduce((a, r) => a + r.points, 0), awards: mine.filter((r) => r.kind === 'award').length };
    }),
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

export async function createIncentive(deps: Deps, actor: Actor, b: z.infer<typeof CreateIncentiveBody>) {
  if (b.kind === 'points' && b.points === 0) throw bad('积分不能为 0', 'Bonus points must not be 0');
  if (!b.periodFrom !== !b.periodTo) throw bad('记分卡周期需要开始和结束日期', 'A scorecard period needs both a first and a last day');
  if (b.periodFrom && b.periodTo && b.periodTo < b.periodFrom) throw bad('结束日期不能早于开始日期', 'The end day must not be before the start day');
  return deps.db.transaction(async (tx) => {
    await visibleMember(tx, actor, b.memberId);
    if (b.reviewId) {
      const [r] = await tx
        .select({ memberId: reviews.memberId })
        .from(reviews)
        .where(and(eq(reviews.id, b.reviewId), eq(reviews.workspaceId, actor.workspaceId)));
      if (!r || r.memberId !== b.memberId) throw bad('考核不存在或不属于该成员', 'The review was not found for this member');
    }
    const [row] = await tx
      .insert(incentives)
      .values({
        workspaceId: actor.workspaceId,
        memberId: b.memberId,
        kind: b.kind,
        points: b.points,
        title: b.title,
        reason: b.reason,
        reviewId: b.reviewId ?? null,
        periodFrom: b.periodFrom ?? null,
        periodTo: b.periodTo ?? null,
        createdBy: actor.userId,
      })
      .returning();
    await audit(tx, actor, { action: 'incentive.create', entityType: 'incentive', entityId: row.id, after: row });
    return view(row, await memberNames(tx, actor.workspaceId, [row.memberId, row.createdBy]));
  });
}
