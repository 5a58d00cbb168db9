// Goals and KPIs: managers set them, everyone sees their live progress; the periodic check tells
// a goal's owner when it turns at risk (and when it is met, missed or back on track), once per change.
import type { z } from 'zod';
import type { CreateGoalBody, UpdateGoalBody } from '../../../../contract/goals';
import type { Deps } from '../../context';
import type { Executor } from '../../db/pool';
import { AppError, notFound } from '../../lib/errors';
import { isoOr } from '../../lib/time';
import { requireAccount } from '../accounts/service';
import { type Actor, audit } from '../identity/audit';
import { assertMember, memberNames } from '../identity/membership';
import { notify } from '../notify/service';
import { goals } from './tables';
import { daysBetween, periodEnd, periodStart } from './days';
import { type Progress, progressOf } from './progress';
import { accountNames, findGoal, type GoalRow, goalsToCheck, listGoals, moveState, timezoneOf } from './repository';
import { and, eq } from 'drizzle-orm';

const GOAL = { zh: '目标', en: 'Goal' };
const MAX_DAYS = 731;

function bad(zh: string, en: string): never {
  throw new AppError('validation_failed', { zh, en });
}

/** The period's first and last day: a week, month or quarter is the calendar one containing startDay. */
function periodOf(b: { period: string; startDay: string; endDay?: string | null }) {
  if (b.period === 'custom') {
    if (!b.endDay) bad('自定义周期需要结束日期', 'A custom period needs an end day');
    if (b.endDay < b.startDay) bad('结束日期不能早于开始日期', 'The end day must not be before the start day');
    if (daysBetween(b.startDay, b.endDay) > MAX_DAYS) bad('周期最长两年', 'A period is at most two years');
    return { startDay: b.startDay, endDay: b.endDay };
  }
  const p = b.period as 'week' | 'month' | 'quarter';
  const startDay = periodStart(p, b.startDay);
  return { startDay, endDay: periodEnd(p, startDay) };
}

async function checkScope(ex: Executor, actor: Actor, b: z.infer<typeof CreateGoalBody>) {
  if (b.metric === 'engagement_rate' && b.target > 100) bad('互动率目标是百分比，不能超过 100', 'An engagement rate target is a percentage, at most 100');
  if (b.scope === 'account') {
    if (!b.accountId) bad('账号目标需要选择账号', 'An account goal needs an account');
    await requireAccount(ex, actor.workspaceId, b.accountId);
    return { accountId: b.accountId, memberId: null };
  }
  if (b.scope === 'member') {
    if (!b.memberId) bad('成员目标需要选择成员', 'A member goal needs a member');
    await assertMember(ex, actor.workspaceId, b.memberId, { zh: '成员', en: 'The member' });
    return { accountId: null, memberId: b.memberId };
  }
  if (b.accountId || b.memberId) bad('工作区目标不指定账号或成员', 'A workspace goal names no account or member');
  return { accountId: null, memberId: null };
}

function view(g: GoalRow, p: Progress, names: { accounts: Map<string, string>; members: Map<string, string> }) {
  return {
    id: g.id,
    name: g.name,
    metric: g.metric as z.infer<typeof CreateGoalBody>['metric'],
    scope: g.scope as 'workspace' | 'account' | 'member',
    accountId: g.accountId,
    accountName: g.accountId ? (names.accounts.get(g.accountId) ?? null) : null,
    memberId: g.memberId,
    memberName: g.memberId ? (names.members.get(g.memberId) ?? null) : null,
    period: g.period as 'week' | 'month' | 'quarter' | 'custom',
    startDay: g.startDay,
    endDay: g.endDay,
    target: g.target,
    ownerId: g.ownerId,
    ownerName: names.members.get(g.ownerId) ?? null,
    ...p,
    createdAt: isoOr(g.createdAt),
  };
}

async function views(ex: Executor, workspaceId: string, rows: GoalRow[], now = new Date()) {
  const tz = await timezoneOf(ex, workspaceId);
  const names = {
    accounts: await accountNames(ex, workspaceId),
    members: await memberNames(
      ex,
      workspaceId,
      rows.flatMap((g) => [g.ownerId, g.memberId]),
    ),
  };
  return Promise.all(rows.map(async (g) => view(g, await progressOf(ex, g, tz, now), names)));
}

export async function list(deps: Deps, actor: Actor) {
  return views(deps.db, actor.workspaceId, await listGoals(deps.db, actor.workspaceId));
}

export async function get(deps: Deps, actor: Actor, id: string) {
  const g = await findGoal(deps.db, actor.workspaceId, id);
  if (!g) throw notFound(GOAL);
  return (await views(deps.db, actor.workspaceId, [g]))[0];
}

export async function create(deps: Deps, actor: Actor, b: z.infer<typeof CreateGoalBody>) {
  const id = await deps.db.transaction(async (tx) => {
    const scope = await checkScope(tx, actor, b);
    const ownerId = b.ownerId ?? actor.userId;
    await assertMember(tx, actor.workspaceId, ownerId, { zh: '负责人', en: 'The owner' });
    const [g] = await tx
      .insert(goals)
      .values({
        workspaceId: actor.workspaceId,
        name: b.name,
        metric: b.metric,
        scope: b.scope,
        ...scope,
        period: b.period,
        ...periodOf(b),
        target: b.target,
        ownerId,
        createdBy: actor.userId,
      })
      .returning();
    await audit(tx, actor, { action: 'goal.create', entityType: 'goal', entityId: g.id, after: g });
    return g.id;
  });
  return get(deps, actor, id);
}

