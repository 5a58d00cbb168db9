import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/pool';
import { iso, isoOr } from '../../lib/time';
import { memberName, memberNameOf } from '../identity/membership';
import { memberships, workspaces } from '../identity/tables';
import { publications } from '../publishing/tables';
import { DEFAULT_PLAYBOOKS } from './defaults';
import { checklistItems, holdingStatements, incidentEvents, incidents, playbooks } from './tables';

export type IncidentRow = typeof incidents.$inferSelect;
export type PlaybookRow = typeof playbooks.$inferSelect;
export type StatementRow = typeof holdingStatements.$inferSelect;

export const incidentView = (r: IncidentRow, ownerName: string | null, counts?: { done: number; total: number }) => ({
  id: r.id,
  number: r.number,
  title: r.title,
  description: r.description,
  severity: r.severity as 'sev1' | 'sev2' | 'sev3',
  status: r.status as 'open' | 'mitigating' | 'resolved' | 'closed',
  trigger: r.trigger as 'manual' | 'alert',
  alertId: r.alertId,
  playbookId: r.playbookId,
  ownerId: r.ownerId,
  ownerName,
  openedBy: r.openedBy,
  openedAt: isoOr(r.openedAt),
  resolvedAt: iso(r.resolvedAt),
  closedAt: iso(r.closedAt),
  checklistDone: counts?.done ?? 0,
  checklistTotal: counts?.total ?? 0,
  updatedAt: isoOr(r.updatedAt),
});

export const playbookView = (p: PlaybookRow) => ({
  id: p.id,
  key: p.key,
  name: p.name,
  nameEn: p.nameEn,
  description: p.description,
  defaultSeverity: p.defaultSeverity as 'sev1' | 'sev2' | 'sev3',
  items: p.items.map((i) => ({ text: i.text, textEn: i.textEn ?? null })),
  builtIn: p.key !== null,
  updatedAt: isoOr(p.updatedAt),
});

export const statementView = (s: StatementRow, approvedByName: string | null) => ({
  id: s.id,
  title: s.title,
  body: s.body,
  tags: s.tags,
  status: (s.approvedAt ? 'approved' : 'draft') as 'approved' | 'draft',
  approvedBy: s.approvedBy,
  approvedByName,
  approvedAt: iso(s.approvedAt),
  createdBy: s.createdBy,
  updatedAt: isoOr(s.updatedAt),
});

export async function findIncident(tx: Executor, workspaceId: string, id: string, lock = false) {
  const q = tx
    .select()
    .from(incidents)
    .where(and(eq(incidents.id, id), eq(incidents.workspaceId, workspaceId)));
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
}

/** The name of a member of the workspace (null for anyone else: names never cross workspaces). */
export const userName = (tx: Executor, workspaceId: string, id: string | null) => memberNameOf(tx, workspaceId, id);

/** The member's role in the workspace, or null when not a member. */
export async function memberRole(tx: Executor, workspaceId: string, userId: string) {
  const [m] = await tx
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
  return m?.role ?? null;
}

/** Owners and managers: who hears about every incident. */
export async function managerIds(tx: Executor, workspaceId: string) {
  const rows = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), inArray(memberships.role, ['owner', 'manager'])));
  return rows.map((r) => r.userId);
}

