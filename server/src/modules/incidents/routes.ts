import type { FastifyInstance } from 'fastify';
import { R } from '../../../../contract/routes';
import type { Deps } from '../../context';
import { actorOf } from '../../http';
import { on } from '../../route';
import * as alerts from './alerts';
import * as monitor from './monitor';
import * as pause from './pause';
import * as svc from './service';
import * as tpl from './templates';

export async function incidentRoutes(app: FastifyInstance, deps: Deps) {
  const r = R.incidents;
  const ok = { ok: true as const };

  on(app, r.listIncidents, async (req) => svc.listIncidents(deps, actorOf(req), req.query));
  on(app, r.createIncident, async (req, reply) => {
    reply.status(201);
    return svc.createIncident(deps, actorOf(req), req.body);
  });
  on(app, r.getIncident, async (req) => svc.getIncident(deps, actorOf(req), req.params.id));
  on(app, r.updateIncident, async (req) => svc.updateIncident(deps, actorOf(req), req.params.id, req.body));
  on(app, r.setIncidentStatus, async (req) => svc.setStatus(deps, actorOf(req), req.params.id, req.body));
  on(app, r.addIncidentNote, async (req) => svc.addNote(deps, actorOf(req), req.params.id, req.body.text));
  on(app, r.addChecklistItem, async (req) => svc.addItem(deps, actorOf(req), req.params.id, req.body.text));
  on(app, r.checkChecklistItem, async (req) => svc.checkItem(deps, actorOf(req), req.params.id, req.params.itemId, req.body.checked));
  on(app, r.savePostmortem, async (req) => svc.savePostmortem(deps, actorOf(req), req.params.id, req.body));
  on(app, r.useStatement, async (req) => svc.useStatement(deps, actorOf(req), req.params.id, req.params.statementId, req.body));
  on(app, r.pauseFromIncident, async (req) => pause.pauseFromIncident(deps, actorOf(req), req.params.id, req.body.reason));
  on(app, r.resumeFromIncident, async (req) => pause.resumeFromIncident(deps, actorOf(req), req.params.id));

  on(app, r.listPlaybooks, async (req) => tpl.listPlaybooks(deps, actorOf(req)));
  on(app, r.createPlaybook, async (req, reply) => {
    reply.status(201);
    return tpl.createPlaybook(deps, actorOf(req), req.body);
  });
  on(app, r.updatePlaybook, async (req) => tpl.updatePlaybook(deps, actorOf(req), req.params.id, req.body));
  on(app, r.archivePlaybook, async (req) => {
    await tpl.archivePlaybook(deps, actorOf(req), req.params.id);
    return ok;
  });

  on(app, r.listStatements, async (req) => tpl.listStatements(deps, actorOf(req), req.query));
  on(app, r.createStatement, async (req, reply) => {
    reply.status(201);
    return tpl.createStatement(deps, actorOf(req), req.body);
  });
  on(app, r.updateStatement, async (req) => tpl.updateStatement(deps, actorOf(req), req.params.id, req.body));
  on(app, r.approveStatement, async (req) => tpl.approveStatement(deps, actorOf(req), req.params.id));
  on(app, r.archiveStatement, async (req) => {
    await tpl.archiveStatement(deps, actorOf(req), req.params.id);
    return ok;
  });

  on(app, r.listAlerts, async (req) => alerts.listAlerts(deps, actorOf(req), req.query));
  on(app, r.getAlert, async (req) => alerts.getAlert(deps, actorOf(req), req.params.id));
  on(app, r.acknowledgeAlert, async (req) => alerts.acknowledgeAlert(deps, actorOf(req), req.params.id));
  on(app, r.escalateAlert, async (req, reply) => {
    reply.status(201);
    return alerts.escalateAlert(deps, actorOf(req), req.params.id, req.body);
  });

  on(app, r.listMonitorItems, async (req) => alerts.listItems(deps, actorOf(req), req.query));
  on(app, r.feedMonitorItems, async (req) => monitor.feedItems(deps, actorOf(req), req.body));
  on(app, r.getMonitorSettings, async (req) => monitor.getSettings(deps, actorOf(req)));
  on(app, r.updateMonitorSettings, async (req) => monitor.updateSettings(deps, actorOf(req), req.body));
}
