// Incidents: the crisis runbook as one object. Every change is one transaction that writes the
// incident, a timeline entry with its actor, and the audit log.
import { and, desc, eq, ilike, ne, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type * as C from '../../../../contract/incidents';
import type { Deps } from '../../context';
import type { Executor, Tx } from '../../db/pool';
import { AppError, invalidState, notFound } from '../../lib/errors';
import { paged } from '../../lib/paging';
import { contains } from '../../lib/sql';
import { type Actor, audit } from '../identity/audit';
import { assertCan, type Permission } from '../identity/roles';
import { memberName } from '../identity/membership';
import { type NotifyEvent, notify } from '../notify/service';
import * as repo from './repository';
import { checklistItems, incidents, type PostmortemRow } from './tables';

export const INCIDENT = { zh: '事件', en: 'Incident' };
type Status = z.infer<typeof C.IncidentStatus>;
type Severity = z.infer<typeof C.IncidentSeverity>;

/** Where each status may go. closed is final and needs a post-mortem (see close rules below). */
const NEXT: Record<Status, Status[]> = {
  open: ['mitigating', 'resolved'],
  mitigating: ['open', 'resolved'],
  resolved: ['open', 'mitigating', 'closed'],
  closed: [],
};
const SEV_NOTIFY: Record<Severity, 'critical' | 'warning'> = { sev1: 'critical', sev2: 'warning', sev3: 'warning' };
const SEV_LABEL: Record<Severity, string> = { sev1: 'P1', sev2: 'P2', sev3: 'P3' };

export async function listIncidents(deps: Deps, actor: Actor, q: z.infer<typeof C.IncidentQuery> & { page: number; pageSize: number }) {
  const where = and(
    eq(incidents.workspaceId, actor.workspaceId),
    q.status ? eq(incidents.status, q.status) : undefined,
    q.state === 'active' ? ne(incidents.status, 'closed') : undefined,
    q.severity ? eq(incidents.severity, q.severity) : undefined,
    q.ownerId ? eq(incidents.ownerId, q.ownerId) : undefined,
    q.q ? ilike(incidents.title, contains(q.q)) : undefined,
  );
  return paged(
    q,
    (limit, offset) =>
      deps.db
        .select({ i: incidents, ownerName: memberName(incidents.workspaceId, incidents.ownerId) })
        .from(incidents)
        .where(where)
        .orderBy(desc(incidents.openedAt))
        .limit(limit)
        .offset(offset),
    deps.db.select({ n: sql<number>`count(*)::int` }).from(incidents).where(where),
    async (rows) => {
      const counts = await repo.checklistCounts(
        deps.db,
        rows.map((r) => r.i.id),
      );
      return rows.map((r) => repo.incidentView(r.i, r.ownerName, counts.get(r.i.id)));
    },
  );
}

export async function getIncident(deps: Deps, actor: Actor, id: string, tx: Executor = deps.db) {
  const row = await repo.findIncident(tx, actor.workspaceId, id);
  if (!row) throw notFound(INCIDENT);
  const [checklist, timeline, publishingState, ownerName] = await Promise.all([
    repo.checklistOf(tx, id),
    repo.timelineOf(tx, id),
    repo.publishingCounts(tx, actor.workspaceId),
    repo.userName(tx, row.workspaceId, row.ownerId),
  ]);
  const done = checklist.filter((c) => c.checkedAt).length;
  return {
    ...repo.incidentView(row, ownerName, { done, total: checklist.length }),
    checklist,
    timeline,
    postmortem: row.postmortem ?? null,
    publishing: publishingState,
  };
}

async function assertOwnerCandidate(tx: Executor, workspaceId: string, userId: string) {
  const role = await repo.memberRole(tx, workspaceId, userId);
  if (!role || role === 'guest') {
    throw new AppError('validation_failed', { zh: '负责人必须是本工作区成员（访客除外）', en: 'The owner must be a member of this workspace (not a guest)' });
  }
}

export async function tell(deps: Deps, tx: Tx, row: repo.IncidentRow, e: Omit<NotifyEvent, 'workspaceId' | 'link' | 'userIds'>, extra: string[] = []) {
  const userIds = [...new Set([...(await repo.managerIds(tx, row.workspaceId)), ...(row.ownerId ? [row.ownerId] : []), ...extra])];
  await notify(deps, { ...e, workspaceId: row.workspaceId, link: `/incidents/${row.id}`, userIds, webhooks: true }, tx);
}

/** Opens an incident inside the caller's transaction (also used to escalate an alert). */
export async function openIncident(
  deps: Deps,
  tx: Tx,
  actor: Actor,
  body: { title: string; description: string; severity: Severity; playbookId?: string | null; ownerId?: string },
  trigger: { alertId: string } | null = null,
) {
  const ownerId = body.ownerId ?? actor.userId;
  await assertOwnerCandidate(tx, actor.workspaceId, ownerId);
  await repo.ensureDefaultPlaybooks(tx, actor.workspaceId);
  const playbook = body.playbookId ? await repo.findPlaybook(tx, actor.workspaceId, body.playbookId) : null;
  if (body.playbookId && !playbook) throw new AppError('validation_failed', { zh: '预案不存在或已归档', en: 'The playbook does not exist or is archived' });
  const number = await repo.nextNumber(tx, actor.workspaceId);
  const [row] = await tx
    .insert(incidents)
    .values({
      workspaceId: actor.workspaceId,
      number,
      title: body.title,
      description: body.description,
      severity: body.severity,
      trigger: trigger ? 'alert' : 'manual',
      alertId: trigger?.alertId ?? null,
      playbookId: playbook?.id ?? null,
      ownerId,
      openedBy: actor.userId,
    })
    .returning();
  if (playbook) {
    await tx
      .insert(checklistItems)
      .values(
        playbook.items.map((it, i) => ({ workspaceId: actor.workspaceId, incidentId: row.id, position: i + 1, text: it.text, textEn: it.textEn ?? null })),
      );
  }
  const base = { workspaceId: actor.workspaceId, incidentId: row.id, actorId: actor.userId };
  await repo.addEvent(tx, {
    ...base,
    kind: 'created',
    data: {
      title: row.title,
      severity: row.severity,
      ownerId,
      trigger: row.trigger,
      alertId: row.alertId,
      playbook: playbook ? { id: playbook.id, name: playbook.name, nameEn: playbook.nameEn } : null,
    },
  });
  await audit(tx, actor, {
    action: 'incident.create',
    entityType: 'incident',
    entityId: row.id,
    after: { number, title: row.title, severity: row.severity, ownerId, trigger: row.trigger, alertId: row.alertId },
  });
  await tell(
    deps,
    tx,
    row,
    {
      kind: 'incident.opened',
      severity: SEV_NOTIFY[body.severity],
      title: { zh: `【${SEV_LABEL[body.severity]}】事件 #${number}：${row.title}`, en: `[${SEV_LABEL[body.severity]}] Incident #${number}: ${row.title}` },
      body: { zh: row.description || '已创建危机事件，请尽快处理。', en: row.description || 'A crisis incident was opened; please respond.' },
    },
    [actor.userId],
  );
  return row;
}

export async function createIncident(deps: Deps, actor: Actor, body: z.infer<typeof C.CreateIncidentBody>) {
  assertCan(actor.role, 'incidents.write');
  return deps.db.transaction(async (tx) => {
    const row = await openIncident(deps, tx, actor, body);
    return getIncident(deps, actor, row.id, tx);
  });
}

/** Loads and locks the incident, refuses a closed one, runs `fn`, and answers the fresh detail. */
export async function change(deps: Deps, actor: Actor, id: string, perm: Permission, fn: (tx: Tx, row: repo.IncidentRow) => Promise<void>) {
  assertCan(actor.role, perm);
  return deps.db.transaction(async (tx) => {
    const row = await repo.findIncident(tx, actor.workspaceId, id, true);
    if (!row) throw notFound(INCIDENT);
    if (row.status === 'closed') throw invalidState({ zh: '事件已关闭，不能再修改', en: 'The incident is closed and can no longer be changed' });
    await fn(tx, row);
    await tx.update(incidents).set({ updatedAt: sql`now()` }).where(eq(incidents.id, id));
    return getIncident(deps, actor, id, tx);
  });
}

export async function updateIncident(deps: Deps, actor: Actor, id: string, body: z.infer<typeof C.UpdateIncidentBody>) {
  // Severity and owner are the manager's call; title and description anyone working on it may fix.
  if (body.severity !== undefined || body.ownerId !== undefined) assertCan(actor.role, 'incidents.manage');
  return change(deps, actor, id, 'incidents.write', async (tx, row) => {
    const base = { workspaceId: actor.workspaceId, incidentId: id, actorId: actor.userId };
    const set: Partial<repo.IncidentRow> = {};
    if (body.title !== undefined && body.title !== row.title) set.title = body.title;
    if (body.description !== undefined && body.description !== row.description) set.description = body.description;
    if (set.title !== undefined || set.description !== undefined) {
      await repo.addEvent(tx, { ...base, kind: 'edited', data: { fields: Object.keys(set), title: set.title } });
    }
    if (body.severity && body.severity !== row.severity) {
      set.severity = body.severity;
      await repo.addEvent(tx, { ...base, kind: 'severity', data: { from: row.severity, to: body.severity } });
      await tell(deps, tx, row, {
        kind: 'incident.severity',
        severity: SEV_NOTIFY[body.severity],
        title: { zh: `事件 #${row.number} 级别调整为 ${SEV_LABEL[body.severity]}`, en: `Incident #${row.number} is now ${SEV_LABEL[body.severity]}` },
        body: {
          zh: `${row.title}：${SEV_LABEL[row.severity as Severity]} → ${SEV_LABEL[body.severity]}`,
          en: `${row.title}: ${SEV_LABEL[row.severity as Severity]} → ${SEV_LABEL[body.severity]}`,
        },
      });
    }
    if (body.ownerId && body.ownerId !== row.ownerId) {
      await assertOwnerCandidate(tx, actor.workspaceId, body.ownerId);
      set.ownerId = body.ownerId;
      await repo.addEvent(tx, {
        ...base,
        kind: 'owner',
        data: { from: row.ownerId, to: body.ownerId, toName: await repo.userName(tx, actor.workspaceId, body.ownerId) },
      });
      await tell(
        deps,
        tx,
        { ...row, ownerId: body.ownerId },
        {
          kind: 'incident.owner',
          severity: 'info',
          title: { zh: `你被指派为事件 #${row.number} 的负责人`, en: `You own incident #${row.number}` },
          body: { zh: row.title, en: row.title },
        },
      );
    }
    if (!Object.keys(set).length) return;
    await tx.update(incidents).set(set).where(eq(incidents.id, id));
    await audit(tx, actor, {
      action: 'incident.update',
      entityType: 'incident',
      entityId: id,
      before: Object.fromEntries(Object.keys(set).map((k) => [k, row[k as keyof repo.IncidentRow]])),
      after: set,
    });
  });
}

export async function setStatus(deps: Deps, actor: Actor, id: string, body: z.infer<typeof C.IncidentStatusBody>) {
  if (body.status === 'closed') assertCan(actor.role, 'incidents.manage');
  return change(deps, actor, id, 'incidents.write', async (tx, row) => {
    const from = row.status as Status;
    if (from === body.status) return;
    if (!NEXT[from].includes(body.status)) {
      throw invalidState({ zh: `事件处于「${from}」状态，不能变为「${body.status}」`, en: `The incident is ${from}; it cannot become ${body.status}` });
    }
    if (body.status === 'closed') {
      const pm = row.postmortem;
      if (!pm?.summary.trim() || !pm.rootCause.trim()) {
        throw invalidState({
          zh: '关闭事件前请先填写复盘（概述和根本原因）',
          en: 'Write the post-mortem (summary and root cause) before closing the incident',
        });
      }
    }
    const set: Partial<repo.IncidentRow> = { status: body.status };
    if (body.status === 'resolved') set.resolvedAt = new Date();
    if (body.status === 'open' || body.status === 'mitigating') set.resolvedAt = null;
    if (body.status === 'closed') set.closedAt = new Date();
    await tx.update(incidents).set(set).where(eq(incidents.id, id));
    await repo.addEvent(tx, {
      workspaceId: actor.workspaceId,
      incidentId: id,
      actorId: actor.userId,
      kind: 'status',
      data: { from, to: body.status, note: body.note ?? null },
    });
    await audit(tx, actor, {
      action: `incident.${body.status === 'closed' ? 'close' : 'status'}`,
      entityType: 'incident',
      entityId: id,
      before: { status: from },
      after: { status: body.status },
    });
    if (body.status === 'resolved') {
      await tell(deps, tx, row, {
        kind: 'incident.resolved',
        severity: 'info',
        title: { zh: `事件 #${row.number} 已解决`, en: `Incident #${row.number} resolved` },
        body: { zh: body.note || row.title, en: body.note || row.title },
      });
    }
  });
}

export async function addNote(deps: Deps, actor: Actor, id: string, text: string) {
  return change(deps, actor, id, 'incidents.write', async (tx) => {
    await repo.addEvent(tx, { workspaceId: actor.workspaceId, incidentId: id, actorId: actor.userId, kind: 'note', data: { text } });
    await audit(tx, actor, { action: 'incident.note', entityType: 'incident', entityId: id, after: { text } });
  });
}

export async function checkItem(deps: Deps, actor: Actor, id: string, itemId: string, checked: boolean) {
  return change(deps, actor, id, 'incidents.write', async (tx) => {
    const [item] = await tx
      .select()
      .from(checklistItems)
      .where(and(eq(checklistItems.id, itemId), eq(checklistItems.incidentId, id)))
      .for('update');
    if (!item) throw notFound({ zh: '检查项', en: 'Checklist item' });
    if (Boolean(item.checkedAt) === checked) return;
    await tx
      .update(checklistItems)
      .set(checked ? { checkedAt: sql`now()`, checkedBy: actor.userId } : { checkedAt: null, checkedBy: null })
      .where(eq(checklistItems.id, itemId));
    const data = { itemId, text: item.text, textEn: item.textEn };
    await repo.addEvent(tx, {
      workspaceId: actor.workspaceId,
      incidentId: id,
      actorId: actor.userId,
      kind: checked ? 'checklist_checked' : 'checklist_unchecked',
      data,
    });
    await audit(tx, actor, { action: checked ? 'incident.check' : 'incident.uncheck', entityType: 'incident', entityId: id, after: data });
  });
}

export async function addItem(deps: Deps, actor: Actor, id: string, text: string) {
  return change(deps, actor, id, 'incidents.write', async (tx) => {
    const [{ n }] = await tx
      .select({ n: sql<number>`coalesce(max(${checklistItems.position}), 0)::int` })
      .from(checklistItems)
      .where(eq(checklistItems.incidentId, id));
    const [item] = await tx
      .insert(checklistItems)
      .values({ workspaceId: actor.workspaceId, incidentId: id, position: n + 1, text })
      .returning();
    await repo.addEvent(tx, {
      workspaceId: actor.workspaceId,
      incidentId: id,
      actorId: actor.userId,
      kind: 'checklist_added',
      data: { itemId: item.id, text },
    });
    await audit(tx, actor, { action: 'incident.checklist_add', entityType: 'incident', entityId: id, after: { text } });
  });
}

export async function savePostmortem(deps: Deps, actor: Actor, id: string, body: z.infer<typeof C.PostmortemBody>) {
  return change(deps, actor, id, 'incidents.write', async (tx, row) => {
    if (body.actions.length) {
      const owners = [...new Set(body.actions.map((a) => a.ownerId).filter((x): x is string => !!x))];
      for (const o of owners) {
        if (!(await repo.memberRole(tx, actor.workspaceId, o))) {
          throw new AppError('validation_failed', { zh: '改进项负责人必须是本工作区成员', en: 'Action owners must be members of this workspace' });
        }
      }
    }
    const pm: PostmortemRow = {
      ...body,
      actions: body.actions.map((a) => ({ text: a.text, ownerId: a.ownerId ?? null, dueOn: a.dueOn ?? null, done: a.done ?? false })),
      updatedAt: new Date().toISOString(),
      updatedBy: actor.userId,
    };
    await tx.update(incidents).set({ postmortem: pm }).where(eq(incidents.id, id));
    await repo.addEvent(tx, { workspaceId: actor.workspaceId, incidentId: id, actorId: actor.userId, kind: 'postmortem', data: { first: !row.postmortem } });
    await audit(tx, actor, { action: 'incident.postmortem', entityType: 'incident', entityId: id, before: row.postmortem, after: pm });
  });
}

/** Records that an approved holding statement was copied or published, with its text as used. */
export async function useStatement(deps: Deps, actor: Actor, id: string, statementId: string, body: z.infer<typeof C.UseStatementBody>) {
  return change(deps, actor, id, 'incidents.write', async (tx) => {
    const s = await repo.findStatement(tx, actor.workspaceId, statementId);
    if (!s) throw notFound({ zh: '回应口径', en: 'Holding statement' });
    if (!s.approvedAt) throw invalidState({ zh: '该口径尚未审批，不能使用', en: 'This statement is not approved yet and cannot be used' });
    const data = { statementId, title: s.title, body: s.body, action: body.action, channel: body.channel ?? null };
    await repo.addEvent(tx, { workspaceId: actor.workspaceId, incidentId: id, actorId: actor.userId, kind: 'statement_used', data });
    await audit(tx, actor, {
      action: 'incident.statement_used',
      entityType: 'incident',
      entityId: id,
      after: { statementId, action: body.action, channel: body.channel ?? null },
    });
  });
}