/** The next incident number of the workspace; the caller holds the workspace's incident lock. */
export async function nextNumber(tx: Executor, workspaceId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`incidents:${workspaceId}`}))`);
  const [r] = await tx
    .select({ n: sql<number>`coalesce(max(${incidents.number}), 0)::int + 1` })
    .from(incidents)
    .where(eq(incidents.workspaceId, workspaceId));
  return r.n;
}

export async function addEvent(
  tx: Executor,
  e: { workspaceId: string; incidentId: string; actorId: string | null; kind: string; data?: Record<string, unknown> },
) {
  await tx.insert(incidentEvents).values({ ...e, data: e.data ?? {} });
}

export async function timelineOf(tx: Executor, incidentId: string) {
  const rows = await tx
    .select({ e: incidentEvents, actorName: memberName(incidentEvents.workspaceId, incidentEvents.actorId) })
    .from(incidentEvents)
    .where(eq(incidentEvents.incidentId, incidentId))
    .orderBy(asc(incidentEvents.id))
    .limit(2000);
  return rows.map((r) => ({ id: r.e.id, kind: r.e.kind, actorId: r.e.actorId, actorName: r.actorName, data: r.e.data, at: isoOr(r.e.at) }));
}

export async function checklistOf(tx: Executor, incidentId: string) {
  const rows = await tx
    .select({ c: checklistItems, name: memberName(checklistItems.workspaceId, checklistItems.checkedBy) })
    .from(checklistItems)
    .where(eq(checklistItems.incidentId, incidentId))
    .orderBy(asc(checklistItems.position));
  return rows.map((r) => ({
    id: r.c.id,
    position: r.c.position,
    text: r.c.text,
    textEn: r.c.textEn,
    checkedAt: iso(r.c.checkedAt),
    checkedBy: r.c.checkedBy,
    checkedByName: r.c.checkedAt ? r.name : null,
  }));
}

export async function checklistCounts(tx: Executor, incidentIds: string[]) {
  const out = new Map<string, { done: number; total: number }>();
  if (!incidentIds.length) return out;
  const rows = await tx
    .select({
      id: checklistItems.incidentId,
      total: sql<number>`count(*)::int`,
      done: sql<number>`count(${checklistItems.checkedAt})::int`,
    })
    .from(checklistItems)
    .where(inArray(checklistItems.incidentId, incidentIds))
    .groupBy(checklistItems.incidentId);
  for (const r of rows) out.set(r.id, { done: r.done, total: r.total });
  return out;
}

/** What the crisis pause holds: the workspace flag and its publications by state. */
export async function publishingCounts(tx: Executor, workspaceId: string) {
  const [ws] = await tx
    .select({ paused: workspaces.paused, pausedAt: workspaces.pausedAt, pauseReason: workspaces.pauseReason })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  const rows = await tx
    .select({ state: publications.state, n: sql<number>`count(*)::int` })
    .from(publications)
    .where(and(eq(publications.workspaceId, workspaceId), inArray(publications.state, ['scheduled', 'paused', 'dispatching', 'submitted'])))
    .groupBy(publications.state);
  const by = Object.fromEntries(rows.map((r) => [r.state, r.n]));
  return {
    workspacePaused: ws?.paused ?? false,
    pausedAt: iso(ws?.pausedAt),
    pauseReason: ws?.pauseReason ?? null,
    scheduled: by.scheduled ?? 0,
    paused: by.paused ?? 0,
    // Already handed to a platform (or being handed): a pause cannot call these back.
    inFlight: (by.dispatching ?? 0) + (by.submitted ?? 0),
  };
}

/** Seeds the built-in playbooks once per workspace; archived ones stay archived. */
export async function ensureDefaultPlaybooks(tx: Executor, workspaceId: string) {
  await tx
    .insert(playbooks)
    .values(DEFAULT_PLAYBOOKS.map((p) => ({ ...p, workspaceId })))
    .onConflictDoNothing({ target: [playbooks.workspaceId, playbooks.key] });
}

export async function findPlaybook(tx: Executor, workspaceId: string, id: string) {
  const [row] = await tx
    .select()
    .from(playbooks)
    .where(and(eq(playbooks.id, id), eq(playbooks.workspaceId, workspaceId), isNull(playbooks.archivedAt)));
  return row ?? null;
}

export async function findStatement(tx: Executor, workspaceId: string, id: string) {
  const [row] = await tx
    .select()
    .from(holdingStatements)
    .where(and(eq(holdingStatements.id, id), eq(holdingStatements.workspaceId, workspaceId), isNull(holdingStatements.archivedAt)));
  return row ?? null;
}
