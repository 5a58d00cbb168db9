import { and, asc, eq, ilike, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/pool';
import { contains } from '../../lib/sql';
import { iso, isoOr } from '../../lib/time';
import { grantCapabilities, platformModule } from '../../platforms/registry';
import { accountOperators, platformAccounts } from './tables';

export type AccountRow = typeof platformAccounts.$inferSelect;

/** How the account connects, how its posts go out, and what its grant allows and lacks. */
function grantView(a: AccountRow) {
  const mod = platformModule(a.platform);
  if (!mod) return { connect: 'manual' as const, publishRoute: 'manual' as const, capabilities: [], lacks: [] };
  const { has, lacks } = grantCapabilities(mod, a.scopes);
  return { connect: mod.oauth ? ('oauth' as const) : ('secret' as const), publishRoute: mod.route({ scopes: a.scopes }), capabilities: has, lacks };
}

export function accountView(a: AccountRow, operatorIds: string[]) {
  return {
    id: a.id,
    platform: a.platform as never,
    name: a.name,
    platformId: a.platformId,
    appId: a.appId,
    entityName: a.entityName,
    entityType: a.entityType as never,
    verification: a.verification as never,
    verificationExpiresOn: a.verificationExpiresOn,
    accountType: a.accountType as never,
    cadencePerWeek: a.cadencePerWeek,
    approvalSteps: a.approvalSteps,
    operatorIds,
    hasCredentials: a.credentialsSealed != null,
    lastCheckAt: iso(a.lastCheckAt),
    lastCheckOk: a.lastCheckOk,
    lastCheckError: a.lastCheckError,
    ...grantView(a),
    scopes: a.scopes,
    grantExpiresAt: iso(a.grantExpiresAt),
    refreshExpiresAt: iso(a.refreshExpiresAt),
    needsReconnect: a.refreshFailedAt != null,
    createdAt: isoOr(a.createdAt),
  };
}

export async function operatorsOf(tx: Executor, accountIds: string[]) {
  const map = new Map<string, string[]>();
  if (!accountIds.length) return map;
  const rows = await tx.select().from(accountOperators).where(inArray(accountOperators.accountId, accountIds));
  for (const r of rows) map.set(r.accountId, [...(map.get(r.accountId) ?? []), r.userId]);
  return map;
}

export async function findAccount(tx: Executor, workspaceId: string, id: string) {
  const [row] = await tx
    .select()
    .from(platformAccounts)
    .where(and(eq(platformAccounts.id, id), eq(platformAccounts.workspaceId, workspaceId), isNull(platformAccounts.archivedAt)));
  return row ?? null;
}

/** The workspace's accounts not archived, with what other modules' status views need. */
export async function activeAccounts(tx: Executor, workspaceId: string) {
  return tx
    .select({ id: platformAccounts.id, platform: platformAccounts.platform, scopes: platformAccounts.scopes, name: platformAccounts.name })
    .from(platformAccounts)
    .where(and(eq(platformAccounts.workspaceId, workspaceId), isNull(platformAccounts.archivedAt)))
    .orderBy(asc(platformAccounts.name));
}

export async function listAccounts(tx: Executor, workspaceId: string, q: { platform?: string; q?: string; page: number; pageSize: number }) {
  const where = and(
    eq(platformAccounts.workspaceId, workspaceId),
    isNull(platformAccounts.archivedAt),
    q.platform ? eq(platformAccounts.platform, q.platform) : undefined,
    q.q ? or(ilike(platformAccounts.name, contains(q.q)), ilike(platformAccounts.platformId, contains(q.q))) : undefined,
  );
  const [rows, [{ n }]] = await Promise.all([
    tx.select().from(platformAccounts).where(where).orderBy(asc(platformAccounts.name)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    tx.select({ n: sql<number>`count(*)::int` }).from(platformAccounts).where(where),
  ]);
  return { rows, total: n };
}

export async function setOperators(tx: Executor, accountId: string, userIds: string[]) {
  await tx.delete(accountOperators).where(eq(accountOperators.accountId, accountId));
  if (userIds.length) await tx.insert(accountOperators).values([...new Set(userIds)].map((userId) => ({ accountId, userId })));
}

/** Every account's name in the workspace, archived ones too (a scorecard names past posts' accounts). */
export async function accountNameMap(tx: Executor, workspaceId: string): Promise<Map<string, string>> {
  const rows = await tx
    .select({ id: platformAccounts.id, name: platformAccounts.name })
    .from(platformAccounts)
    .where(eq(platformAccounts.workspaceId, workspaceId));
  return new Map(rows.map((r) => [r.id, r.name]));
}
