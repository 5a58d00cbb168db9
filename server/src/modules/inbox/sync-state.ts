// The per-account comment sync state (inbox_sync): the run's lease, each post's cursor, and the
// outcome of the last run.
import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/pool';
import { inboxSync } from './tables';

export type InboxSyncState = typeof inboxSync.$inferSelect;

/** Takes the account for one run until `until`, or null when another run holds it. */
export async function takeLease(ex: Executor, workspaceId: string, accountId: string, now: Date, until: Date): Promise<InboxSyncState | null> {
  await ex.insert(inboxSync).values({ accountId, workspaceId }).onConflictDoNothing();
  const [row] = await ex
    .update(inboxSync)
    .set({ leaseUntil: until, lastAttemptAt: now, updatedAt: sql`now()` })
    .where(and(eq(inboxSync.accountId, accountId), sql`(${inboxSync.leaseUntil} is null or ${inboxSync.leaseUntil} < ${now})`))
    .returning();
  return row ?? null;
}

/** Where the next read of one post starts (null: from the start). Called in the page's transaction. */
export async function saveCursor(ex: Executor, accountId: string, publicationId: string, cursor: string | null) {
  const cursors =
    cursor === null
      ? sql`${inboxSync.cursors} - ${publicationId}::text`
      : sql`${inboxSync.cursors} || jsonb_build_object(${publicationId}::text, ${cursor}::text)`;
  await ex.update(inboxSync).set({ cursors, updatedAt: sql`now()` }).where(eq(inboxSync.accountId, accountId));
}

/**
 * Every post is read from the start from now on: the cursors are cleared and the time noted
 * first, so a run that stops midway resumes the full read where it stopped.
 */
export async function startFullRead(ex: Executor, accountId: string, now: Date) {
  await ex.update(inboxSync).set({ cursors: {}, fullReadAt: now, updatedAt: sql`now()` }).where(eq(inboxSync.accountId, accountId));
}

/** A run done: the cursors of posts outside the window dropped. */
export async function markSucceeded(ex: Executor, accountId: string, now: Date, keep: string[]) {
  await ex
    .update(inboxSync)
    .set({
      lastSyncedAt: now,
      lastError: null,
      consecutiveFailures: 0,
      failureNotifiedAt: null,
      leaseUntil: null,
      cursors: sql`coalesce((select jsonb_object_agg(key, value) from jsonb_each(${inboxSync.cursors}) where key = any(${sql.param(keep)}::text[])), '{}'::jsonb)`,
      updatedAt: sql`now()`,
    })
    .where(eq(inboxSync.accountId, accountId));
}

/** Records a failed run; answers the state after it. */
export async function markFailed(ex: Executor, accountId: string, error: string): Promise<InboxSyncState | undefined> {
  const [row] = await ex
    .update(inboxSync)
    .set({ lastError: error.slice(0, 1000), consecutiveFailures: sql`${inboxSync.consecutiveFailures} + 1`, leaseUntil: null, updatedAt: sql`now()` })
    .where(eq(inboxSync.accountId, accountId))
    .returning();
  return row;
}

export async function markNotified(ex: Executor, accountId: string, now: Date) {
  await ex.update(inboxSync).set({ failureNotifiedAt: now }).where(eq(inboxSync.accountId, accountId));
}

export async function statesOf(ex: Executor, workspaceId: string): Promise<InboxSyncState[]> {
  return ex.select().from(inboxSync).where(eq(inboxSync.workspaceId, workspaceId));
}
