import { and, asc, desc, eq, inArray, isNull, notInArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { CreatePostBody, UpdatePostBody, VariantBody } from '../../../../contract/content';
import type { Deps } from '../../context';
import { paged } from '../../lib/paging';
import type { Executor, Tx } from '../../db/pool';
import { AppError, notFound } from '../../lib/errors';
import { sanitizeArticleHtml } from '../../lib/sanitize-html';
import { isoOr } from '../../lib/time';
import { platformAccounts } from '../accounts/tables';
import { type Actor, audit } from '../identity/audit';
import { assertCan } from '../identity/roles';
import { assertMember, memberName, memberNameOf } from '../identity/membership';
import { publicationsOfPosts } from '../publishing/repository';
import { syncPublications } from '../publishing/schedule';
import { indexPost } from '../risk/archive';
import { pillarKnown } from '../strategy/service';
import * as repo from './repository';
import { media, postComments, postVariants, postVersions, posts, topics } from './tables';
import { checkVariantRefs } from './variants';

export const POST = { zh: '稿件', en: 'Post' };
const CONTENT_FIELDS = ['title', 'author', 'digest', 'bodyHtml', 'coverMediaId', 'contentSourceUrl'] as const;

export async function loadPost(tx: Executor, actor: Actor, id: string, lock = false) {
  const row = await repo.findPost(tx, actor.workspaceId, id, lock);
  if (!row) throw notFound(POST);
  return row;
}

/** Every id a post refers to must belong to the caller's workspace. */
async function checkRefs(
  tx: Executor,
  actor: Actor,
  b: { coverMediaId?: string | null; topicId?: string | null; pillarId?: string | null; ownerId?: string; accountIds?: string[] },
) {
  const bad = (zh: string, en: string) => new AppError('validation_failed', { zh, en });
  if (b.coverMediaId) {
    const [m] = await tx
      .select({ t: media.contentType })
      .from(media)
      .where(and(eq(media.id, b.coverMediaId), eq(media.workspaceId, actor.workspaceId)));
    if (!m) throw bad('封面素材不存在', 'The cover image does not exist');
    if (!m.t.startsWith('image/')) throw bad('封面必须是图片', 'The cover must be an image');
  }
  if (b.topicId) {
    const [t] = await tx
      .select({ id: topics.id })
      .from(topics)
      .where(and(eq(topics.id, b.topicId), eq(topics.workspaceId, actor.workspaceId)));
    if (!t) throw bad('选题不存在', 'The topic does not exist');
  }
  if (b.pillarId && !(await pillarKnown(tx, actor.workspaceId, b.pillarId))) throw bad('内容支柱不存在', 'The content pillar does not exist');
  if (b.ownerId) await assertMember(tx, actor.workspaceId, b.ownerId, { zh: '负责人', en: 'The owner' });
  if (b.accountIds?.length) {
    const found = await tx
      .select({ id: platformAccounts.id })
      .from(platformAccounts)
      .where(and(inArray(platformAccounts.id, b.accountIds), eq(platformAccounts.workspaceId, actor.workspaceId), isNull(platformAccounts.archivedAt)));
    if (found.length !== new Set(b.accountIds).size) throw bad('目标账号不存在', 'A target account does not exist');
  }
}

async function setTargets(tx: Tx, post: repo.PostRow, accountIds: string[]) {
  const ids = [...new Set(accountIds)];
  await tx.delete(postVariants).where(and(eq(postVariants.postId, post.id), ids.length ? notInArray(postVariants.accountId, ids) : undefined));
  if (ids.length) {
    await tx
      .insert(postVariants)
      .values(ids.map((accountId) => ({ postId: post.id, accountId, workspaceId: post.workspaceId })))
      .onConflictDoNothing();
  }
}

async function snapshot(tx: Executor, post: repo.PostRow, userId: string) {
  const snap = Object.fromEntries(CONTENT_FIELDS.map((k) => [k, post[k]]));
  await tx.insert(postVersions).values({ postId: post.id, workspaceId: post.workspaceId, version: post.version, snapshot: snap, createdBy: userId });
}

export async function listPosts(deps: Deps, actor: Actor, q: repo.PostFilter & { page: number; pageSize: number }) {
  const where = repo.postWhere(actor.workspaceId, q);
  return paged(
    q,
    (limit, offset) => deps.db.select().from(posts).where(where).orderBy(desc(posts.updatedAt)).limit(limit).offset(offset),
    deps.db.select({ n: sql<number>`count(*)::int` }).from(posts).where(where),
    (rows) => repo.postViews(deps.db, rows),
  );
}

export async function getPost(deps: Deps, actor: Actor, id: string) {
  return repo.postDetail(deps.db, await loadPost(deps.db, actor, id));
}

/**
 * These posts of the workspace with their publications, for other modules' lists: two queries
 * whatever the number. A post that is gone (or another workspace's) is left out.
 */
export async function postsWithPublications(ex: Executor, workspaceId: string, ids: string[]) {
  if (!ids.length) return [];
  const rows = await ex
    .select({ id: posts.id, title: posts.title, status: posts.status, scheduledAt: posts.scheduledAt })
    .from(posts)
    .where(and(eq(posts.workspaceId, workspaceId), inArray(posts.id, [...new Set(ids)])));
  const pubs = await publicationsOfPosts(
    ex,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...r, scheduledAt: r.scheduledAt?.toISOString() ?? null, publications: pubs.get(r.id) ?? [] }));
}