export async function update(deps: Deps, actor: Actor, id: string, b: z.infer<typeof UpdateGoalBody>) {
  await deps.db.transaction(async (tx) => {
    const g = await findGoal(tx, actor.workspaceId, id);
    if (!g) throw notFound(GOAL);
    if (b.ownerId) await assertMember(tx, actor.workspaceId, b.ownerId, { zh: '负责人', en: 'The owner' });
    if (b.endDay && g.period !== 'custom') bad('只有自定义周期可以修改结束日期', 'Only a custom period has an end day to change');
    if (b.target && g.metric === 'engagement_rate' && b.target > 100)
      bad('互动率目标是百分比，不能超过 100', 'An engagement rate target is a percentage, at most 100');
    const endDay = b.endDay ? periodOf({ period: 'custom', startDay: g.startDay, endDay: b.endDay }).endDay : g.endDay;
    // A new target or period is judged afresh: the next check may notify again.
    const changed = {
      name: b.name ?? g.name,
      target: b.target ?? g.target,
      ownerId: b.ownerId ?? g.ownerId,
      endDay,
      state: b.target || b.endDay ? null : g.state,
    };
    await tx
      .update(goals)
      .set({ ...changed, updatedAt: new Date() })
      .where(and(eq(goals.id, id), eq(goals.workspaceId, actor.workspaceId)));
    await audit(tx, actor, { action: 'goal.update', entityType: 'goal', entityId: id, before: g, after: changed });
  });
  return get(deps, actor, id);
}

export async function remove(deps: Deps, actor: Actor, id: string) {
  await deps.db.transaction(async (tx) => {
    const g = await findGoal(tx, actor.workspaceId, id);
    if (!g) throw notFound(GOAL);
    await tx.delete(goals).where(and(eq(goals.id, id), eq(goals.workspaceId, actor.workspaceId)));
    await audit(tx, actor, { action: 'goal.delete', entityType: 'goal', entityId: id, before: g });
  });
  return { ok: true as const };
}

const fmt = (x: number) => (Math.round(x * 100) / 100).toLocaleString('en-US');

const MESSAGES: Partial<Record<string, (g: GoalRow, p: Progress) => { zh: string; en: string; severity: 'info' | 'warning' }>> = {
  at_risk: (g, p) => ({
    severity: 'warning',
    zh: `按目前的趋势，期末预计 ${fmt(p.forecast!.value)}（80% 区间 ${fmt(p.forecast!.low)}–${fmt(p.forecast!.high)}），低于目标 ${fmt(g.target)}；当前 ${fmt(p.actual)}，还剩 ${p.daysTotal - p.daysElapsed} 天。`,
    en: `At this pace the period ends at ${fmt(p.forecast!.value)} (80% interval ${fmt(p.forecast!.low)}–${fmt(p.forecast!.high)}), below the target ${fmt(g.target)}; now ${fmt(p.actual)}, ${p.daysTotal - p.daysElapsed} days left.`,
  }),
  on_track: (g, p) => ({
    severity: 'info',
    zh: `已回到正轨：期末预计 ${fmt(p.forecast!.value)}，目标 ${fmt(g.target)}。`,
    en: `Back on track: the period should end at ${fmt(p.forecast!.value)}, target ${fmt(g.target)}.`,
  }),
  met: (g, p) => ({ severity: 'info', zh: `目标已达成：${fmt(p.actual)} / ${fmt(g.target)}。`, en: `Goal met: ${fmt(p.actual)} of ${fmt(g.target)}.` }),
  missed: (g, p) => ({
    severity: 'warning',
    zh: `周期已结束，未达成目标：${fmt(p.actual)} / ${fmt(g.target)}。`,
    en: `The period is over and the goal was missed: ${fmt(p.actual)} of ${fmt(g.target)}.`,
  }),
};
const TITLES: Record<string, { zh: string; en: string }> = {
  at_risk: { zh: '目标有风险', en: 'Goal at risk' },
  on_track: { zh: '目标回到正轨', en: 'Goal back on track' },
  met: { zh: '目标已达成', en: 'Goal met' },
  missed: { zh: '目标未达成', en: 'Goal missed' },
};

/**
 * The periodic check: each unsettled goal's state; on a change the owner is told (once: the state
 * moves by a conditional UPDATE, in the same transaction as the notification). A first look that
 * finds a goal on track or too early to judge tells no one.
 */
export async function checkGoals(deps: Deps, now = new Date()) {
  let notified = 0;
  const tzs = new Map<string, string>();
  for (const g of await goalsToCheck(deps.db)) {
    if (!tzs.has(g.workspaceId)) tzs.set(g.workspaceId, await timezoneOf(deps.db, g.workspaceId));
    const p = await progressOf(deps.db, g, tzs.get(g.workspaceId)!, now);
    if (p.state === g.state || (p.state === 'too_early' && g.state !== null)) continue;
    const message = MESSAGES[p.state];
    const tell = message && !(p.state === 'on_track' && g.state !== 'at_risk');
    await deps.db.transaction(async (tx) => {
      if (!(await moveState(tx, g.id, g.state, p.state)) || !tell) return;
      const m = message(g, p);
      const t = TITLES[p.state];
      await notify(
        deps,
        {
          workspaceId: g.workspaceId,
          kind: `goal.${p.state}`,
          severity: m.severity,
          title: { zh: `${t.zh}：${g.name}`, en: `${t.en}: ${g.name}` },
          body: { zh: m.zh, en: m.en },
          link: `/goals?goal=${g.id}`,
          userIds: [g.ownerId],
        },
        tx,
      );
      notified++;
    });
  }
  return { notified };
}
