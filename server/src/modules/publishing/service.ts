import { and, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Deps } from '../../context';
import type { Tx } from '../../db/pool';
import { paged } from '../../lib/paging';
import { AppError, notFound } from '../../lib/errors';
import { platformAccounts } from '../accounts/tables';
import { posts } from '../content/tables';
import { type Actor, audit } from '../identity/audit';
import { assertCan } from '../identity/roles';
import { workspaces } from '../identity/tables';
import { workspaceView } from '../identity/service';
import { notify } from '../notify/service';
import { attemptsOf, publicationView } from './repository';
import { RESTART } from './schedule';
import { publications } from './tables';

const PUB = { zh: '发布任务', en: 'Publication' };
const RETRYABLE = ['failed', 'missed', 'expired', 'paused'];

export async function listPublications(deps: Deps, actor: Actor, q: { state?: string; accountId?: string; postId?: string; page: number; pageSize: number }) {
  const where = and(
    eq(publications.workspaceId, actor.workspaceId),
    q.state ? eq(publications.state, q.state) : sql`${publications.state} <> 'canceled'`,
    q.accountId ? eq(publications.accountId, q.accountId) : undefined,
    q.postId ? eq(publications.postId, q.postId) : undefined,
  );
  return paged(
    q,
    (limit, offset) =>
      deps.db
        .select({ p: publications, accountName: platformAccounts.name, postTitle: posts.title })
        .from(publications)
        .innerJoin(platformAccounts, eq(platformAccounts.id, publications.accountId))
        .innerJoin(posts, eq(posts.id, publications.postId))
        .where(where)
        .orderBy(desc(publications.dueAt))
        .limit(limit)
        .offset(offset),
    deps.db.select({ n: sql<number>`count(*)::int` }).from(publications).where(where),
    (rows) => rows.map((r) => publicationView(r.p, r.accountName, r.postTitle)),
  );
}

export async function getPublication(deps: Deps, actor: Actor, id: string) {
  const [r] = await deps.db
    .select({ p: publications, accountName: platformAccounts.name, postTitle: posts.title })
    .from(publications)
    .innerJoin(platformAccounts, eq(platformAccounts.id, publications.accountId))
    .innerJoin(posts, eq(posts.id, publications.postId))
    .where(and(eq(publications.id, id), eq(publications.workspaceId, actor.workspaceId)));
  if (!r) throw notFound(PUB);
  return { ...publicationView(r.p, r.accountName, r.postTitle), attempts: await attemptsOf(deps.db, id) };
}

/** The workspace's publication, locked for the change a person asks for. */
export async function lockPublication(tx: Tx, actor: Actor, id: string) {
  const [p] = await tx
    .select()
    .from(publications)
    .where(and(eq(publications.id, id), eq(publications.workspaceId, actor.workspaceId)))
    .for('update');
  if (!p) throw notFound(PUB);
  return p;
}

export async function namedView(tx: Tx, row: typeof publications.$inferSelect) {
  const [names] = await tx
    .select({ account: platformAccounts.name, post: posts.title })
    .from(platformAccounts)
    .innerJoin(posts, eq(posts.id, row.postId))
    .where(eq(platformAccounts.id, row.accountId));
  return publicationView(row, names.account, names.post);
}

/**
 * Sends a publication that did not go out again, now. A needs_attention one is refused:
 * its submit may have gone through, and a person must check the account first.
 */
export async function retryPublication(deps: Deps, actor: Actor, id: string) {
  assertCan(actor.role, 'publishing.control');
  return deps.db.transaction(async (tx) => {
    const p = await lockPublication(tx, actor, id);
    if (!RETRYABLE.includes(p.state)) {
      throw new AppError('invalid_state', {
        zh: `发布任务处于 ${p.state} 状态，不能重试`,
        en: `The publication is ${p.state}; it cannot be retried`,
      });
    }
    const [row] = await tx
      .update(publications)
      .set({ ...RESTART, dueAt: sql`now()`, updatedAt: sql`now()` })
      .where(eq(publications.id, id))
      .returning();
    await audit(tx, actor, { action: 'publication.retry', entityType: 'publication', entityId: id, before: { state: p.state }, after: { state: 'scheduled' } });
    return namedView(tx, row);
  });
}

/** The crisis button: nothing more is dispatched in this workspace until someone resumes. */
export async function pause(deps: Deps, actor: Actor, reason: string) {
  assertCan(actor.role, 'publishing.control');
  return deps.db.transaction(async (tx) => {
    const [ws] = await tx
      .update(workspaces)
      .set({ paused: true, pausedAt: sql`now()`, pausedBy: actor.userId, pauseReason: reason || null })
      .where(eq(workspaces.id, actor.workspaceId))
      .returning();
    const held = await tx
      .update(publications)
      .set({ state: 'paused', stateReason: `暂停发布 / publishing paused${reason ? `: ${reason}` : ''}`, updatedAt: sql`now()` })
      .where(and(eq(publications.workspaceId, actor.workspaceId), eq(publications.state, 'scheduled')))
      .returning({ id: publications.id });
    await audit(tx, actor, { action: 'workspace.pause', entityType: 'workspace', entityId: ws.id, after: { reason, held: held.length } });
    return workspaceView(ws);
  });
}

