// Rows to API views: names through the identity module, the linked post's stage through the
// content module's service (published once any of its publications went out).
import type { z } from 'zod';
import type * as Q from '../../../../contract/requests';
import type { Deps } from '../../context';
import type { Executor } from '../../db/pool';
import { isoOr } from '../../lib/time';
import { postsWithPublications } from '../content/posts';
import type { Actor } from '../identity/audit';
import { departmentNames } from '../identity/departments';
import { memberNames } from '../identity/membership';
import type { requestEvents, requests, requestTypes } from './tables';

type Row = typeof requests.$inferSelect;
type LinkedPost = z.infer<typeof Q.LinkedPost>;

/** The posts by id as a request shows them; a post that is gone is left out. */
export async function linkedPosts(deps: Deps, actor: Actor, ids: (string | null)[]): Promise<Map<string, LinkedPost>> {
  const out = new Map<string, LinkedPost>();
  const found = await postsWithPublications(
    deps.db,
    actor.workspaceId,
    ids.filter((x): x is string => !!x),
  );
  for (const p of found) {
    const states = p.publications.map((x) => x.state as LinkedPost['states'][number]);
    const published = p.publications.filter((x) => x.state === 'published' && x.publishedAt).map((x) => x.publishedAt as string);
    out.set(p.id, {
      id: p.id,
      title: p.title,
      status: p.status as LinkedPost['status'],
      scheduledAt: p.scheduledAt,
      stage: states.includes('published') ? 'published' : states.includes('scheduled') ? 'scheduled' : (p.status as LinkedPost['stage']),
      publishedAt: published.sort()[0] ?? null,
      states,
    });
  }
  return out;
}

export async function requestViews(deps: Deps, actor: Actor, rows: Row[], types: Map<string, string>): Promise<z.infer<typeof Q.Request>[]> {
  const ws = actor.workspaceId;
  const people = await memberNames(
    deps.db,
    ws,
    rows.flatMap((r) => [r.requesterId, r.ownerId]),
  );
  const departments = await departmentNames(
    deps.db,
    ws,
    rows.map((r) => r.departmentId),
  );
  const posts = await linkedPosts(
    deps,
    actor,
    rows.map((r) => r.postId),
  );
  const now = Date.now();
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    typeId: r.typeId,
    typeName: types.get(r.typeId) ?? '',
    title: r.title,
    answers: r.answers,
    status: r.status as z.infer<typeof Q.RequestStatus>,
    declineReason: r.declineReason,
    requesterId: r.requesterId,
    requesterName: r.requesterId ? (people.get(r.requesterId) ?? null) : null,
    departmentId: r.departmentId,
    departmentName: r.departmentId ? (departments.get(r.departmentId) ?? null) : null,
    ownerId: r.ownerId,
    ownerName: r.ownerId ? (people.get(r.ownerId) ?? null) : null,
    dueAt: isoOr(r.dueAt),
    overdue: !['done', 'declined'].includes(r.status) && r.dueAt.getTime() < now,
    campaignId: r.campaignId,
    topicId: r.topicId,
    taskId: r.taskId,
    post: r.postId ? (posts.get(r.postId) ?? null) : null,
    createdAt: isoOr(r.createdAt),
    updatedAt: isoOr(r.updatedAt),
  }));
}

export const typeNames = (rows: (typeof requestTypes.$inferSelect)[]) => new Map(rows.map((t) => [t.id, t.name]));

export async function eventViews(ex: Executor, workspaceId: string, rows: (typeof requestEvents.$inferSelect)[]): Promise<z.infer<typeof Q.RequestEvent>[]> {
  const people = await memberNames(
    ex,
    workspaceId,
    rows.map((r) => r.actorId),
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as z.infer<typeof Q.RequestEvent>['kind'],
    fromStatus: r.fromStatus as z.infer<typeof Q.RequestStatus> | null,
    toStatus: r.toStatus as z.infer<typeof Q.RequestStatus> | null,
    text: r.text,
    actorId: r.actorId,
    actorName: r.actorId ? (people.get(r.actorId) ?? null) : null,
    at: isoOr(r.at),
  }));
}
