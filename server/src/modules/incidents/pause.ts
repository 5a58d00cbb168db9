// The crisis pause from an incident: the workspace-wide pause of the publishing service,
// recorded on the incident's timeline.
import type { Deps } from '../../context';
import { invalidState, notFound } from '../../lib/errors';
import { type Actor, audit } from '../identity/audit';
import { assertCan } from '../identity/roles';
import * as publishing from '../publishing/service';
import * as repo from './repository';
import { change, INCIDENT, tell } from './service';

async function liveIncident(deps: Deps, actor: Actor, id: string) {
  const row = await repo.findIncident(deps.db, actor.workspaceId, id);
  if (!row) throw notFound(INCIDENT);
  if (row.status === 'closed') throw invalidState({ zh: '事件已关闭，不能再修改', en: 'The incident is closed and can no longer be changed' });
  return row;
}

/**
 * The one-click crisis pause, through the publishing service (its own transaction and its
 * 'workspace.pause' audit entry), then recorded on the timeline with what it holds.
 */
export async function pauseFromIncident(deps: Deps, actor: Actor, id: string, reason: string) {
  assertCan(actor.role, 'incidents.manage');
  const row = await liveIncident(deps, actor, id);
  const why = `事件 #${row.number}：${row.title}${reason ? ` — ${reason}` : ''}`.slice(0, 500);
  await publishing.pause(deps, actor, why);
  return change(deps, actor, id, 'incidents.manage', async (tx, r) => {
    const counts = await repo.publishingCounts(tx, actor.workspaceId);
    const data = { reason, held: counts.paused, inFlight: counts.inFlight };
    await repo.addEvent(tx, { workspaceId: actor.workspaceId, incidentId: id, actorId: actor.userId, kind: 'paused', data });
    await audit(tx, actor, { action: 'incident.pause', entityType: 'incident', entityId: id, after: data });
    await tell(deps, tx, r, {
      kind: 'incident.paused',
      severity: 'critical',
      title: { zh: `事件 #${r.number}：已暂停全部发布`, en: `Incident #${r.number}: all publishing paused` },
      body: { zh: `${counts.paused} 条发布已暂停。${reason}`, en: `${counts.paused} publications held. ${reason}`.trim() },
    });
  });
}

export async function resumeFromIncident(deps: Deps, actor: Actor, id: string) {
  assertCan(actor.role, 'incidents.manage');
  await liveIncident(deps, actor, id);
  const before = await repo.publishingCounts(deps.db, actor.workspaceId);
  await publishing.resume(deps, actor);
  return change(deps, actor, id, 'incidents.manage', async (tx, r) => {
    const data = { released: before.paused };
    await repo.addEvent(tx, { workspaceId: actor.workspaceId, incidentId: id, actorId: actor.userId, kind: 'resumed', data });
    await audit(tx, actor, { action: 'incident.resume', entityType: 'incident', entityId: id, after: data });
    await tell(deps, tx, r, {
      kind: 'incident.resumed',
      severity: 'info',
      title: { zh: `事件 #${r.number}：已恢复发布`, en: `Incident #${r.number}: publishing resumed` },
      body: { zh: `${before.paused} 条发布重新排期。`, en: `${before.paused} publications released.` },
    });
  });
}
