import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/pool';
import { strategies, strategyVersions } from './tables';

export type StrategyRow = typeof strategies.$inferSelect;
export type VersionRow = typeof strategyVersions.$inferSelect;

const scopeOf = (workspaceId: string, accountId: string | null) =>
  and(eq(strategies.workspaceId, workspaceId), accountId ? eq(strategies.accountId, accountId) : isNull(strategies.accountId));

export async function findStrategy(ex: Executor, workspaceId: string, accountId: string | null, lock = false) {
  const q = ex.select().from(strategies).where(scopeOf(workspaceId, accountId));
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
}

/** Makes the strategy row if there is none yet (concurrent first saves meet on the unique index). */
export async function ensureStrategy(ex: Executor, workspaceId: string, accountId: string | null) {
  await ex.insert(strategies).values({ workspaceId, accountId, version: 0 }).onConflictDoNothing();
  return (await findStrategy(ex, workspaceId, accountId, true)) as StrategyRow;
}

export async function listStrategies(ex: Executor, workspaceId: string) {
  return ex
    .select()
    .from(strategies)
    .where(and(eq(strategies.workspaceId, workspaceId), sql`${strategies.version} > 0`))
    .orderBy(sql`${strategies.accountId} is not null`, asc(strategies.createdAt));
}

export async function findVersion(ex: Executor, strategyId: string, version: number) {
  const [row] = await ex
    .select()
    .from(strategyVersions)
    .where(and(eq(strategyVersions.strategyId, strategyId), eq(strategyVersions.version, version)));
  return row ?? null;
}

export async function addVersion(ex: Executor, row: typeof strategyVersions.$inferInsert) {
  await ex.insert(strategyVersions).values(row);
  await ex.update(strategies).set({ version: row.version, updatedAt: sql`now()` }).where(eq(strategies.id, row.strategyId));
}

export function versionsPage(ex: Executor, strategyId: string, limit: number, offset: number) {
  return ex
    .select()
    .from(strategyVersions)
    .where(eq(strategyVersions.strategyId, strategyId))
    .orderBy(desc(strategyVersions.version))
    .limit(limit)
    .offset(offset);
}

export function versionCount(ex: Executor, strategyId: string) {
  return ex.select({ n: sql<number>`count(*)::int` }).from(strategyVersions).where(eq(strategyVersions.strategyId, strategyId));
}

/** Every pillar any version of the workspace's strategies named, by id, with its latest name (analytics labels posts by it). */
export async function pillarNames(ex: Executor, workspaceId: string): Promise<Map<string, string>> {
  const r = await ex.execute<{ id: string; name: string }>(sql`
    select distinct on (p->>'id') p->>'id' as id, p->>'name' as name
    from strategy_versions v, jsonb_array_elements(v.content->'pillars') p
    where v.workspace_id = ${workspaceId}
    order by p->>'id', v.created_at desc, v.version desc`);
  return new Map(r.rows.map((x) => [x.id, x.name]));
}
