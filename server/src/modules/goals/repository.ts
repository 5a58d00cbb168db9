// The goals module's SQL. The figures behind a goal are read here from analytics' metric tables
// (account_metrics, post_metrics) with only the columns needed, joined to posts for member goals
// (a post's owner): one query per goal instead of a row-by-row walk through other services.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/pool';
import { listAccounts } from '../accounts/repository';
import { accountMetrics, postMetrics } from '../analytics/tables';
import { posts } from '../content/tables';
import { workspaces } from '../identity/tables';
import { cadenceNotices, cadencePlans, goals } from './tables';

export type GoalRow = typeof goals.$inferSelect;
/** One day's figures: interactions = likes + comments + shares (unknown counts as none). */
export type DayFigures = { day: string; followersGained: number; views: number; interactions: number };

const n = (v: unknown) => (v == null ? 0 : Number(v));

export async function timezoneOf(ex: Executor, workspaceId: string) {
  const [w] = await ex.select({ tz: workspaces.timezone }).from(workspaces).where(eq(workspaces.id, workspaceId));
  return w?.tz ?? 'Asia/Shanghai';
}

/** Per-day figures of the workspace, one account, or the posts one member owns, in [from, to]. */
export async function dailyFigures(
  ex: Executor,
  workspaceId: string,
  scope: { accountId?: string | null; memberId?: string | null },
  from: string,
  to: string,
): Promise<DayFigures[]> {
  const interactions = (t: typeof accountMetrics | typeof postMetrics) =>
    sql`sum(coalesce(${t.likes}, 0) + coalesce(${t.comments}, 0) + coalesce(${t.shares}, 0))`;
  let rows: Record<string, unknown>[];
  if (scope.memberId) {
    const r = await ex
      .select({
        day: postMetrics.day,
        followersGained: sql`sum(${postMetrics.followersGained})`,
        views: sql`sum(${postMetrics.views})`,
        interactions: interactions(postMetrics),
      })
      .from(postMetrics)
      .innerJoin(posts, eq(posts.id, postMetrics.postId))
      .where(and(eq(postMetrics.workspaceId, workspaceId), eq(posts.ownerId, scope.memberId), sql`${postMetrics.day} between ${from} and ${to}`))
      .groupBy(postMetrics.day);
    rows = r;
  } else {
    const r = await ex
      .select({
        day: accountMetrics.day,
        followersGained: sql`sum(${accountMetrics.followersGained})`,
        views: sql`sum(${accountMetrics.views})`,
        interactions: interactions(accountMetrics),
      })
      .from(accountMetrics)
      .where(
        and(
          eq(accountMetrics.workspaceId, workspaceId),
          scope.accountId ? eq(accountMetrics.accountId, scope.accountId) : undefined,
          sql`${accountMetrics.day} between ${from} and ${to}`,
        ),
      )
      .groupBy(accountMetrics.day);
    rows = r;
  }
  return rows
    .map((r) => ({ day: String(r.day), followersGained: n(r.followersGained), views: n(r.views), interactions: n(r.interactions) }))
    .sort((a, b) => (a.day < b.day ? -1 : 1));
}

export async function listGoals(ex: Executor, workspaceId: string) {
  return ex.select().from(goals).where(eq(goals.workspaceId, workspaceId)).orderBy(asc(goals.endDay), asc(goals.createdAt));
}

export async function findGoal(ex: Executor, workspaceId: string, id: string) {
  const [g] = await ex
    .select()
    .from(goals)
    .where(and(eq(goals.workspaceId, workspaceId), eq(goals.id, id)));
  return g ?? null;
}

/** The workspace's accounts (not archived), through the accounts module. */
export async function accountsOf(ex: Executor, workspaceId: string) {
  return (await listAccounts(ex, workspaceId, { page: 1, pageSize: 100_000 })).rows;
}

export async function accountNames(ex: Executor, workspaceId: string) {
  return new Map((await accountsOf(ex, workspaceId)).map((a) => [a.id, a.name]));
}

export async function allWorkspaceIds(ex: Executor) {
  return (await ex.select({ id: workspaces.id }).from(workspaces)).map((w) => w.id);
}

export async function cadencePlansOf(ex: Executor, workspaceId: string) {
  const rows = await ex.select().from(cadencePlans).where(eq(cadencePlans.workspaceId, workspaceId));
  return new Map(rows.map((r) => [r.accountId, r]));
}

export async function putCadencePlan(ex: Executor, row: typeof cadencePlans.$inferInsert) {
  await ex
    .insert(cadencePlans)
    .values(row)
    .onConflictDoUpdate({
      target: cadencePlans.accountId,
      set: { perWeek: row.perWeek, quietDays: row.quietDays, updatedBy: row.updatedBy, updatedAt: new Date() },
    });
}

/** Records that a flag was told for the week; false when it already was (told once per week). */
export async function claimCadenceNotice(ex: Executor, r: { accountId: string; workspaceId: string; weekStart: string; flag: string }) {
  const rows = await ex.insert(cadenceNotices).values(r).onConflictDoNothing().returning({ a: cadenceNotices.accountId });
  return rows.length > 0;
}

/** Every workspace's goals not yet settled (met or missed): the periodic check looks at these. */
export async function goalsToCheck(ex: Executor) {
  return ex.select().from(goals).where(sql`${goals.state} is null or ${goals.state} not in ('met', 'missed')`);
}

/** Records a new state; true when it changed (the caller notifies only then). Conditional, so two checkers never both notify. */
export async function moveState(ex: Executor, id: string, from: string | null, to: string) {
  const r = await ex
    .update(goals)
    .set({ state: to, stateChangedAt: new Date() })
    .where(and(eq(goals.id, id), from == null ? sql`${goals.state} is null` : eq(goals.state, from)))
    .returning({ id: goals.id });
  return r.length > 0;
}
