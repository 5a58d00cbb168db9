import { and, asc, desc, eq, ilike, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/pool';
import { contains } from '../../lib/sql';
import { platformAccounts } from '../accounts/tables';
import { postVariants } from '../content/tables';
import { memberName } from '../identity/membership';
import { brandKits, riskAdLawDisabled, riskSettings, riskWords, screeningOverrides } from './tables';

export type BrandKitRow = typeof brandKits.$inferSelect;

export async function settingsOf(tx: Executor, workspaceId: string) {
  const [row] = await tx.select().from(riskSettings).where(eq(riskSettings.workspaceId, workspaceId));
  return row ?? null;
}

/** Marks the workspace's dictionaries changed (every cached screener of it is rebuilt on next use); sets the policy when given. */
export async function bumpVersion(tx: Executor, workspaceId: string, userId: string, policy?: Record<string, string>) {
  const [row] = await tx
    .insert(riskSettings)
    .values({ workspaceId, updatedBy: userId, ...(policy ? { policy } : {}) })
    .onConflictDoUpdate({
      target: riskSettings.workspaceId,
      set: { version: sql`${riskSettings.version} + 1`, updatedAt: sql`now()`, updatedBy: userId, ...(policy ? { policy } : {}) },
    })
    .returning();
  return row;
}

export async function wordEntries(tx: Executor, workspaceId: string) {
  return tx
    .select({ term: riskWords.term, category: riskWords.category, severity: riskWords.severity })
    .from(riskWords)
    .where(eq(riskWords.workspaceId, workspaceId));
}

export async function disabledAdLaw(tx: Executor, workspaceId: string): Promise<Set<string>> {
  const rows = await tx.select({ term: riskAdLawDisabled.term }).from(riskAdLawDisabled).where(eq(riskAdLawDisabled.workspaceId, workspaceId));
  return new Set(rows.map((r) => r.term));
}

export function wordWhere(workspaceId: string, q: { category?: string; q?: string }) {
  return and(
    eq(riskWords.workspaceId, workspaceId),
    q.category ? eq(riskWords.category, q.category) : undefined,
    q.q ? ilike(riskWords.term, contains(q.q)) : undefined,
  );
}

export function listWords(tx: Executor, workspaceId: string, q: { category?: string; q?: string }, limit: number, offset: number) {
  return tx.select().from(riskWords).where(wordWhere(workspaceId, q)).orderBy(desc(riskWords.createdAt), asc(riskWords.term)).limit(limit).offset(offset);
}

export function countWords(tx: Executor, workspaceId: string, q: { category?: string; q?: string }) {
  return tx.select({ n: sql<number>`count(*)::int` }).from(riskWords).where(wordWhere(workspaceId, q));
}

export async function findWord(tx: Executor, workspaceId: string, id: string) {
  const [row] = await tx
    .select()
    .from(riskWords)
    .where(and(eq(riskWords.id, id), eq(riskWords.workspaceId, workspaceId)));
  return row ?? null;
}

/** Live accounts of the workspace among `ids`, with their brand kit when they have one. */
export async function accountsWithKits(tx: Executor, workspaceId: string, ids: string[]) {
  if (!ids.length) return [];
  return tx
    .select({ id: platformAccounts.id, name: platformAccounts.name, kit: brandKits })
    .from(platformAccounts)
    .leftJoin(brandKits, eq(brandKits.accountId, platformAccounts.id))
    .where(and(inArray(platformAccounts.id, ids), eq(platformAccounts.workspaceId, workspaceId), isNull(platformAccounts.archivedAt)))
    .orderBy(asc(platformAccounts.name));
}

export function kitWhere(workspaceId: string, q?: string) {
  return and(eq(platformAccounts.workspaceId, workspaceId), isNull(platformAccounts.archivedAt), q ? ilike(platformAccounts.name, contains(q)) : undefined);
}

export function listKits(tx: Executor, workspaceId: string, q: string | undefined, limit: number, offset: number) {
  return tx
    .select({ id: platformAccounts.id, name: platformAccounts.name, kit: brandKits })
    .from(platformAccounts)
    .leftJoin(brandKits, eq(brandKits.accountId, platformAccounts.id))
    .where(kitWhere(workspaceId, q))
    .orderBy(asc(platformAccounts.name))
    .limit(limit)
    .offset(offset);
}

export function countKits(tx: Executor, workspaceId: string, q?: string) {
  return tx.select({ n: sql<number>`count(*)::int` }).from(platformAccounts).where(kitWhere(workspaceId, q));
}

export function variantsOf(tx: Executor, postId: string) {
  return tx
    .select({ accountId: postVariants.accountId, title: postVariants.title, digest: postVariants.digest, bodyHtml: postVariants.bodyHtml })
    .from(postVariants)
    .where(eq(postVariants.postId, postId));
}

/** The latest override of this version of the post, with the name of the manager who gave it. */
export async function latestOverride(tx: Executor, postId: string, version: number) {
  const [row] = await tx
    .select({ o: screeningOverrides, actorName: memberName(screeningOverrides.workspaceId, screeningOverrides.actorId) })
    .from(screeningOverrides)
    .where(and(eq(screeningOverrides.postId, postId), eq(screeningOverrides.postVersion, version)))
    .orderBy(desc(screeningOverrides.createdAt))
    .limit(1);
  return row ?? null;
}
