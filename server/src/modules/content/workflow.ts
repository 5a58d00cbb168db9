import { and, asc, desc, eq, gte, lt, or, sql } from 'drizzle-orm';
import type { Deps } from '../../context';
import { paged } from '../../lib/paging';
import { AppError } from '../../lib/errors';
import { type Actor, audit } from '../identity/audit';
import { assertCan } from '../identity/roles';
import { planLimits } from '../publishing/limits';
import { publicationsOfPosts } from '../publishing/repository';
import { type DeliveryChoice, syncPublications } from '../publishing/schedule';
import { publications } from '../publishing/tables';
import { gate } from '../risk/gate';
import { originalityWarning } from '../risk/originality-service';
import { loadPost } from './posts';
import * as repo from './repository';
import { approvals, posts } from './tables';
import { assertVariantsValid } from './variants';

const wrongState = (status: string, wantZh: string, wantEn: string) =>
  new AppError('invalid_state', { zh: `稿件当前状态为 ${status}，${wantZh}`, en: `The post is ${status}; ${wantEn}` });

export async function submitForReview(deps: Deps, actor: Actor, id: string) {
  assertCan(actor.role, 'content.write');
  return deps.db.transaction(async (tx) => {
    const post = await loadPost(tx, actor, id, true);
    if (post.status !== 'draft' && post.status !== 'changes_requested') throw wrongState(post.status, '只有草稿可以提交审核', 'only a draft can be submitted');
    // Each target account's variant must keep its platform's rules (warnings pass).
    await assertVariantsValid(tx, post);
    // Pre-publish screening: a blocking term stops the submit unless a manager overrode this version.
    await gate(tx, actor, post, 'submit');
    // Accounts that need no review (0 steps) approve on submit.
    const status = (await repo.approvalsNeeded(tx, id)) === 0 ? 'approved' : 'in_review';
    const [row] = await tx.update(posts).set({ status, updatedAt: sql`now()` }).where(eq(posts.id, id)).returning();
    await audit(tx, actor, {
      action: 'post.submit',
      entityType: 'post',
      entityId: id,
      before: { status: post.status },
      after: { status, version: row.version },
    });
    return { ...(await repo.postDetail(tx, row)), originalityWarning: await originalityWarning(tx, row) };
  });
}

export async function review(deps: Deps, actor: Actor, id: string, decision: 'approved' | 'rejected', comment: string) {
  assertCan(actor.role, 'content.review');
  return deps.db.transaction(async (tx) => {
    const post = await loadPost(tx, actor, id, true);
    if (post.createdBy === actor.userId || post.ownerId === actor.userId) {
      throw new AppError('forbidden', { zh: '不能审核自己的稿件', en: 'You cannot review your own post' });
    }
    if (post.status !== 'in_review') throw wrongState(post.status, '只有待审核的稿件可以审核', 'only a post in review can be reviewed');
    const [mine] = await tx
      .select()
      .from(approvals)
      .where(and(eq(approvals.postId, id), eq(approvals.postVersion, post.version), eq(approvals.reviewerId, actor.userId)));
    if (mine) throw new AppError('conflict', { zh: '你已审核过此版本', en: 'You have already reviewed this version' });
    if (decision === 'rejected' && !comment.trim()) {
      throw new AppError('validation_failed', { zh: '驳回时请写明原因', en: 'Say why when rejecting' });
    }
    if (decision === 'approved') await gate(tx, actor, post, 'approve');
    await tx.insert(approvals).values({ postId: id, workspaceId: actor.workspaceId, postVersion: post.version, reviewerId: actor.userId, decision, comment });
    let status = post.status;
    if (decision === 'rejected') status = 'changes_requested';
    else {
      const given = await tx
        .select({ n: sql<number>`count(distinct ${approvals.reviewerId})::int` })
        .from(approvals)
        .where(and(eq(approvals.postId, id), eq(approvals.postVersion, post.version), eq(approvals.decision, 'approved')));
      if (given[0].n >= (await repo.approvalsNeeded(tx, id))) status = 'approved';
    }
    const [row] = await tx.update(posts).set({ status, updatedAt: sql`now()` }).where(eq(posts.id, id)).returning();
    await audit(tx, actor, {
      action: `post.review.${decision}`,
      entityType: 'post',
      entityId: id,
      before: { status: post.status },
      after: { status, comment, version: post.version },
    });
    return repo.postDetail(tx, row);
  });
}

