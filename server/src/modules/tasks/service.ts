// Tasks: made by members (or by another module through `createTask`), assigned to a member,
// worked todo → doing → done (or cancelled) on a board, with subtasks one level deep, links,
// comments with @mentions and a history in the audit log. Finishing a template step makes the
// next one (templates.ts). Every query is the session's workspace; guests have no tasks.
import { and, asc, desc, eq, gte, ilike, inArray, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type * as T from '../../../../contract/tasks';
import type { Deps } from '../../context';
import type { Executor } from '../../db/pool';
import { AppError } from '../../lib/errors';
import { type PageQuery, paged } from '../../lib/paging';
import { contains } from '../../lib/sql';
import { iso, isoOr } from '../../lib/time';
import { type Actor, audit } from '../identity/audit';
import { assertMember, memberNameOf, memberNames, mentionedMembers } from '../identity/membership';
import { assertCan, can } from '../identity/roles';
import { notify } from '../notify/service';
import { escalationsOf } from './escalations';
import { checkLinks } from './links';
import { tellAssigned } from './assigned';
import { findTask, insertTask, OPEN, type TaskRow, taskViews, tzOf, viewTask } from './repository';
import { taskComments, tasks } from './tables';
import { advanceRun } from './templates';

const ASSIGNEE = { zh: '负责人', en: 'The assignee' };

async function checkParent(tx: Executor, workspaceId: string, parentId: string) {
  const parent = await findTask(tx, workspaceId, parentId).catch(() => null);
  if (!parent)
    throw new AppError('validation_failed', { zh: '上级任务不存在', en: 'The parent task does not exist' }, [{ path: 'parentId', message: 'not found' }]);
  if (parent.parentId) throw new AppError('validation_failed', { zh: '子任务不能再有子任务', en: 'A subtask cannot have subtasks of its own' });
  return parent.id;
}

type CreateInput = { title: string; description?: string; assigneeId?: string | null; dueAt?: string | null; priority?: z.infer<typeof T.TaskPriority> } & {
  links?: z.infer<typeof T.TaskLink>[];
  parentId?: string | null;
};

/** Makes a task in the actor's workspace; other modules call this (e.g. a request turned into a task). */
export async function createTask(deps: Deps, actor: Actor, input: CreateInput) {
  assertCan(actor.role, 'tasks.work');
  const ws = actor.workspaceId;
  if (input.assigneeId) await assertMember(deps.db, ws, input.assigneeId, ASSIGNEE);
  const links = await checkLinks(deps, actor, input.links ?? []);
  return deps.db.transaction(async (tx) => {
    const parentId = input.parentId ? await checkParent(tx, ws, input.parentId) : null;
    const row = (await insertTask(tx, {
      workspaceId: ws,
      title: input.title,
      description: input.description ?? '',
      assigneeId: input.assigneeId ?? null,
      dueAt: input.dueAt ? new Date(input.dueAt) : null,
      priority: input.priority ?? 'normal',
      parentId,
      links,
      createdBy: actor.userId,
    })) as TaskRow;
    await audit(tx, actor, {
      action: 'task.create',
      entityType: 'task',
      entityId: row.id,
      after: { number: row.number, title: row.title, assigneeId: row.assigneeId, dueAt: row.dueAt, priority: row.priority, parentId, links },
    });
    await tellAssigned(deps, tx, actor, row);
    return viewTask(tx, ws, row);
  });
}

export function taskFilters(workspaceId: string, q: z.infer<typeof T.TaskQuery>): SQL {
  const t = tasks;
  const tz = tzOf(workspaceId);
  const w: (SQL | undefined)[] = [eq(t.workspaceId, workspaceId)];
  if (q.assignee) w.push(q.assignee === 'none' ? isNull(t.assigneeId) : eq(t.assigneeId, q.assignee));
  if (q.status) w.push(eq(t.status, q.status));
  if (q.priority) w.push(eq(t.priority, q.priority));
  if (q.dueFrom) w.push(sql`${t.dueAt} >= (${q.dueFrom}::date::timestamp at time zone ${tz})`);
  if (q.dueTo) w.push(sql`${t.dueAt} < ((${q.dueTo}::date + 1)::timestamp at time zone ${tz})`);
  if (q.linked) w.push(sql`${t.links} @> ${JSON.stringify([{ kind: q.linked }])}::jsonb`);
  if (q.parent) w.push(eq(t.parentId, q.parent));
  if (q.q) w.push(or(ilike(t.title, contains(q.q)), ilike(t.description, contains(q.q))));
  return and(...w) as SQL;
}

const PRIORITY_RANK = sql`case ${tasks.priority} when 'urgent' then 0 when 'high' then 1 when 'normal' then 2 else 3 end`;

export async function listTasks(deps: Deps, actor: Actor, q: z.infer<typeof T.TaskQuery> & PageQuery) {
  assertCan(actor.role, 'tasks.work');
  const where = taskFilters(actor.workspaceId, q);
  return paged(
    q,
    (limit, offset) => deps.db.select().from(tasks).where(where).orderBy(sql`${tasks.dueAt} asc nulls last`, desc(tasks.number)).limit(limit).offset(offset),
    deps.db.select({ n: sql<number>`count(*)::int` }).from(tasks).where(where),
    (rows) => taskViews(deps.db, actor.workspaceId, rows),
  );
}

const BOARD_LIMIT = 100;

/** The board: one column per status, most urgent first; done and cancelled show the latest. */
export async function board(deps: Deps, actor: Actor, q: z.infer<typeof T.TaskQuery>) {
  assertCan(actor.role, 'tasks.work');
  const where = taskFilters(actor.workspaceId, { ...q, status: undefined });
  const columns = await Promise.all(
    (['todo', 'doing', 'done', 'cancelled'] as const).map(async (status) => {
      const w = and(where, eq(tasks.status, status));
      const order = OPEN.includes(status) ? [PRIORITY_RANK, sql`${tasks.dueAt} asc nulls last`, asc(tasks.number)] : [desc(tasks.updatedAt)];
      const [rows, [{ n }]] = await Promise.all([
        deps.db
          .select()
          .from(tasks)
          .where(w)
          .orderBy(...order)
          .limit(BOARD_LIMIT),
        deps.db.select({ n: sql<number>`count(*)::int` }).from(tasks).where(w),
      ]);
      return { status, tasks: await taskViews(deps.db, actor.workspaceId, rows), total: n };
    }),
  );
  return { columns };
}

export async function getTask(deps: Deps, actor: Actor, id: string) {
  assertCan(actor.role, 'tasks.work');
  const ws = actor.workspaceId;
  const row = await findTask(deps.db, ws, id);
  const [subRows, commentRows, escalations] = await Promise.all([
    deps.db
      .select()
      .from(tasks)
      .where(and(eq(tasks.workspaceId, ws), eq(tasks.parentId, id)))
      .orderBy(asc(tasks.number)),
    deps.db.select().from(taskComments).where(eq(taskComments.taskId, id)).orderBy(asc(taskComments.at)),
    escalationsOf(deps.db, ws, [id]),
  ]);
  const names = await memberNames(
    deps.db,
    ws,
    commentRows.map((c) => c.authorId),
  );
  return {
    task: await viewTask(deps.db, ws, row),
    subtasks: await taskViews(deps.db, ws, subRows),
    comments: commentRows.map((c) => ({
      id: c.id,
      body: c.body,
      authorId: c.authorId,
      authorName: c.authorId ? (names.get(c.authorId) ?? null) : null,
      at: isoOr(c.at),
    })),
    escalations,
  };
}

/** Who gives a task to someone else: its assignee, whoever made it, an unassigned task anyone; otherwise the managers. */
function assertMayReassign(actor: Actor, t: TaskRow) {
  if (!t.assigneeId || t.assigneeId === actor.userId || t.createdBy === actor.userId || can(actor.role, 'tasks.manage')) return;
  throw new AppError('forbidden', { zh: '只有负责人、创建人或主管可以改派这个任务', en: 'Only the assignee, the creator or a manager can reassign this task' });
}

export async function updateTask(deps: Deps, actor: Actor, id: string, body: z.infer<typeof T.UpdateTaskBody>) {
  assertCan(actor.role, 'tasks.work');
  const ws = actor.workspaceId;
  if (body.assigneeId) await assertMember(deps.db, ws, body.assigneeId, ASSIGNEE);
  const links = body.links ? await checkLinks(deps, actor, body.links) : undefined;
  return deps.db.transaction(async (tx) => {
    const before = await findTask(tx, ws, id, true);
    const to = body.status && body.status !== before.status ? body.status : null;
    const reassigned = body.assigneeId !== undefined && body.assigneeId !== before.assigneeId;
    if (reassigned) assertMayReassign(actor, before);
    const [row] = await tx
      .update(tasks)
      .set({
        updatedAt: sql`now()`,
        ...(body.title !== undefined ? { title: body.title } : {}),
        ...(body.description !== undefined ? { description: body.description } : {}),
        ...(body.priority !== undefined ? { priority: body.priority } : {}),
        ...(links ? { links } : {}),
        ...(reassigned ? { assigneeId: body.assigneeId } : {}),
        // A new due date starts the overdue alerts afresh.
        ...(body.dueAt !== undefined ? { dueAt: body.dueAt ? new Date(body.dueAt) : null, overdueNotifiedAt: null, escalatedAt: null } : {}),
        ...(to ? { status: to, doneAt: to === 'done' ? sql`now()` : null } : {}),
      })
      .where(eq(tasks.id, id))
      .returning();
    await audit(tx, actor, {
      action: to ? 'task.move' : reassigned ? 'task.reassign' : 'task.update',
      entityType: 'task',
      entityId: id,
      before: { status: before.status, assigneeId: before.assigneeId, dueAt: iso(before.dueAt), priority: before.priority, title: before.title },
      after: body,
    });
    if (reassigned) await tellAssigned(deps, tx, actor, row);
    if (to === 'done' && row.runId) await advanceRun(deps, tx, actor, row);
    return viewTask(tx, ws, row);
  });
}

export async function commentTask(deps: Deps, actor: Actor, id: string, body: z.infer<typeof T.TaskCommentBody>) {
  assertCan(actor.role, 'tasks.work');
  const ws = actor.workspaceId;
  return deps.db.transaction(async (tx) => {
    const task = await findTask(tx, ws, id);
    const [c] = await tx.insert(taskComments).values({ workspaceId: ws, taskId: id, body: body.body, authorId: actor.userId }).returning();
    const mentioned = (await mentionedMembers(tx, ws, body.body)).map((m) => m.id).filter((u) => u !== actor.userId);
    const author = await memberNameOf(tx, ws, actor.userId);
    if (mentioned.length)
      await notify(
        deps,
        {
          workspaceId: ws,
          kind: 'task.mentioned',
          title: { zh: `${author ?? ''} 在任务 #${task.number} 中提到了你`, en: `${author ?? ''} mentioned you on task #${task.number}` },
          body: { zh: body.body, en: body.body },
          link: `/tasks?open=${id}`,
          userIds: mentioned,
          webhooks: false,
        },
        tx,
      );
    await audit(tx, actor, { action: 'task.comment', entityType: 'task', entityId: id, after: { commentId: c.id, mentioned } });
    return { id: c.id, body: c.body, authorId: c.authorId, authorName: author, at: isoOr(c.at) };
  });
}

/** Each member's tasks done in [from, to), and which of them by their due time (scorecards): one read for all. */
export async function tasksDoneOnTime(db: Executor, workspaceId: string, userIds: string[], from: Date, to: Date) {
  const out = new Map(userIds.map((u) => [u, { done: 0, onTime: 0, ids: [] as string[], onTimeIds: [] as string[] }]));
  if (!userIds.length) return out;
  const rows = await db
    .select({ id: tasks.id, userId: tasks.assigneeId, onTime: sql<boolean>`${tasks.dueAt} is null or ${tasks.doneAt} <= ${tasks.dueAt}` })
    .from(tasks)
    .where(and(eq(tasks.workspaceId, workspaceId), inArray(tasks.assigneeId, userIds), eq(tasks.status, 'done'), gte(tasks.doneAt, from), lt(tasks.doneAt, to)))
    .orderBy(asc(tasks.doneAt));
  for (const r of rows) {
    const m = out.get(r.userId as string);
    if (!m) continue;
    m.done++;
    m.ids.push(r.id);
    if (r.onTime) {
      m.onTime++;
      m.onTimeIds.push(r.id);
    }
  }
  return out;
}

/** Open tasks of these members due in [from, to): for the workload view. */
export async function openTasksDue(ex: Executor, workspaceId: string, userIds: string[], from: Date, to: Date) {
  if (!userIds.length) return [];
  return ex
    .select()
    .from(tasks)
    .where(
      and(eq(tasks.workspaceId, workspaceId), inArray(tasks.assigneeId, userIds), inArray(tasks.status, OPEN), gte(tasks.dueAt, from), lt(tasks.dueAt, to)),
    );
}
