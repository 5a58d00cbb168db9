// Turning a request into the media team's work: a topic or a post through the content module's
// services, linked on the request (the post's stage shows on it; `GET /requests?postId=` leads
// back), or a task through the tasks module's service (for the request's owner, due when it is,
// linked back to the request).
import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type * as Q from '../../../../contract/requests';
import type { Deps } from '../../context';
import type { Db } from '../../db/pool';
import { invalidState } from '../../lib/errors';
import { createPost } from '../content/posts';
import { createTopic } from '../content/topics';
import { createTask } from '../tasks/service';
import { type Actor, audit } from '../identity/audit';
import { assertCan } from '../identity/roles';
import { notify } from '../notify/service';
import { answersText } from './fields';
import { scopeOf } from './scope';
import { requestRow } from './service';
import { requestEvents, requests } from './tables';
import { typeFor } from './types';

type Row = typeof requests.$inferSelect;
const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** Work starts from an accepted request; the link moves it to in progress. */
function assertWorkable(r: Row) {
  if (r.status !== 'accepted' && r.status !== 'in_progress')
    throw invalidState({ zh: '先受理需求，再转为选题、稿件或任务', en: 'Accept the request before turning it into a topic, a post or a task' });
}

/**
 * Runs `make` (a content service) and links its result in one transaction: the content service gets
 * this transaction as its database, so its own transaction becomes a savepoint.
 */
async function link<T extends { id: string }>(
  deps: Deps,
  actor: Actor,
  id: string,
  kind: 'topic' | 'post' | 'task',
  make: (d: Deps, r: Row, text: string) => Promise<T>,
) {
  assertCan(actor.role, 'requests.work');
  return deps.db.transaction(async (tx) => {
    const r = await requestRow(tx, scopeOf(actor), id, true);
    assertWorkable(r);
    if (kind === 'post' && r.postId) throw invalidState({ zh: '这条需求已有稿件', en: 'This request already has a post' });
    if (kind === 'topic' && r.topicId) throw invalidState({ zh: '这条需求已有选题', en: 'This request already has a topic' });
    if (kind === 'task' && r.taskId) throw invalidState({ zh: '这条需求已有任务', en: 'This request already has a task' });
    const type = await typeFor(tx, actor.workspaceId, r.typeId);
    const made = await make({ ...deps, db: tx as unknown as Db }, r, answersText(type.fields, r.answers));
    await tx
      .update(requests)
      .set({ [`${kind}Id`]: made.id, status: 'in_progress', updatedAt: sql`now()` })
      .where(eq(requests.id, id));
    const event = { workspaceId: actor.workspaceId, requestId: id, actorId: actor.userId };
    await tx
      .insert(requestEvents)
      .values([
        { ...event, kind, text: made.id },
        ...(r.status === 'accepted' ? [{ ...event, kind: 'status', fromStatus: 'accepted', toStatus: 'in_progress' }] : []),
      ]);
    await audit(tx, actor, { action: `request.${kind}`, entityType: 'request', entityId: id, after: { [`${kind}Id`]: made.id } });
    if (r.requesterId && r.requesterId !== actor.userId)
      await notify(
        deps,
        {
          workspaceId: actor.workspaceId,
          kind: 'request.status',
          title: {
            post: { zh: `你的需求 #${r.number} 已转为稿件，处理中`, en: `Your request #${r.number} became a post and is in progress` },
            topic: { zh: `你的需求 #${r.number} 已列入选题，处理中`, en: `Your request #${r.number} became a topic and is in progress` },
            task: { zh: `你的需求 #${r.number} 已安排为任务，处理中`, en: `Your request #${r.number} became a task and is in progress` },
          }[kind],
          body: { zh: r.title, en: r.title },
          link: `/requests/${id}`,
          userIds: [r.requesterId],
          webhooks: false,
        },
        tx,
      );
    return made;
  });
}

export function requestToPost(deps: Deps, actor: Actor, id: string, body: z.infer<typeof Q.RequestToPostBody>) {
  return link(deps, actor, id, 'post', (d, r, text) =>
    createPost(d, actor, {
      title: body.title ?? clip(r.title, 64),
      digest: clip(text.replace(/\n/g, '；'), 128),
      bodyHtml: text
        .split('\n')
        .filter(Boolean)
        .map((line) => `<p>${escapeHtml(line)}</p>`)
        .join(''),
      topicId: r.topicId,
      accountIds: body.accountIds,
    }),
  );
}

export function requestToTopic(deps: Deps, actor: Actor, id: string, body: z.infer<typeof Q.RequestToTopicBody>) {
  return link(deps, actor, id, 'topic', (d, r, text) =>
    createTopic(d, actor, { title: body.title ?? clip(r.title, 200), notes: clip(text, 5000), tags: ['需求'] }),
  );
}

/** A task for the request's owner, due when the request is, linked to it. */
export function requestToTask(deps: Deps, actor: Actor, id: string, body: z.infer<typeof Q.RequestToTaskBody>) {
  return link(deps, actor, id, 'task', (d, r, text) =>
    createTask(d, actor, {
      title: body.title ?? clip(`#${r.number} ${r.title}`, 120),
      description: clip(text, 5000),
      assigneeId: r.ownerId,
      dueAt: r.dueAt.toISOString(),
      links: [{ kind: 'request', id: r.id }],
    }),
  );
}
