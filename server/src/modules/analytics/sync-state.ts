// The per-account sync state (account_sync): the run's lease, progress of the backfill, the last
// final day, and the outcome of the last run.
import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/pool';
import { accountSync } from './sync-tables';

export type SyncState = typeof accountSync.$inferSelect;

/** Takes the account for one run until `until`, or null when another run holds it. */
export async function takeLease(ex: Executor, workspaceId: string, accountId: string, now: Date, until: Date): Promise<SyncState | null> {
  await ex.insert(accountSync).values({ accountId, workspaceId }).onConflictDoNothing();
  const [row] = await ex
    .update(accountSync)
    .set({ leaseUntil: until, lastAttemptAt: now, updatedAt: sql`now()` })
    .where(and(eq(accountSync.accountId, accountId), sql`(${accountSync.leaseUntil} is null or ${accountSync.leaseUntil} < ${now})`))
    .returning();
  return row ?? null;
}

export async function saveProgress(
  ex: Executor,
  accountId: string,
  set: Partial<Pick<SyncState, 'backfillFrom' | 'backfillTo' | 'backfillThrough' | 'backfillDone' | 'finalThrough'>>,
) {
  await ex
    .update(accountSync)
    .set({ ...set, updatedAt: sql`now()` })
    .where(eq(accountSync.accountId, accountId));
}

export async function markSucceeded(ex: Executor, accountId: string, now: Date) {
  await ex
    .update(accountSync)
    .set({ lastSyncedAt: now, lastError: null, consecutiveFailures: 0, failureNotifiedAt: null, leaseUntil: null, updatedAt: sql`now()` })
    .where(eq(accountSync.accountId, accountId));
}

/** Records a failed run; answers the state after it. */
export async function markFailed(ex: Executor, accountId: string, error: string): Promise<SyncState | undefined> {
  const [row] = await ex
    .update(accountSync)
    .set({ lastError: error.slice(0, 1000), consecutiveFailures: sql`${accountSync.consecutiveFailures} + 1`, leaseUntil: null, updatedAt: sql`now()` })
    .where(eq(accountSync.accountId, accountId))
    .returning();
  return row;
}

export async function markNotified(ex: Executor, accountId: string, now: Date) {
  await ex.update(accountSync).set({ failureNotifiedAt: now }).where(eq(accountSync.accountId, accountId));
}

export async function statesOf(ex: Executor, workspaceId: string): Promise<SyncState[]> {
  return ex.select().from(accountSync).where(eq(accountSync.workspaceId, workspaceId));
}
