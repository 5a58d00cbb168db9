// Monitoring alerts and the items behind them: list, acknowledge, escalate to an incident.
import { and, desc, eq, ilike, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type * as C from '../../../../contract/incidents';
import type { Deps } from '../../context';
import type { Tx } from '../../db/pool';
import { invalidState, notFound } from '../../lib/errors';
import { paged } from '../../lib/paging';
import { contains } from '../../lib/sql';
import { iso, isoOr } from '../../lib/time';
import { type Actor, audit } from '../identity/audit';
import { assertCan } from '../identity/roles';
import * as repo from './repository';
import { getIncident, openIncident } from './service';
import { monitorItemView } from './monitor';
import { monitorAlerts, monitorItems } from './tables';

const ALERT = { zh: '预警', en: 'Alert' };
type AlertRow = typeof monitorAlerts.$inferSelect;

const alertView = (a: AlertRow) => ({
  id: a.id,
  kind: a.kind as 'keyword' | 'negative_spike',
  rule: a.rule,
  severity: a.severity as 'warning' | 'critical',
  summaryZh: a.summaryZh,
  summaryEn: a.summaryEn,
  itemCount: a.itemCount,
  evidence: a.evidence,
  status: a.status as 'open' | 'acknowledged' | 'escalated',
  incidentId: a.incidentId,
  acknowledgedBy: a.acknowledgedBy,
  acknowledgedAt: iso(a.acknowledgedAt),
  firstSeenAt: isoOr(a.firstSeenAt),
  lastSeenAt: isoOr(a.lastSeenAt),
});

export async function listAlerts(deps: Deps, actor: Actor, q: z.infer<typeof C.AlertQuery> & { page: number; pageSize: number }) {
  const where = and(
    eq(monitorAlerts.workspaceId, actor.workspaceId),
    q.status ? eq(monitorAlerts.status, q.status) : undefined,
    q.kind ? eq(monitorAlerts.kind, q.kind) : undefined,
  );
  return paged(
    q,
    (limit, offset) => deps.db.select().from(monitorAlerts).where(where).orderBy(desc(monitorAlerts.lastSeenAt)).limit(limit).offset(offset),
    deps.db.select({ n: sql<number>`count(*)::int` }).from(monitorAlerts).where(where),
    (rows) => rows.map(alertView),
  );
}

async function findAlert(tx: Tx, actor: Actor, id: string) {
  const [a] = await tx
    .select()
    .from(monitorAlerts)
    .where(and(eq(monitorAlerts.id, id), eq(monitorAlerts.workspaceId, actor.workspaceId)))
    .for('update');
  if (!a) throw notFound(ALERT);
  return a;
}

export async function getAlert(deps: Deps, actor: Actor, id: string) {
  const [a] = await deps.db
    .select()
    .from(monitorAlerts)
    .where(and(eq(monitorAlerts.id, id), eq(monitorAlerts.workspaceId, actor.workspaceId)));
  if (!a) throw notFound(ALERT);
  return alertView(a);
}

export async function acknowledgeAlert(deps: Deps, actor: Actor, id: string) {
  assertCan(actor.role, 'incidents.write');
  return deps.db.transaction(async (tx) => {
    const a = await findAlert(tx, actor, id);
    if (a.status !== 'open') return alertView(a);
    const [row] = await tx
      .update(monitorAlerts)
      .set({ status: 'acknowledged', acknowledgedBy: actor.userId, acknowledgedAt: sql`now()` })
      .where(eq(monitorAlerts.id, id))
      .returning();
    await audit(tx, actor, { action: 'alert.acknowledge', entityType: 'alert', entityId: id, before: { status: a.status }, after: { status: 'acknowledged' } });
    return alertView(row);
  });
}

/** Opens an incident from an alert: trigger 'alert', the alert linked both ways. */
export async function escalateAlert(deps: Deps, actor: Actor, id: string, body: z.infer<typeof C.AlertIncidentBody>) {
  assertCan(actor.role, 'incidents.write');
  return deps.db.transaction(async (tx) => {
    const a = await findAlert(tx, actor, id);
    if (a.incidentId) throw invalidState({ zh: '该预警已升级为事件', en: 'This alert already has an incident' });
    const row = await openIncident(
      deps,
      tx,
      actor,
      {
        title: body.title ?? a.summaryZh.slice(0, 200),
        description: `${a.summaryZh}\n${a.summaryEn}`,
        severity: body.severity ?? (a.severity === 'critical' ? 'sev1' : 'sev2'),
        playbookId: body.playbookId,
        ownerId: body.ownerId,
      },
      { alertId: a.id },
    );
    await tx.update(monitorAlerts).set({ status: 'escalated', incidentId: row.id }).where(eq(monitorAlerts.id, id));
    await repo.addEvent(tx, {
      workspaceId: actor.workspaceId,
      incidentId: row.id,
      actorId: actor.userId,
      kind: 'alert_linked',
      data: { alertId: a.id, kind: a.kind, summaryZh: a.summaryZh, summaryEn: a.summaryEn, itemCount: a.itemCount },
    });
    await audit(tx, actor, {
      action: 'alert.escalate',
      entityType: 'alert',
      entityId: id,
      before: { status: a.status },
      after: { status: 'escalated', incidentId: row.id },
    });
    return getIncident(deps, actor, row.id, tx);
  });
}

export async function listItems(deps: Deps, actor: Actor, q: z.infer<typeof C.MonitorItemQuery> & { page: number; pageSize: number }) {
  let ids: string[] | undefined;
  if (q.alertId) ids = (await getAlert(deps, actor, q.alertId)).evidence.itemIds;
  const where = and(
    eq(monitorItems.workspaceId, actor.workspaceId),
    q.source ? eq(monitorItems.source, q.source) : undefined,
    q.sentiment === 'negative' ? eq(monitorItems.negative, true) : q.sentiment === 'other' ? eq(monitorItems.negative, false) : undefined,
    q.hits === 'yes' ? sql`jsonb_array_length(${monitorItems.hits}) > 0` : undefined,
    q.q ? ilike(monitorItems.text, contains(q.q)) : undefined,
    ids ? (ids.length ? inArray(monitorItems.id, ids) : sql`false`) : undefined,
  );
  return paged(
    q,
    (limit, offset) => deps.db.select().from(monitorItems).where(where).orderBy(desc(monitorItems.at)).limit(limit).offset(offset),
    deps.db.select({ n: sql<number>`count(*)::int` }).from(monitorItems).where(where),
    (rows) => rows.map(monitorItemView),
  );
}
