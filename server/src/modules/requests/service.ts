// Requests: submitted by any member (other departments are usually guests) on a type's form, routed
// by the type to its owner with a due date, worked submitted → accepted → in progress → done |
// declined, with comments between requester and owner. Every read and write goes through the
// actor's scope (scope.ts): to a guest another member's request does not exist (404).
import { and, asc, desc, eq, ilike, inArray, lt, notInArray, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { REQUEST_NEXT } from '../../../../contract/requests';
import type * as Q from '../../../../contract/requests';
import type { Deps } from '../../context';
import type { Executor } from '../../db/pool';
import { AppError, invalidState, notFound } from '../../lib/errors';
import { type PageQuery, paged } from '../../lib/paging';
import { contains } from '../../lib/sql';
import { type Actor, audit } from '../identity/audit';
import { departmentsOf } from '../identity/departments';
import { assertMember } from '../identity/membership';
import { assertCan } from '../identity/roles';
import { notify } from '../notify/service';
import { visibleCampaign } from './campaigns';
import { checkAnswers } from './fields';
import { inScope, type Scope, scopeOf } from './scope';
import { requestEvents, requests, requestTypes } from './tables';
import { typeFor, typeViews } from './types';
import { eventViews, requestViews, typeNames } from './views';

export const REQUEST = { zh: '需求', en: 'Request' };
type Status = z.infer<typeof Q.RequestStatus>;
const STATUS_ZH: Record<Status, string> = { submitted: '已提交', accepted: '已受理', in_progress: '处理中', done: '已完成', declined: '已拒绝' };
const STATUS_EN: Record<Status, string> = { submitted: 'submitted', accepted: 'accepted', in_progress: 'in progress', done: 'done', declined: 'declined' };
const DAY_MS = 86_400_000;

/** The request row in the scope (404 outside it), optionally locked. */
export async function requestRow(ex: Executor, s: Scope, id: string, lock = false) {
  const q = ex
    .select()
    .from(requests)
    .where(and(eq(requests.id, id), inScope(s)));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw notFound(REQUEST);
  return row;
}

/** Whether the request is in the workspace (the tasks module checks a task's link with it). */
export async function requestExists(ex: Executor, workspaceId: string, id: string) {
  const [row] = await ex
    .select({ id: requests.id })
    .from(requests)
    .where(and(eq(requests.id, id), eq(requests.workspaceId, workspaceId)));
  return !!row;
}

/**
 * Open requests these members own, not yet made into a task, due in [from, to): the tasks
 * module's workload counts them (a request made into a task is counted as that task).
 */
export async function openRequestsDue(ex: Executor, workspaceId: string, ownerIds: string[], from: Date, to: Date) {
  if (!ownerIds.length) return [];
  return ex
    .select({ id: requests.id, ownerId: requests.ownerId, dueAt: requests.dueAt })
    .from(requests)
    .where(
      and(
        eq(requests.workspaceId, workspaceId),
        inArray(requests.ownerId, ownerIds),
        inArray(requests.status, ['submitted', 'accepted', 'in_progress']),
        sql`${requests.taskId} is null and ${requests.dueAt} >= ${from} and ${requests.dueAt} < ${to}`,
      ),
    );
}

async function views(deps: Deps, actor: Actor, rows: (typeof requests.$inferSelect)[]) {
  const ids = [...new Set(rows.map((r) => r.typeId))];
  const types = ids.length ? await deps.db.select().from(requestTypes).where(inArray(requestTypes.id, ids)) : [];
  return requestViews(deps, actor, rows, typeNames(types));
}

export async function requestView(deps: Deps, actor: Actor, id: string) {
  return (await views(deps, actor, [await requestRow(deps.db, scopeOf(actor), id)]))[0];
}

async function nextNumber(tx: Executor, workspaceId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`request-number:${workspaceId}`}))`);
  const r = await tx.execute<{ n: number }>(sql`select coalesce(max(number), 0)::int + 1 as n from requests where workspace_id = ${workspaceId}`);
  return r.rows[0].n;
}

/** Who hears of a request on the media team's side: its owner, else the owners and managers (notify's default). */
const ownerSide = (r: { ownerId: string | null }) => (r.ownerId ? [r.ownerId] : undefined);

export async function submitRequest(deps: Deps, actor: Actor, body: z.infer<typeof Q.SubmitRequestBody>) {
  assertCan(actor.role, 'requests.submit');
  const ws = actor.workspaceId;
  const type = await typeFor(deps.db, ws, body.typeId, true);
  const checked = checkAnswers(type.fields, body.answers);
  if (checked.problems.length)
    throw new AppError(
      'validation_failed',
      {
        zh: `表单有 ${checked.problems.length} 处需要修改：${checked.problems.map((p) => p.message.split(' / ')[0]).join('；')}`,
        en: `The form has ${checked.problems.length} problem(s): ${checked.problems.map((p) => p.message.split(' / ')[1]).join('; ')}`,
      },
      checked.problems,
    );
  if (body.campaignId) await visibleCampaign(deps.db, actor, body.campaignId, 'campaignId');
  const [departmentId] = await departmentsOf(deps.db, ws, actor.userId);
  const id = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(requests)
      .values({
        workspaceId: ws,
        number: await nextNumber(tx, ws),
        typeId: type.id,
        title: body.title,
        answers: checked.answers,
        requesterId: actor.userId,
        departmentId: departmentId ?? null,
        ownerId: type.ownerId,
        dueAt: new Date(Date.now() + type.dueDays * DAY_MS),
        campaignId: body.campaignId ?? null,
      })
      .returning();
    await tx.insert(requestEvents).values({ workspaceId: ws, requestId: row.id, kind: 'created', toStatus: 'submitted', actorId: actor.userId });
    await audit(tx, actor, {
      action: 'request.submit',
      entityType: 'request',
      entityId: row.id,
      after: { number: row.number, typeId: type.id, ownerId: row.ownerId },
    });
    await notify(
      deps,
      {
        workspaceId: ws,
        kind: 'request.submitted',
        title: { zh: `新需求 #${row.number}（${type.name}）：${row.title}`, en: `New request #${row.number} (${type.name}): ${row.title}` },
        body: { zh: `截止 ${row.dueAt.toISOString().slice(0, 10)}`, en: `Due ${row.dueAt.toISOString().slice(0, 10)}` },
        link: `/requests/${row.id}`,
        userIds: ownerSide(row),
      },
      tx,
    );
    return row.id;
  });
  return requestView(deps, actor, id);
}

