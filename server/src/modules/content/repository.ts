import { and, asc, desc, eq, gte, ilike, inArray, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/pool';
import { contains } from '../../lib/sql';
import { iso, isoOr } from '../../lib/time';
import { platformAccounts } from '../accounts/tables';
import { memberName, memberNames } from '../identity/membership';
import { publicationsOfPosts } from '../publishing/repository';
import { approvals, postVariants, posts } from './tables';
import { usedMedia, variantViews } from './variants';

export type PostRow = typeof posts.$inferSelect;

export async function findPost(tx: Executor, workspaceId: string, id: string, lock = false) {
  const q = tx
    .select()
    .from(posts)
    .where(and(eq(posts.id, id), eq(posts.workspaceId, workspaceId)));
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
}

/** Approvals a post needs: the strictest of its accounts (0 means no review needed), at least 1 with no account. */
export async function approvalsNeeded(tx: Executor, postId: string) {
  const r = await tx
    .select({ n: sql<number | null>`max(${platformAccounts.approvalSteps})::int` })
    .from(postVariants)
    .innerJoin(platformAccounts, eq(platformAccounts.id, postVariants.accountId))
    .where(eq(postVariants.postId, postId));
  return r[0]?.n ?? 1;
}

/** Builds the API view of many posts with a fixed number of queries. */
export async function postViews(tx: Executor, rows: PostRow[]) {
  const ids = rows.map((r) => r.id);
  if (!ids.length) return [];
  // Sequential on purpose: `tx` may be a transaction, which is one connection.
  const variants = await tx
    .select({ postId: postVariants.postId, accountId: postVariants.accountId, steps: platformAccounts.approvalSteps })
    .from(postVariants)
    .innerJoin(platformAccounts, eq(platformAccounts.id, postVariants.accountId))
    .where(inArray(postVariants.postId, ids))
    .orderBy(asc(platformAccounts.name));
  const appr = await tx
    .select({ postId: approvals.postId, version: approvals.postVersion, reviewerId: approvals.reviewerId, decision: approvals.decision })
    .from(approvals)
    .where(inArray(approvals.postId, ids));
  const ownerName = new Map<string, string>();
  for (const ws of new Set(rows.map((r) => r.workspaceId))) {
    const names = await memberNames(
      tx,
      ws,
      rows.filter((r) => r.workspaceId === ws).map((r) => r.ownerId),
    );
    for (const [id, name] of names) ownerName.set(id, name);
  }
  return rows.map((p) => {
    const vs = variants.filter((v) => v.postId === p.id);
    const needed = vs.length ? Math.max(...vs.map((v) => v.steps)) : 1;
    const given = new Set(appr.filter((a) => a.postId === p.id && a.version === p.version && a.decision === 'approved').map((a) => a.reviewerId)).size;
    return {
      id: p.id,
      title: p.title,
      author: p.author,
      digest: p.digest,
      bodyHtml: p.bodyHtml,
      coverMediaId: p.coverMediaId,
      contentSourceUrl: p.contentSourceUrl,
      topicId: p.topicId,
      pillarId: p.pillarId,
      format: p.format as never,
      status: p.status as never,
      scheduledAt: iso(p.scheduledAt),
      version: p.version,
      ownerId: p.ownerId,
      ownerName: ownerName.get(p.ownerId) ?? '',
      createdBy: p.createdBy,
      accountIds: vs.map((v) => v.accountId),
      approvalsNeeded: needed,
      approvalsGiven: given,
      updatedAt: isoOr(p.updatedAt),
    };
  });
}

export async function postDetail(tx: Executor, row: PostRow) {
  const [view] = await postViews(tx, [row]);
  const variants = await variantViews(tx, row.id);
  const appr = await tx
    .select({ a: approvals, reviewerName: memberName(approvals.workspaceId, approvals.reviewerId) })
    .from(approvals)
    .where(eq(approvals.postId, row.id))
    .orderBy(desc(approvals.createdAt));
  const pubs = await publicationsOfPosts(tx, [row.id]);
  return {
    ...view,
    variants,
    media: await usedMedia(tx, row.workspaceId, row, variants),
    approvals: appr.map(({ a, reviewerName }) => ({
      reviewerId: a.reviewerId,
      reviewerName: reviewerName ?? '',
      decision: a.decision as 'approved' | 'rejected',
      comment: a.comment,
      postVersion: a.postVersion,
      at: isoOr(a.createdAt),
    })),
    publications: pubs.get(row.id) ?? [],
  };
}

export interface PostFilter {
  status?: string;
  accountId?: string;
  ownerId?: string;
  q?: string;
  from?: string;
  to?: string;
}

export function postWhere(workspaceId: string, f: PostFilter) {
  return and(
    eq(posts.workspaceId, workspaceId),
    f.status ? eq(posts.status, f.status) : undefined,
    f.ownerId ? eq(posts.ownerId, f.ownerId) : undefined,
    f.q ? or(ilike(posts.title, contains(f.q)), ilike(posts.digest, contains(f.q))) : undefined,
    f.from ? gte(posts.scheduledAt, new Date(f.from)) : undefined,
    f.to ? lt(posts.scheduledAt, new Date(f.to)) : undefined,
    f.accountId ? sql`exists (select 1 from ${postVariants} v where v.post_id = ${posts.id} and v.account_id = ${f.accountId})` : undefined,
  );
}

/**
 * The posts with a scheduled time in [from, to) (scheduled or already published), optionally only
 * those going to one account: what the strategy module measures the real mix on.
 */
export async function scheduledPosts(ex: Executor, workspaceId: string, from: Date, to: Date, accountId?: string) {
  const rows = await ex
    .select({ id: posts.id, pillarId: posts.pillarId, format: posts.format, scheduledAt: posts.scheduledAt })
    .from(posts)
    .where(postWhere(workspaceId, { from: from.toISOString(), to: to.toISOString(), accountId }));
  if (!rows.length) return [];
  const targets = await ex
    .select({ postId: postVariants.postId, accountId: postVariants.accountId })
    .from(postVariants)
    .where(
      inArray(
        postVariants.postId,
        rows.map((r) => r.id),
      ),
    );
  return rows.map((r) => ({ ...r, accountIds: targets.filter((t) => t.postId === r.id).map((t) => t.accountId) }));
}

/** Every review decision on these posts, oldest first (team scorecards count the rounds before approval). */
export async function decisionsOf(tx: Executor, workspaceId: string, postIds: string[]) {
  if (!postIds.length) return [];
  return tx
    .select({ id: approvals.id, postId: approvals.postId, decision: approvals.decision, createdAt: approvals.createdAt })
    .from(approvals)
    .where(and(eq(approvals.workspaceId, workspaceId), inArray(approvals.postId, postIds)))
    .orderBy(asc(approvals.createdAt), asc(approvals.id));
}
