import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/pool';
import { iso, isoOr } from '../../lib/time';
import { platformAccounts } from '../accounts/tables';
import { posts } from '../content/tables';
import { publications, publishAttempts } from './tables';

export type PublicationRow = typeof publications.$inferSelect;

export const publicationView = (p: PublicationRow, accountName: string, postTitle: string) => ({
  id: p.id,
  postId: p.postId,
  postTitle,
  accountId: p.accountId,
  accountName,
  dueAt: isoOr(p.dueAt),
  delivery: { mode: p.delivery.mode === 'mass_send' ? ('mass_send' as const) : ('publish' as const), tagId: typeof p.delivery.tagId === 'number' ? p.delivery.tagId : null },
  state: p.state as never,
  stateReason: p.stateReason,
  attemptCount: p.attemptCount,
  lastErrorCode: p.lastErrorCode,
  articleUrl: p.articleUrl,
  submittedAt: iso(p.submittedAt),
  publishedAt: iso(p.publishedAt),
  overdue: p.state === 'awaiting_manual' && p.escalatedAt !== null,
  updatedAt: isoOr(p.updatedAt),
});

export async function publicationsOfPosts(tx: Executor, postIds: string[]) {
  if (!postIds.length) return new Map<string, ReturnType<typeof publicationView>[]>();
  const rows = await tx
    .select({ p: publications, accountName: platformAccounts.name, postTitle: posts.title })
    .from(publications)
    .innerJoin(platformAccounts, eq(platformAccounts.id, publications.accountId))
    .innerJoin(posts, eq(posts.id, publications.postId))
    .where(and(inArray(publications.postId, postIds), sql`${publications.state} <> 'canceled'`))
    .orderBy(asc(platformAccounts.name));
  const map = new Map<string, ReturnType<typeof publicationView>[]>();
  for (const r of rows) map.set(r.p.postId, [...(map.get(r.p.postId) ?? []), publicationView(r.p, r.accountName, r.postTitle)]);
  return map;
}

export async function attemptsOf(tx: Executor, publicationId: string) {
  const rows = await tx.select().from(publishAttempts).where(eq(publishAttempts.publicationId, publicationId)).orderBy(desc(publishAttempts.id)).limit(200);
  return rows.map((a) => ({ step: a.step, outcome: a.outcome, errorCode: a.errorCode, message: a.message, durationMs: a.durationMs, at: isoOr(a.at) }));
}