export async function schedule(deps: Deps, actor: Actor, id: string, at: string | null, deliveries?: Record<string, DeliveryChoice>) {
  assertCan(actor.role, 'content.write');
  const when = at ? new Date(at) : null;
  if (when && when.getTime() < Date.now() - 60_000) {
    throw new AppError('validation_failed', { zh: '发布时间不能早于现在', en: 'The publish time cannot be in the past' });
  }
  return deps.db.transaction(async (tx) => {
    const post = await loadPost(tx, actor, id, true);
    if (when && !(await repo.postViews(tx, [post]))[0].accountIds.length) {
      throw new AppError('validation_failed', { zh: '请先选择要发布的账号', en: 'Choose the accounts to publish to first' });
    }
    const [row] = await tx.update(posts).set({ scheduledAt: when, updatedAt: sql`now()` }).where(eq(posts.id, id)).returning();
    await syncPublications(tx, row, actor, deliveries);
    await audit(tx, actor, {
      action: when ? 'post.schedule' : 'post.unschedule',
      entityType: 'post',
      entityId: id,
      before: { scheduledAt: post.scheduledAt },
      after: { scheduledAt: when },
    });
    return { ...(await repo.postDetail(tx, row)), originalityWarning: when ? await originalityWarning(tx, row) : null };
  });
}

export async function reviewQueue(deps: Deps, actor: Actor, q: { page: number; pageSize: number }) {
  assertCan(actor.role, 'content.review');
  const where = and(
    eq(posts.workspaceId, actor.workspaceId),
    eq(posts.status, 'in_review'),
    sql`${posts.createdBy} <> ${actor.userId} and ${posts.ownerId} <> ${actor.userId}`,
    sql`not exists (select 1 from ${approvals} a where a.post_id = ${posts.id} and a.post_version = ${posts.version} and a.reviewer_id = ${actor.userId})`,
  );
  return paged(
    q,
    (limit, offset) => deps.db.select().from(posts).where(where).orderBy(asc(posts.scheduledAt), desc(posts.updatedAt)).limit(limit).offset(offset),
    deps.db.select({ n: sql<number>`count(*)::int` }).from(posts).where(where),
    (rows) => repo.postViews(deps.db, rows),
  );
}

/** Posts planned in [from, to): by their scheduled time or by any publication due then. */
export async function calendar(deps: Deps, actor: Actor, q: repo.PostFilter & { from: string; to: string }) {
  const from = new Date(q.from);
  const to = new Date(q.to);
  if (!(from < to) || to.getTime() - from.getTime() > 62 * 86400_000) {
    throw new AppError('validation_failed', { zh: '时间范围无效（最长 62 天）', en: 'Invalid range (at most 62 days)' });
  }
  const inRange = or(
    and(gte(posts.scheduledAt, from), lt(posts.scheduledAt, to)),
    sql`exists (select 1 from ${publications} p where p.post_id = ${posts.id} and p.state <> 'canceled' and p.due_at >= ${from.toISOString()} and p.due_at < ${to.toISOString()})`,
  );
  const rows = await deps.db
    .select()
    .from(posts)
    .where(and(repo.postWhere(actor.workspaceId, { ...q, from: undefined, to: undefined }), inRange))
    .orderBy(asc(posts.scheduledAt))
    .limit(2000);
  const [views, pubs, limits] = await Promise.all([
    repo.postViews(deps.db, rows),
    publicationsOfPosts(
      deps.db,
      rows.map((r) => r.id),
    ),
    planLimits(deps.db, actor.workspaceId, from, to),
  ]);
  return { items: views.map((v) => ({ ...v, publications: pubs.get(v.id) ?? [] })), limits };
}
