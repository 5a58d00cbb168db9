// Templates for recurring work: an ordered chain of steps (选题 → 初稿 → 审核 → 发布). Starting one
// makes the first step's task; finishing a step makes the next, assigned and dated. The run keeps
// the steps as they were at its start. The (run, step) unique key makes the next step once, however
// many times or by how many people at once the step is finished; the (template, day) key makes the
// weekly start once, however many workers run the check.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type * as T from '../../../../contract/tasks';
import type { Deps } from '../../context';
import type { Executor } from '../../db/pool';
import { AppError, notFound } from '../../lib/errors';
import { isoOr, localDay } from '../../lib/time';
import { type Actor, audit } from '../identity/audit';
import { assertMember } from '../identity/membership';
import { assertCan } from '../identity/roles';
import { memberships, workspaces } from '../identity/tables';
import { tellAssigned } from './assigned';
import { insertTask, type TaskRow, viewTask } from './repository';
import { type StepDef, taskTemplateRuns, taskTemplates, tasks } from './tables';

const TEMPLATE = { zh: '任务模板', en: 'Task template' };
const DAY = 86_400_000;
type Row = typeof taskTemplates.$inferSelect;

const view = (r: Row): z.infer<typeof T.TaskTemplate> => ({
  id: r.id,
  name: r.name,
  steps: r.steps as never,
  weekday: r.weekday,
  active: r.active,
  createdAt: isoOr(r.createdAt),
});

async function findTemplate(ex: Executor, workspaceId: string, id: string) {
  const [row] = await ex
    .select()
    .from(taskTemplates)
    .where(and(eq(taskTemplates.id, id), eq(taskTemplates.workspaceId, workspaceId)));
  if (!row) throw notFound(TEMPLATE);
  return row;
}

async function checkSteps(ex: Executor, workspaceId: string, steps: StepDef[]) {
  for (const s of steps)
    if (s.assignee?.memberId)
      await assertMember(ex, workspaceId, s.assignee.memberId, { zh: `步骤「${s.title}」的负责人`, en: `The assignee of step "${s.title}"` });
}

export async function listTemplates(deps: Deps, actor: Actor) {
  assertCan(actor.role, 'tasks.work');
  const rows = await deps.db.select().from(taskTemplates).where(eq(taskTemplates.workspaceId, actor.workspaceId)).orderBy(asc(taskTemplates.name));
  return rows.map(view);
}

export async function createTemplate(deps: Deps, actor: Actor, body: z.infer<typeof T.TemplateBody>) {
  assertCan(actor.role, 'tasks.manage');
  await checkSteps(deps.db, actor.workspaceId, body.steps);
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(taskTemplates)
      .values({ workspaceId: actor.workspaceId, ...body, createdBy: actor.userId })
      .returning();
    await audit(tx, actor, { action: 'task_template.create', entityType: 'task_template', entityId: row.id, after: body });
    return view(row);
  });
}

export async function updateTemplate(deps: Deps, actor: Actor, id: string, body: z.infer<typeof T.UpdateTemplateBody>) {
  assertCan(actor.role, 'tasks.manage');
  if (body.steps) await checkSteps(deps.db, actor.workspaceId, body.steps);
  return deps.db.transaction(async (tx) => {
    const before = await findTemplate(tx, actor.workspaceId, id);
    const [row] = await tx.update(taskTemplates).set(body).where(eq(taskTemplates.id, id)).returning();
    await audit(tx, actor, { action: 'task_template.update', entityType: 'task_template', entityId: id, before: view(before), after: body });
    return view(row);
  });
}

/** The step's assignee now: the named member if still in the workspace, else the member of the role with the fewest open tasks. */
async function assigneeFor(ex: Executor, workspaceId: string, step: StepDef): Promise<string | null> {
  const a = step.assignee;
  if (!a) return null;
  const roles = a.memberId ? null : [a.role as string];
  const open = sql<number>`(select count(*) from ${tasks} t where t.workspace_id = ${workspaceId} and t.assignee_id = ${memberships.userId} and t.status in ('todo','doing'))`;
  const [m] = await ex
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), roles ? inArray(memberships.role, roles) : eq(memberships.userId, a.memberId as string)))
    .orderBy(open, asc(memberships.userId))
    .limit(1);
  return m?.userId ?? null;
}