export async function resume(deps: Deps, actor: Actor) {
  assertCan(actor.role, 'publishing.control');
  return deps.db.transaction(async (tx) => {
    const [ws] = await tx
      .update(workspaces)
      .set({ paused: false, pausedAt: null, pausedBy: null, pauseReason: null })
      .where(eq(workspaces.id, actor.workspaceId))
      .returning();
    // Overdue ones are then judged by the dispatcher: sent if within the window, else missed.
    const released = await tx
      .update(publications)
      .set({ state: 'scheduled', stateReason: null, updatedAt: sql`now()` })
      .where(and(eq(publications.workspaceId, actor.workspaceId), inArray(publications.state, ['paused'])))
      .returning({ id: publications.id });
    await audit(tx, actor, { action: 'workspace.resume', entityType: 'workspace', entityId: ws.id, after: { released: released.length } });
    return workspaceView(ws);
  });
}

/**
 * An archived account publishes nothing more: its publications that have not started their
 * submit are canceled, and each post's owner is told. Those already submitted finish and are
 * recorded. Runs in the caller's transaction (accounts/service.ts archive).
 */
export async function cancelForArchivedAccount(deps: Deps, tx: Tx, account: { id: string; name: string; workspaceId: string }) {
  const rows = await tx
    .update(publications)
    .set({
      state: 'canceled',
      stateReason: '账号已归档，未发出的发布已取消 / the account was archived; what had not gone out was canceled',
      updatedAt: sql`now()`,
    })
    .where(
      and(
        eq(publications.accountId, account.id),
        or(
          inArray(publications.state, ['scheduled', 'paused', 'expired', 'missed', 'failed']),
          and(eq(publications.state, 'dispatching'), isNull(publications.submitStartedAt)),
        ),
      ),
    )
    .returning({ postId: publications.postId, dueAt: publications.dueAt });
  if (!rows.length) return 0;
  const owned = await tx
    .select({ ownerId: posts.ownerId, title: posts.title, id: posts.id })
    .from(posts)
    .where(
      inArray(
        posts.id,
        rows.map((r) => r.postId),
      ),
    );
  const byOwner = new Map<string, { title: string; id: string }[]>();
  for (const p of owned) byOwner.set(p.ownerId, [...(byOwner.get(p.ownerId) ?? []), p]);
  for (const [ownerId, list] of byOwner) {
    const titles = list.map((p) => `「${p.title}」`).join('、');
    await notify(
      deps,
      {
        workspaceId: account.workspaceId,
        kind: 'publication.canceled',
        severity: 'warning',
        title: {
          zh: `账号「${account.name}」已归档，${list.length} 个发布已取消`,
          en: `Account "${account.name}" was archived: ${list.length} publication(s) canceled`,
        },
        body: {
          zh: `已取消：${titles}。如需发布，请换一个账号重新排期。`,
          en: `Canceled: ${list.map((p) => `"${p.title}"`).join(', ')}. Schedule them on another account to publish them.`,
        },
        link: list.length === 1 ? `/posts/${list[0].id}` : '/publications?state=canceled',
        userIds: [ownerId],
        webhooks: false,
      },
      tx,
    );
  }
  return rows.length;
}

/**
 * A person's answer for a publication whose outcome the platform could not confirm
 * (needs_attention): it is there (published, with its link if known), or it is not and may be
 * sent again.
 */
export async function resolvePublication(deps: Deps, actor: Actor, id: string, body: { outcome: 'published' | 'not_published'; url?: string | null }) {
  assertCan(actor.role, 'publishing.control');
  return deps.db.transaction(async (tx) => {
    const p = await lockPublication(tx, actor, id);
    if (p.state !== 'needs_attention') {
      throw new AppError('invalid_state', {
        zh: `发布任务处于 ${p.state} 状态，只有「需要核对」的才能这样处理`,
        en: `The publication is ${p.state}; only one that needs attention can be resolved this way`,
      });
    }
    const [row] =
      body.outcome === 'published'
        ? await tx
            .update(publications)
            .set({
              state: 'published',
              articleUrl: body.url ?? p.articleUrl,
              publishedAt: sql`coalesce(${publications.publishedAt}, now())`,
              stateReason: '已人工确认发布 / confirmed published by a person',
              updatedAt: sql`now()`,
            })
            .where(eq(publications.id, id))
            .returning()
        : await tx
            .update(publications)
            .set({
              ...RESTART,
              dueAt: sql`now()`,
              stateReason: '已人工确认未发出，重新发送 / confirmed not published by a person; sending again',
              updatedAt: sql`now()`,
            })
            .where(eq(publications.id, id))
            .returning();
    await audit(tx, actor, {
      action: `publication.resolve.${body.outcome}`,
      entityType: 'publication',
      entityId: id,
      before: { state: p.state, reason: p.stateReason },
      after: { state: row.state, url: row.articleUrl },
    });
    return namedView(tx, row);
  });
}
