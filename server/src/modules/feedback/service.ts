// Feedback items: made by inbox workers (from a message, its text copied, or typed in), routed to a
// department's queue (explicitly, or by the department that has the item's product area), worked
// through new → acknowledged → in_progress → resolved | wont_fix (and reopened), with a history.
// Every read and write goes through the actor's scope (scope.ts): for a guest an item outside
// their departments does not exist (404), and they cannot re-route.
import { and, asc, desc, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { FEEDBACK_CLOSED, FEEDBACK_NEXT, type FeedbackStatus } from '../../../../contract/feedback-flow';
import type * as F from '../../../../contract/feedback';
import type { Deps } from '../../context';
import type { Executor } from '../../db/pool';
import { AppError, invalidState, notFound } from '../../lib/errors';
import { type PageQuery, paged } from '../../lib/paging';
import { contains } from '../../lib/sql';
import { type Actor, audit } from '../identity/audit';
import { assertDepartment, departmentAreas, departmentForArea } from '../identity/departments';
import { assertCan } from '../identity/roles';
import { feedbackSolved, itemForFeedback } from '../inbox/feedback-link';
import { createdWithin, inScope, type Scope, scopeOf } from './scope';
import { feedbackEvents, feedbackItems } from './tables';
import { eventViews, itemViews } from './views';

const FEEDBACK = { zh: '反馈', en: 'Feedback item' };

async function one(ex: Executor, s: Scope, id: string, lock = false) {
  const q = ex
    .select()
    .from(feedbackItems)
    .where(and(eq(feedbackItems.id, id), inScope(s)));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw notFound(FEEDBACK);
  return row;
}

async function viewOne(ex: Executor, s: Scope, id: string) {
  const [v] = await itemViews(ex, s, [await one(ex, s, id)]);
  return v;
}

/** The next number of the workspace (#12), under a lock held to the end of the transaction. */
async function nextNumber(tx: Executor, workspaceId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`feedback-number:${workspaceId}`}))`);
  const r = await tx.execute<{ n: number }>(sql`select coalesce(max(number), 0)::int + 1 as n from feedback_items where workspace_id = ${workspaceId}`);
  return r.rows[0].n;
}

/** The first line of the message, shortened: the title of feedback made without one. */
const titleOf = (text: string) => {
  const line = text.trim().split('\n')[0];
  return line.length > 40 ? `${line.slice(0, 40)}…` : line;
};

export async function createFeedback(deps: Deps, actor: Actor, body: z.infer<typeof F.CreateFeedbackBody>) {
  assertCan(actor.role, 'inbox.work');
  const ws = actor.workspaceId;
  const src = body.itemId ? await itemForFeedback(deps.db, ws, body.itemId) : null;
  const title = body.title ?? (src ? titleOf(src.text) : null);
  if (!title)
    throw new AppError('validation_failed', { zh: '没有来源消息时须填写标题', en: 'A title is needed when there is no inbox item' }, [
      { path: 'title', message: 'required' },
    ]);
  const departmentId =
    body.departmentId === null
      ? null
      : body.departmentId
        ? await assertDepartment(deps.db, ws, body.departmentId)
        : await departmentForArea(deps.db, ws, body.area);
  const s = await scopeOf(deps.db, actor);
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(feedbackItems)
      .values({
        workspaceId: ws,
        number: await nextNumber(tx, ws),
        sourceItemId: src?.id ?? null,
        sourceText: src?.text ?? null,
        sourceAccountId: src?.accountId ?? null,
        sourceAccountName: src?.accountName ?? null,
        sourcePlatform: src?.platform ?? null,
        sourceAuthorId: src?.authorId ?? null,
        sourceAuthorName: src?.authorName ?? null,
        sourceAt: src?.at ?? null,
        type: body.type,
        area: body.area,
        priority: body.priority,
        title,
        description: body.description,
        departmentId,
        createdBy: actor.userId,
      })
      .returning();
    await tx
      .insert(feedbackEvents)
      .values([
        { workspaceId: ws, feedbackId: row.id, kind: 'created', toStatus: 'new', actorId: actor.userId },
        ...(departmentId ? [{ workspaceId: ws, feedbackId: row.id, kind: 'routed', departmentId, actorId: actor.userId }] : []),
      ]);
    await audit(tx, actor, {
      action: 'feedback.create',
      entityType: 'feedback_item',
      entityId: row.id,
      after: { number: row.number, itemId: row.sourceItemId, type: row.type, area: row.area, priority: row.priority, departmentId },
    });
    return viewOne(tx, s, row.id);
  });
}

function filters(s: Scope, q: z.infer<typeof F.FeedbackQuery>): SQL {
  const f = feedbackItems;
  const w: (SQL | undefined)[] = [inScope(s), ...createdWithin(s.workspaceId, q)];
  if (q.type) w.push(eq(f.type, q.type));
  if (q.area) w.push(sql`lower(${f.area}) = lower(${q.area})`);
  if (q.status) w.push(eq(f.status, q.status));
  if (q.priority) w.push(eq(f.priority, q.priority));
  if (q.department) w.push(q.department === 'none' ? sql`${f.departmentId} is null` : eq(f.departmentId, q.department));
  if (q.q) {
    const like = contains(q.q);
    w.push(or(ilike(f.title, like), ilike(f.description, like), ilike(f.sourceText, like)));
  }
  return and(...w) as SQL;
}

export async function listFeedback(deps: Deps, actor: Actor, q: z.infer<typeof F.FeedbackQuery> & PageQuery) {
  assertCan(actor.role, 'feedback.work');
  const s = await scopeOf(deps.db, actor);
  const where = filters(s, q);
  return paged(
    q,
    (limit, offset) => deps.db.select().from(feedbackItems).where(where).orderBy(desc(feedbackItems.number)).limit(limit).offset(offset),
    deps.db.select({ n: sql<number>`count(*)::int` }).from(feedbackItems).where(where),
    (rows) => itemViews(deps.db, s, rows),
  );
}

export async function getFeedback(deps: Deps, actor: Actor, id: string) {
  assertCan(actor.role, 'feedback.work');
  const s = await scopeOf(deps.db, actor);
  const item = await viewOne(deps.db, s, id);
  const events = await deps.db.select().from(feedbackEvents).where(eq(feedbackEvents.feedbackId, id)).orderBy(asc(feedbackEvents.id));
  return { item, events: await eventViews(deps.db, s.workspaceId, events) };
}

/** Areas in use in the scope, most used first, then the departments' areas (staff only). */
export async function feedbackAreas(deps: Deps, actor: Actor) {
  assertCan(actor.role, 'feedback.work');
  const s = await scopeOf(deps.db, actor);
  const used = await deps.db
    .select({ area: feedbackItems.area })
    .from(feedbackItems)
    .where(inScope(s))
    .groupBy(feedbackItems.area)
    .orderBy(desc(sql`count(*)`), asc(feedbackItems.area));
  const areas = used.map((r) => r.area);
  const more = s.staff ? await departmentAreas(deps.db, s.workspaceId) : [];
  const seen = new Set(areas.map((a) => a.toLowerCase()));
  return [...areas, ...more.filter((a) => !seen.has(a.toLowerCase())).sort((a, b) => a.localeCompare(b, 'zh-CN'))];
}

function assertNext(from: FeedbackStatus, to: FeedbackStatus) {
  if (!FEEDBACK_NEXT[from].includes(to))
    throw invalidState({ zh: `反馈不能从「${from}」改为「${to}」`, en: `A feedback item cannot go from ${from} to ${to}` });
}

export async function updateFeedback(deps: Deps, actor: Actor, id: string, body: z.infer<typeof F.UpdateFeedbackBody>) {
  assertCan(actor.role, 'feedback.work');
  const s = await scopeOf(deps.db, actor);
  if (!s.staff && body.departmentId !== undefined) {
    await one(deps.db, s, id); // outside the queue: 404 before 403
    throw new AppError('forbidden', { zh: '访客不能改派反馈', en: 'Guests cannot route feedback to another department' });
  }
  const departmentId = body.departmentId ? await assertDepartment(deps.db, s.workspaceId, body.departmentId) : body.departmentId;
  return deps.db.transaction(async (tx) => {
    const before = await one(tx, s, id, true);
    const from = before.status as FeedbackStatus;
    const to = body.status && body.status !== from ? body.status : null;
    if (to) assertNext(from, to);
    const closing = to !== null && FEEDBACK_CLOSED.includes(to);
    const reopened = to !== null && !closing && FEEDBACK_CLOSED.includes(from);
    const resolution = body.resolution ?? (reopened ? null : before.resolution);
    if (closing && !resolution)
      throw new AppError('validation_failed', { zh: '解决或关闭反馈时须填写处理结果', en: 'Resolving or closing feedback needs a resolution note' }, [
        { path: 'resolution', message: 'required' },
      ]);
    const rerouted = departmentId !== undefined && departmentId !== before.departmentId;
    const reprioritised = body.priority !== undefined && body.priority !== before.priority;
    await tx
      .update(feedbackItems)
      .set({
        updatedAt: sql`now()`,
        ...(to ? { status: to, ...(closing ? { resolvedAt: sql`now()`, resolvedBy: actor.userId } : { resolvedAt: null, resolvedBy: null }) } : {}),
        // Reopened: the old note stays in the history; closing again needs a new one.
        ...(body.resolution !== undefined ? { resolution: body.resolution } : reopened ? { resolution: null } : {}),
        ...(reprioritised ? { priority: body.priority } : {}),
        ...(rerouted ? { departmentId } : {}),
      })
      .where(eq(feedbackItems.id, id));
    const event = { workspaceId: s.workspaceId, feedbackId: id, actorId: actor.userId };
    const events = [
      ...(to ? [{ ...event, kind: 'status', fromStatus: from, toStatus: to, text: closing ? resolution : null }] : []),
      ...(rerouted ? [{ ...event, kind: 'routed', departmentId: departmentId ?? null }] : []),
      ...(reprioritised ? [{ ...event, kind: 'priority', text: body.priority }] : []),
    ];
    if (events.length) await tx.insert(feedbackEvents).values(events);
    await audit(tx, actor, {
      action: 'feedback.update',
      entityType: 'feedback_item',
      entityId: id,
      before: { status: from, resolution: before.resolution, priority: before.priority, departmentId: before.departmentId },
      after: body,
    });
    if (closing && before.sourceItemId)
      await feedbackSolved(deps, tx, actor, {
        itemId: before.sourceItemId,
        feedbackId: id,
        number: before.number,
        title: before.title,
        status: to as 'resolved' | 'wont_fix',
        resolution: resolution as string,
      });
    return viewOne(tx, s, id);
  });
}

export async function commentFeedback(deps: Deps, actor: Actor, id: string, body: z.infer<typeof F.FeedbackCommentBody>) {
  assertCan(actor.role, 'feedback.work');
  const s = await scopeOf(deps.db, actor);
  return deps.db.transaction(async (tx) => {
    await one(tx, s, id);
    const [e] = await tx
      .insert(feedbackEvents)
      .values({ workspaceId: s.workspaceId, feedbackId: id, kind: 'comment', text: body.text, actorId: actor.userId })
      .returning();
    await audit(tx, actor, { action: 'feedback.comment', entityType: 'feedback_item', entityId: id, after: { eventId: e.id } });
    const [v] = await eventViews(tx, s.workspaceId, [e]);
    return v;
  });
}