/** Makes step `index` of the run (null if it exists already, or there is no such step). */
async function makeStep(tx: Executor, run: typeof taskTemplateRuns.$inferSelect, index: number, createdBy: string | null, now = new Date()) {
  const step = run.steps[index];
  if (!step) return null;
  const startsAt = now.getTime() + step.offsetDays * DAY;
  return insertTask(tx, {
    workspaceId: run.workspaceId,
    title: step.title,
    assigneeId: await assigneeFor(tx, run.workspaceId, step),
    dueAt: new Date(startsAt + step.durationDays * DAY),
    templateId: run.templateId,
    runId: run.id,
    step: index,
    createdBy,
  });
}

async function startRun(tx: Executor, template: Row, startedBy: string | null, scheduledOn: string | null, now = new Date()) {
  const [run] = await tx
    .insert(taskTemplateRuns)
    .values({ workspaceId: template.workspaceId, templateId: template.id, steps: template.steps, scheduledOn, startedBy })
    .onConflictDoNothing()
    .returning();
  if (!run) return null;
  return makeStep(tx, run, 0, startedBy, now);
}

/** Starts the template by hand: the first step's task. */
export async function startTemplate(deps: Deps, actor: Actor, id: string) {
  assertCan(actor.role, 'tasks.work');
  return deps.db.transaction(async (tx) => {
    const template = await findTemplate(tx, actor.workspaceId, id);
    if (!template.active) throw new AppError('invalid_state', { zh: '模板已停用', en: 'The template is switched off' });
    const task = (await startRun(tx, template, actor.userId, null)) as TaskRow;
    await audit(tx, actor, { action: 'task_template.start', entityType: 'task_template', entityId: id, after: { taskId: task.id } });
    await tellAssigned(deps, tx, actor, task);
    return viewTask(tx, actor.workspaceId, task);
  });
}

/** Called in the transaction that marked `done` a step of a run: makes the next step, once. */
export async function advanceRun(deps: Deps, tx: Executor, actor: Actor, done: TaskRow) {
  const [run] = await tx
    .select()
    .from(taskTemplateRuns)
    .where(eq(taskTemplateRuns.id, done.runId as string));
  if (!run || done.step === null) return null;
  const next = await makeStep(tx, run, done.step + 1, actor.userId);
  if (!next) return null;
  await audit(tx, actor, {
    action: 'task_template.next_step',
    entityType: 'task',
    entityId: next.id,
    after: { runId: run.id, step: next.step, after: done.id },
  });
  await tellAssigned(deps, tx, actor, next);
  return next;
}

/** The weekly starts due today in each workspace's time zone; run by the worker, safe to run again. */
export async function startWeekly(deps: Deps, now = new Date()) {
  const rows = await deps.db
    .select({ t: taskTemplates, timezone: workspaces.timezone })
    .from(taskTemplates)
    .innerJoin(workspaces, eq(workspaces.id, taskTemplates.workspaceId))
    .where(and(eq(taskTemplates.active, true), sql`${taskTemplates.weekday} is not null`));
  let started = 0;
  for (const { t, timezone } of rows) {
    const today = localDay(now, timezone);
    if (new Date(`${today}T00:00:00Z`).getUTCDay() !== t.weekday) continue;
    const task = await deps.db.transaction(async (tx) => {
      const made = await startRun(tx, t, null, today, now);
      if (made) {
        await audit(
          tx,
          { workspaceId: t.workspaceId, userId: null },
          { action: 'task_template.start', entityType: 'task_template', entityId: t.id, after: { taskId: made.id, weekly: today } },
        );
        await tellAssigned(deps, tx, { userId: null }, made);
      }
      return made;
    });
    if (task) started++;
  }
  return { started };
}
