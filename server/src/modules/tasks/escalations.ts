// Escalations: any member asks the manager to decide about a task, with a reason; the managers
// are told, one of them decides, the member who raised it is told. Each keeps its history.
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type * as T from '../../../../contract/tasks';
import type { Deps } from '../../context';
import type { Executor } from '../../db/pool';
import { invalidState, notFound } from '../../lib/errors';
import { iso, isoOr } from '../../lib/time';
import { type Actor, audit } from '../identity/audit';
import { memberNames } from '../identity/membership';
import { assertCan } from '../identity/roles';
import { notify } from '../notify/service';
import { findTask } from './repository';
import { taskEscalations, tasks } from './tables';

type Row = typeof taskEscalations.$inferSelect;
const ESCALATION = { zh: '升级', en: 'Escalation' };

async function views(ex: Executor, workspaceId: string, rows: Row[]): Promise<z.infer<typeof T.Escalation>[]> {
  const ids = [...new Set(rows.map((r) => r.taskId))];
  const [names, titles] = await Promise.all([
    memberNames(
      ex,
      workspaceId,
      rows.flatMap((r) => [r.raisedBy, r.decidedBy]),
    ),
    ids.length ? ex.select({ id: tasks.id, title: tasks.title }).from(tasks).where(inArray(tasks.id, ids)) : Promise.resolve([]),
  ]);
  const title = new Map(titles.map((t) => [t.id, t.title]));
  const name = (u: string | null) => (u ? (names.get(u) ?? null) : null);
  return rows.map((r) => ({
    id: r.id,
    taskId: r.taskId,
    taskTitle: title.get(r.taskId) ?? '',
    reason: r.reason,
    raisedBy: r.raisedBy,
    raisedByName: name(r.raisedBy),
    raisedAt: isoOr(r.raisedAt),
    status: r.status as never,
    decision: r.decision,
    decidedBy: r.decidedBy,
    decidedByName: name(r.decidedBy),
    decidedAt: iso(r.decidedAt),
  }));
}

export async function escalationsOf(ex: Executor, workspaceId: string, taskIds: string[]) {
  const rows = await ex
    .select()
    .from(taskEscalations)
    .where(and(eq(taskEscalations.workspaceId, workspaceId), inArray(taskEscalations.taskId, taskIds)))
    .orderBy(desc(taskEscalations.raisedAt));
  return views(ex, workspaceId, rows);
}

export async function listEscalations(deps: Deps, actor: Actor, q: z.infer<typeof T.EscalationQuery>) {
  assertCan(actor.role, 'tasks.work');
  const rows = await deps.db
    .select()
    .from(taskEscalations)
    .where(and(eq(taskEscalations.workspaceId, actor.workspaceId), q.status ? eq(taskEscalations.status, q.status) : undefined))
    .orderBy(desc(taskEscalations.raisedAt))
    .limit(200);
  return views(deps.db, actor.workspaceId, rows);
}

export async function escalateTask(deps: Deps, actor: Actor, taskId: string, body: z.infer<typeof T.EscalateBody>) {
  assertCan(actor.role, 'tasks.work');
  return deps.db.transaction(async (tx) => {
    const task = await findTask(tx, actor.workspaceId, taskId);
    const [row] = await tx.insert(taskEscalations).values({ workspaceId: actor.workspaceId, taskId, reason: body.reason, raisedBy: actor.userId }).returning();
    await audit(tx, actor, { action: 'task.escalate', entityType: 'task', entityId: taskId, after: { escalationId: row.id, reason: body.reason } });
    await notify(
      deps,
      {
        workspaceId: actor.workspaceId,
        kind: 'task.escalation',
        severity: 'warning',
        title: { zh: `任务 #${task.number} 需要你决定`, en: `Task #${task.number} needs your decision` },
        body: { zh: `${task.title}：${body.reason}`, en: `${task.title}: ${body.reason}` },
        link: `/tasks?tab=conflicts`,
      },
      tx,
    );
    const [v] = await views(tx, actor.workspaceId, [row]);
    return v;
  });
}

export async function decideEscalation(deps: Deps, actor: Actor, id: string, body: z.infer<typeof T.DecideBody>) {
  assertCan(actor.role, 'tasks.manage');
  return deps.db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(taskEscalations)
      .where(and(eq(taskEscalations.id, id), eq(taskEscalations.workspaceId, actor.workspaceId)))
      .for('update');
    if (!before) throw notFound(ESCALATION);
    if (before.status !== 'open') throw invalidState({ zh: '这项升级已有决定', en: 'This escalation has been decided already' });
    const [row] = await tx
      .update(taskEscalations)
      .set({ status: 'decided', decision: body.decision, decidedBy: actor.userId, decidedAt: new Date() })
      .where(eq(taskEscalations.id, id))
      .returning();
    await audit(tx, actor, {
      action: 'task.escalation_decided',
      entityType: 'task',
      entityId: row.taskId,
      after: { escalationId: id, decision: body.decision },
    });
    if (row.raisedBy && row.raisedBy !== actor.userId)
      await notify(
        deps,
        {
          workspaceId: actor.workspaceId,
          kind: 'task.escalation_decided',
          title: { zh: '你提出的升级已有决定', en: 'Your escalation has been decided' },
          body: { zh: body.decision, en: body.decision },
          link: `/tasks?open=${row.taskId}`,
          userIds: [row.raisedBy],
          webhooks: false,
        },
        tx,
      );
    const [v] = await views(tx, actor.workspaceId, [row]);
    return v;
  });
}
