import { and, desc, eq, ilike, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { TopicBody, UpdateTopicBody } from '../../../../contract/content';
import type { Deps } from '../../context';
import { paged } from '../../lib/paging';
import type { Executor } from '../../db/pool';
import { notFound } from '../../lib/errors';
import { contains } from '../../lib/sql';
import { isoOr } from '../../lib/time';
import { type Actor, audit } from '../identity/audit';
import { assertMember, memberName, memberNameOf } from '../identity/membership';
import { assertCan } from '../identity/roles';
import { topics } from './tables';

const TOPIC = { zh: '选题', en: 'Topic' };
type Row = typeof topics.$inferSelect;
const view = (t: Row, ownerName: string | null = null) => ({
  id: t.id,
  title: t.title,
  notes: t.notes,
  tags: t.tags,
  status: t.status as never,
  ownerId: t.ownerId,
  ownerName,
  createdAt: isoOr(t.createdAt),
});

const OWNER = { zh: '负责人', en: 'The owner' };

const viewWithOwner = async (tx: Executor, t: Row) => view(t, await memberNameOf(tx, t.workspaceId, t.ownerId));

export async function listTopics(deps: Deps, actor: Actor, q: { status?: string; q?: string; page: number; pageSize: number }) {
  const where = and(
    eq(topics.workspaceId, actor.workspaceId),
    q.status ? eq(topics.status, q.status) : undefined,
    q.q ? ilike(topics.title, contains(q.q)) : undefined,
  );
  return paged(
    q,
    (limit, offset) =>
      deps.db
        .select({ t: topics, ownerName: memberName(topics.workspaceId, topics.ownerId) })
        .from(topics)
        .where(where)
        .orderBy(desc(topics.createdAt))
        .limit(limit)
        .offset(offset),
    deps.db.select({ n: sql<number>`count(*)::int` }).from(topics).where(where),
    (rows) => rows.map((r) => view(r.t, r.ownerName)),
  );
}

export async function createTopic(deps: Deps, actor: Actor, body: z.infer<typeof TopicBody>) {
  assertCan(actor.role, 'content.write');
  return deps.db.transaction(async (tx) => {
    if (body.ownerId) await assertMember(tx, actor.workspaceId, body.ownerId, OWNER);
    const [row] = await tx
      .insert(topics)
      .values({ ...body, workspaceId: actor.workspaceId, createdBy: actor.userId, ownerId: body.ownerId ?? actor.userId })
      .returning();
    await audit(tx, actor, { action: 'topic.create', entityType: 'topic', entityId: row.id, after: view(row) });
    return viewWithOwner(tx, row);
  });
}

export async function updateTopic(deps: Deps, actor: Actor, id: string, body: z.infer<typeof UpdateTopicBody>) {
  assertCan(actor.role, 'content.write');
  return deps.db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(topics)
      .where(and(eq(topics.id, id), eq(topics.workspaceId, actor.workspaceId)));
    if (!before) throw notFound(TOPIC);
    if (body.ownerId) await assertMember(tx, actor.workspaceId, body.ownerId, OWNER);
    const [row] = await tx
      .update(topics)
      .set({ ...body, updatedAt: sql`now()` })
      .where(eq(topics.id, id))
      .returning();
    await audit(tx, actor, { action: 'topic.update', entityType: 'topic', entityId: id, before: view(before), after: view(row) });
    return viewWithOwner(tx, row);
  });
}

export async function deleteTopic(deps: Deps, actor: Actor, id: string) {
  assertCan(actor.role, 'content.write');
  await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .delete(topics)
      .where(and(eq(topics.id, id), eq(topics.workspaceId, actor.workspaceId)))
      .returning();
    if (!row) throw notFound(TOPIC);
    await audit(tx, actor, { action: 'topic.delete', entityType: 'topic', entityId: id, before: view(row) });
  });
}

/** Whether a topic exists in the workspace (for other modules that link to topics). */
export async function topicExists(ex: Executor, workspaceId: string, id: string) {
  const [row] = await ex
    .select({ id: topics.id })
    .from(topics)
    .where(and(eq(topics.id, id), eq(topics.workspaceId, workspaceId)));
  return Boolean(row);
}