export async function createPost(deps: Deps, actor: Actor, body: z.infer<typeof CreatePostBody>) {
  assertCan(actor.role, 'content.write');
  const { accountIds, ...fields } = body;
  if (fields.bodyHtml !== undefined) fields.bodyHtml = sanitizeArticleHtml(fields.bodyHtml);
  return deps.db.transaction(async (tx) => {
    await checkRefs(tx, actor, body);
    const [row] = await tx
      .insert(posts)
      .values({ ...fields, workspaceId: actor.workspaceId, ownerId: body.ownerId ?? actor.userId, createdBy: actor.userId })
      .returning();
    await setTargets(tx, row, accountIds ?? []);
    await snapshot(tx, row, actor.userId);
    await indexPost(deps, tx, row);
    await audit(tx, actor, { action: 'post.create', entityType: 'post', entityId: row.id, after: { title: row.title, accountIds } });
    return repo.postDetail(tx, row);
  });
}

export async function updatePost(deps: Deps, actor: Actor, id: string, body: z.infer<typeof UpdatePostBody>) {
  assertCan(actor.role, 'content.write');
  const { accountIds, expectedVersion, ...fields } = body;
  if (fields.bodyHtml !== undefined) fields.bodyHtml = sanitizeArticleHtml(fields.bodyHtml);
  return deps.db.transaction(async (tx) => {
    const before = await loadPost(tx, actor, id, true);
    if (expectedVersion !== undefined && expectedVersion !== before.version) {
      throw new AppError('conflict', {
        zh: `稿件已被他人修改（当前版本 ${before.version}），请刷新后再改`,
        en: `The post was changed by someone else (now version ${before.version}); reload and edit again`,
      });
    }
    await checkRefs(tx, actor, body);
    const contentChanged = CONTENT_FIELDS.some((k) => k in fields && fields[k] !== before[k]);
    const targetsChanged = accountIds !== undefined;
    const set: Partial<repo.PostRow> & Record<string, unknown> = { ...fields, updatedAt: sql`now()` as never };
    if (contentChanged || targetsChanged) {
      // Editing resets approval: earlier decisions were on another version.
      set.version = before.version + 1;
      if (before.status === 'approved') set.status = 'draft';
    }
    const [row] = await tx.update(posts).set(set).where(eq(posts.id, id)).returning();
    if (targetsChanged) await setTargets(tx, row, accountIds);
    if (contentChanged || targetsChanged) await snapshot(tx, row, actor.userId);
    if (contentChanged || targetsChanged) await indexPost(deps, tx, row);
    if (targetsChanged && row.scheduledAt) await syncPublications(tx, row, actor);
    await audit(tx, actor, {
      action: 'post.update',
      entityType: 'post',
      entityId: id,
      before: Object.fromEntries(Object.keys(fields).map((k) => [k, before[k as keyof repo.PostRow]])),
      after: { ...fields, accountIds, version: row.version, status: row.status },
    });
    return repo.postDetail(tx, row);
  });
}