function filters(s: Scope, q: z.infer<typeof Q.RequestQuery>): SQL {
  const r = requests;
  const w: (SQL | undefined)[] = [inScope(s)];
  if (q.status) w.push(eq(r.status, q.status));
  if (q.typeId) w.push(eq(r.typeId, q.typeId));
  if (q.campaignId) w.push(eq(r.campaignId, q.campaignId));
  if (q.postId) w.push(eq(r.postId, q.postId));
  if (q.mine === 'true') w.push(eq(r.requesterId, s.userId));
  if (q.overdue === 'true') w.push(and(notInArray(r.status, ['done', 'declined']), lt(r.dueAt, sql`now()`)));
  // The answers' values, not their keys: `goal` must not match every promotion request.
  if (q.q) w.push(or(ilike(r.title, contains(q.q)), sql`exists (select 1 from jsonb_each_text(${r.answers}) a where a.value ilike ${contains(q.q)})`));
  return and(...w) as SQL;
}

export async function listRequests(deps: Deps, actor: Actor, q: z.infer<typeof Q.RequestQuery> & PageQuery) {
  assertCan(actor.role, 'requests.submit');
  const where = filters(scopeOf(actor), q);
  return paged(
    q,
    (limit, offset) => deps.db.select().from(requests).where(where).orderBy(desc(requests.number)).limit(limit).offset(offset),
    deps.db.select({ n: sql<number>`count(*)::int` }).from(requests).where(where),
    (rows) => views(deps, actor, rows),
  );
}

export async function getRequest(deps: Deps, actor: Actor, id: string) {
  assertCan(actor.role, 'requests.submit');
  const row = await requestRow(deps.db, scopeOf(actor), id);
  const [type] = await typeViews(deps.db, actor.workspaceId, [await typeFor(deps.db, actor.workspaceId, row.typeId)]);
  const events = await deps.db.select().from(requestEvents).where(eq(requestEvents.requestId, id)).orderBy(asc(requestEvents.id));
  return { request: (await views(deps, actor, [row]))[0], type, events: await eventViews(deps.db, actor.workspaceId, events) };
}

