// SQL of the tasks module: rows, numbering, views with member names.
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type * as T from '../../../../contract/tasks';
import type { Executor } from '../../db/pool';
import { notFound } from '../../lib/errors';
import { iso, isoOr } from '../../lib/time';
import { memberNames } from '../identity/membership';
import { type LinkRef, tasks } from './tables';

export const TASK = { zh: '任务', en: 'Task' };
export type TaskRow = typeof tasks.$inferSelect;
export const OPEN = ['todo', 'doing'];

export async function findTask(ex: Executor, workspaceId: string, id: string, lock = false) {
  const q = ex
    .select()
    .from(tasks)
    .where(and(eq(tasks.id, id), eq(tasks.workspaceId, workspaceId)));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw notFound(TASK);
  return row;
}

/** The next number of the workspace (#12), under a lock held to the end of the transaction. */
async function nextNumber(tx: Executor, workspaceId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`task-number:${workspaceId}`}))`);
  const r = await tx.execute<{ n: number }>(sql`select coalesce(max(number), 0)::int + 1 as n from tasks where workspace_id = ${workspaceId}`);
  return r.rows[0].n;
}

export interface NewTask {
  workspaceId: string;
  title: string;
  description?: string;
  assigneeId?: string | null;
  dueAt?: Date | null;
  priority?: string;
  parentId?: string | null;
  links?: LinkRef[];
  templateId?: string | null;
  runId?: string | null;
  step?: number | null;
  createdBy: string | null;
}

/** Inserts one task; a template step that already exists (`runId`, `step`) is not made again: null. */
export async function insertTask(tx: Executor, t: NewTask): Promise<TaskRow | null> {
  const [row] = await tx
    .insert(tasks)
    .values({ ...t, number: await nextNumber(tx, t.workspaceId) })
    .onConflictDoNothing()
    .returning();
  return row ?? null;
}

export const isOverdue = (r: TaskRow, now = Date.now()) => OPEN.includes(r.status) && r.dueAt !== null && r.dueAt.getTime() < now;

export async function taskViews(ex: Executor, workspaceId: string, rows: TaskRow[]): Promise<z.infer<typeof T.Task>[]> {
  const names = await memberNames(
    ex,
    workspaceId,
    rows.map((r) => r.assigneeId),
  );
  const now = Date.now();
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    title: r.title,
    description: r.description,
    status: r.status as never,
    priority: r.priority as never,
    assigneeId: r.assigneeId,
    assigneeName: r.assigneeId ? (names.get(r.assigneeId) ?? null) : null,
    dueAt: iso(r.dueAt),
    parentId: r.parentId,
    links: r.links,
    templateId: r.templateId,
    step: r.step,
    overdue: isOverdue(r, now),
    createdBy: r.createdBy,
    createdAt: isoOr(r.createdAt),
    doneAt: iso(r.doneAt),
    updatedAt: isoOr(r.updatedAt),
  }));
}

/** The workspace's time zone as SQL, for days a person means. */
export const tzOf = (workspaceId: string) => sql`(select timezone from workspaces where id = ${workspaceId})`;

export async function viewTask(ex: Executor, workspaceId: string, row: TaskRow) {
  const [v] = await taskViews(ex, workspaceId, [row]);
  return v;
}