export async function deletePost(deps: Deps, actor: Actor, id: string) {
  assertCan(actor.role, 'content.write');
  await deps.db.transaction(async (tx) => {
    const row = await loadPost(tx, actor, id, true);
    const live = await tx.execute(sql`select 1 from publications where post_id = ${id} and state in ('dispatching','submitted','published') limit 1`);
    if (live.rows.length) {
      throw new AppError('invalid_state', { zh: '稿件正在发布或已发布，不能删除', en: 'The post is being published or was published; it cannot be deleted' });
    }
    await tx.delete(posts).where(eq(posts.id, id));
    await audit(tx, actor, { action: 'post.delete', entityType: 'post', entityId: id, before: { title: row.title, status: row.status } });
  });
}

export async function putVariant(deps: Deps, actor: Actor, postId: string, accountId: string, input: z.infer<typeof VariantBody>) {
  assertCan(actor.role, 'content.write');
  const body = typeof input.bodyHtml === 'string' ? { ...input, bodyHtml: sanitizeArticleHtml(input.bodyHtml) } : input;
  return deps.db.transaction(async (tx) => {
    const post = await loadPost(tx, actor, postId, true);
    const [v] = await tx
      .select()
      .from(postVariants)
      .where(and(eq(postVariants.postId, postId), eq(postVariants.accountId, accountId)));
    if (!v) throw notFound({ zh: '该稿件的目标账号', en: 'Target account of this post' });
    await checkVariantRefs(tx, actor.workspaceId, body);
    await tx.update(postVariants).set(body).where(eq(postVariants.id, v.id));
    const [row] = await tx
      .update(posts)
      .set({ version: post.version + 1, status: post.status === 'approved' ? 'draft' : post.status, updatedAt: sql`now()` })
      .where(eq(posts.id, postId))
      .returning();
    await audit(tx, actor, {
      action: 'post.variant',
      entityType: 'post',
      entityId: postId,
      before: { accountId, title: v.title, digest: v.digest, text: v.text },
      after: { accountId, ...body },
    });
    return repo.postDetail(tx, row);
  });
}

export async function listVersions(deps: Deps, actor: Actor, postId: string) {
  await loadPost(deps.db, actor, postId);
  const rows = await deps.db
    .select({ v: postVersions, name: memberName(postVersions.workspaceId, postVersions.createdBy) })
    .from(postVersions)
    .where(eq(postVersions.postId, postId))
    .orderBy(desc(postVersions.version));
  return rows.map(({ v, name }) => ({ version: v.version, snapshot: v.snapshot, createdBy: v.createdBy, createdByName: name ?? '', at: isoOr(v.createdAt) }));
}

export async function listComments(deps: Deps, actor: Actor, postId: string) {
  await loadPost(deps.db, actor, postId);
  const rows = await deps.db
    .select({ c: postComments, authorName: memberName(postComments.workspaceId, postComments.authorId) })
    .from(postComments)
    .where(eq(postComments.postId, postId))
    .orderBy(asc(postComments.createdAt));
  return rows.map(({ c, authorName }) => ({ id: c.id, authorId: c.authorId, authorName: authorName ?? '', body: c.body, at: isoOr(c.createdAt) }));
}

export async function addComment(deps: Deps, actor: Actor, postId: string, body: string) {
  assertCan(actor.role, 'content.comment');
  return deps.db.transaction(async (tx) => {
    await loadPost(tx, actor, postId);
    const [c] = await tx.insert(postComments).values({ postId, workspaceId: actor.workspaceId, authorId: actor.userId, body }).returning();
    await audit(tx, actor, { action: 'post.comment', entityType: 'post', entityId: postId, after: { body } });
    const authorName = (await memberNameOf(tx, actor.workspaceId, actor.userId)) ?? '';
    return { id: c.id, authorId: c.authorId, authorName, body: c.body, at: isoOr(c.createdAt) };
  });
}