export async function updateRequest(deps: Deps, actor: Actor, id: string, body: z.infer<typeof Q.UpdateRequestBody>) {
  assertCan(actor.role, 'requests.work');
  const s = scopeOf(actor);
  if (body.ownerId) await assertMember(deps.db, s.workspaceId, body.ownerId, { zh: '负责人', en: 'The owner' });
  if (body.campaignId) await visibleCampaign(deps.db, actor, body.campaignId, 'campaignId');
  await deps.db.transaction(async (tx) => {
    const before = await requestRow(tx, s, id, true);
    const from = before.status as Status;
    const to = body.status && body.status !== from ? body.status : null;
    if (to && !REQUEST_NEXT[from].includes(to))
      throw invalidState({
        zh: `需求不能从「${STATUS_ZH[from]}」改为「${STATUS_ZH[to]}」`,
        en: `A request cannot go from ${STATUS_EN[from]} to ${STATUS_EN[to]}`,
      });
    if (to === 'declined' && !body.declineReason)
      throw new AppError('validation_failed', { zh: '拒绝需求时须填写原因', en: 'Declining a request needs a reason' }, [
        { path: 'declineReason', message: 'required' },
      ]);
    const reassigned = body.ownerId !== undefined && body.ownerId !== before.ownerId;
    await tx
      .update(requests)
      .set({
        updatedAt: sql`now()`,
        ...(to ? { status: to, declineReason: to === 'declined' ? body.declineReason : null } : {}),
        ...(reassigned ? { ownerId: body.ownerId } : {}),
        // A new due date starts the overdue alerts afresh (alerts.ts).
        ...(body.dueAt ? { dueAt: new Date(body.dueAt), overdueNotifiedAt: null, escalatedAt: null } : {}),
        ...(body.campaignId !== undefined ? { campaignId: body.campaignId } : {}),
      })
      .where(eq(requests.id, id));
    const event = { workspaceId: s.workspaceId, requestId: id, actorId: actor.userId };
    const events = [
      ...(to ? [{ ...event, kind: 'status', fromStatus: from, toStatus: to, text: to === 'declined' ? (body.declineReason ?? null) : null }] : []),
      ...(reassigned ? [{ ...event, kind: 'owner', text: body.ownerId ?? null }] : []),
    ];
    if (events.length) await tx.insert(requestEvents).values(events);
    await audit(tx, actor, {
      action: 'request.update',
      entityType: 'request',
      entityId: id,
      before: { status: from, ownerId: before.ownerId, dueAt: before.dueAt, campaignId: before.campaignId },
      after: body,
    });
    const title = `#${before.number} ${before.title}`;
    if (to && before.requesterId && before.requesterId !== actor.userId)
      await notify(
        deps,
        {
          workspaceId: s.workspaceId,
          kind: 'request.status',
          title: { zh: `你的需求${title}${STATUS_ZH[to]}`, en: `Your request ${title} is ${STATUS_EN[to]}` },
          body: to === 'declined' ? { zh: `原因：${body.declineReason}`, en: `Reason: ${body.declineReason}` } : { zh: '', en: '' },
          link: `/requests/${id}`,
          userIds: [before.requesterId],
          webhooks: false,
        },
        tx,
      );
    if (reassigned && body.ownerId && body.ownerId !== actor.userId)
      await notify(
        deps,
        {
          workspaceId: s.workspaceId,
          kind: 'request.assigned',
          title: { zh: `需求${title}转给了你`, en: `Request ${title} was handed to you` },
          body: { zh: '', en: '' },
          link: `/requests/${id}`,
          userIds: [body.ownerId],
          webhooks: false,
        },
        tx,
      );
  });
  return requestView(deps, actor, id);
}

export async function commentRequest(deps: Deps, actor: Actor, id: string, body: z.infer<typeof Q.RequestCommentBody>) {
  assertCan(actor.role, 'requests.submit');
  const s = scopeOf(actor);
  return deps.db.transaction(async (tx) => {
    const r = await requestRow(tx, s, id);
    const [e] = await tx
      .insert(requestEvents)
      .values({ workspaceId: s.workspaceId, requestId: id, kind: 'comment', text: body.text, actorId: actor.userId })
      .returning();
    await audit(tx, actor, { action: 'request.comment', entityType: 'request', entityId: id, after: { eventId: e.id } });
    // The other side hears of it: the requester's comment goes to the owner, anyone else's to the requester.
    const to = actor.userId === r.requesterId ? ownerSide(r) : r.requesterId ? [r.requesterId] : [];
    if (!to || to.length)
      await notify(
        deps,
        {
          workspaceId: s.workspaceId,
          kind: 'request.comment',
          title: { zh: `需求 #${r.number} 有新留言`, en: `New comment on request #${r.number}` },
          body: { zh: body.text, en: body.text },
          link: `/requests/${id}`,
          userIds: to?.filter((u) => u !== actor.userId),
          webhooks: false,
        },
        tx,
      );
    return (await eventViews(tx, s.workspaceId, [e]))[0];
  });
}
