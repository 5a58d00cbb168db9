import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id, Page } from '../../../../contract/common';
import * as C from '../../../../contract/incidents';
import type { Deps } from '../../context';
import { actorOf } from '../../http';
import * as alerts from './alerts';
import * as monitor from './monitor';
import * as pause from './pause';
import * as svc from './service';
import * as tpl from './templates';

export async function incidentRoutes(app0: FastifyInstance, deps: Deps) {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const IdParam = z.object({ id: Id });
  const ok = { ok: true as const };

  app.get('/api/v1/incidents', { schema: { querystring: C.IncidentQuery.extend(Page.shape) } }, async (req) =>
    svc.listIncidents(deps, actorOf(req), req.query),
  );
  app.post('/api/v1/incidents', { schema: { body: C.CreateIncidentBody } }, async (req, reply) => {
    reply.status(201);
    return svc.createIncident(deps, actorOf(req), req.body);
  });
  app.get('/api/v1/incidents/:id', { schema: { params: IdParam } }, async (req) => svc.getIncident(deps, actorOf(req), req.params.id));
  app.patch('/api/v1/incidents/:id', { schema: { params: IdParam, body: C.UpdateIncidentBody } }, async (req) =>
    svc.updateIncident(deps, actorOf(req), req.params.id, req.body),
  );
  app.post('/api/v1/incidents/:id/status', { schema: { params: IdParam, body: C.IncidentStatusBody } }, async (req) =>
    svc.setStatus(deps, actorOf(req), req.params.id, req.body),
  );
  app.post('/api/v1/incidents/:id/notes', { schema: { params: IdParam, body: C.NoteBody } }, async (req) =>
    svc.addNote(deps, actorOf(req), req.params.id, req.body.text),
  );
  app.post('/api/v1/incidents/:id/checklist', { schema: { params: IdParam, body: C.ChecklistAddBody } }, async (req) =>
    svc.addItem(deps, actorOf(req), req.params.id, req.body.text),
  );
  app.post('/api/v1/incidents/:id/checklist/:itemId', { schema: { params: z.object({ id: Id, itemId: Id }), body: C.ChecklistCheckBody } }, async (req) =>
    svc.checkItem(deps, actorOf(req), req.params.id, req.params.itemId, req.body.checked),
  );
  app.put('/api/v1/incidents/:id/postmortem', { schema: { params: IdParam, body: C.PostmortemBody } }, async (req) =>
    svc.savePostmortem(deps, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/incidents/:id/statements/:statementId/use',
    { schema: { params: z.object({ id: Id, statementId: Id }), body: C.UseStatementBody } },
    async (req) => svc.useStatement(deps, actorOf(req), req.params.id, req.params.statementId, req.body),
  );
  app.post('/api/v1/incidents/:id/pause', { schema: { params: IdParam, body: C.IncidentPauseBody } }, async (req) =>
    pause.pauseFromIncident(deps, actorOf(req), req.params.id, req.body.reason),
  );
  app.post('/api/v1/incidents/:id/resume', { schema: { params: IdParam } }, async (req) => pause.resumeFromIncident(deps, actorOf(req), req.params.id));

  app.get('/api/v1/playbooks', async (req) => tpl.listPlaybooks(deps, actorOf(req)));
  app.post('/api/v1/playbooks', { schema: { body: C.PlaybookBody } }, async (req, reply) => {
    reply.status(201);
    return tpl.createPlaybook(deps, actorOf(req), req.body);
  });
  app.put('/api/v1/playbooks/:id', { schema: { params: IdParam, body: C.PlaybookBody } }, async (req) =>
    tpl.updatePlaybook(deps, actorOf(req), req.params.id, req.body),
  );
  app.delete('/api/v1/playbooks/:id', { schema: { params: IdParam } }, async (req) => {
    await tpl.archivePlaybook(deps, actorOf(req), req.params.id);
    return ok;
  });

  app.get('/api/v1/holding-statements', { schema: { querystring: C.StatementQuery.extend(Page.shape) } }, async (req) =>
    tpl.listStatements(deps, actorOf(req), req.query),
  );
  app.post('/api/v1/holding-statements', { schema: { body: C.StatementBody } }, async (req, reply) => {
    reply.status(201);
    return tpl.createStatement(deps, actorOf(req), req.body);
  });
  app.put('/api/v1/holding-statements/:id', { schema: { params: IdParam, body: C.StatementBody } }, async (req) =>
    tpl.updateStatement(deps, actorOf(req), req.params.id, req.body),
  );
  app.post('/api/v1/holding-statements/:id/approve', { schema: { params: IdParam } }, async (req) => tpl.approveStatement(deps, actorOf(req), req.params.id));
  app.delete('/api/v1/holding-statements/:id', { schema: { params: IdParam } }, async (req) => {
    await tpl.archiveStatement(deps, actorOf(req), req.params.id);
    return ok;
  });

  app.get('/api/v1/alerts', { schema: { querystring: C.AlertQuery.extend(Page.shape) } }, async (req) => alerts.listAlerts(deps, actorOf(req), req.query));
  app.get('/api/v1/alerts/:id', { schema: { params: IdParam } }, async (req) => alerts.getAlert(deps, actorOf(req), req.params.id));
  app.post('/api/v1/alerts/:id/acknowledge', { schema: { params: IdParam } }, async (req) => alerts.acknowledgeAlert(deps, actorOf(req), req.params.id));
  app.post('/api/v1/alerts/:id/incident', { schema: { params: IdParam, body: C.AlertIncidentBody } }, async (req, reply) => {
    reply.status(201);
    return alerts.escalateAlert(deps, actorOf(req), req.params.id, req.body);
  });

  app.get('/api/v1/monitor/items', { schema: { querystring: C.MonitorItemQuery.extend(Page.shape) } }, async (req) =>
    alerts.listItems(deps, actorOf(req), req.query),
  );
  app.post('/api/v1/monitor/items', { schema: { body: C.MonitorBatchBody } }, async (req) => monitor.feedItems(deps, actorOf(req), req.body));
  app.get('/api/v1/monitor/settings', async (req) => monitor.getSettings(deps, actorOf(req)));
  app.put('/api/v1/monitor/settings', { schema: { body: C.MonitorSettingsBody } }, async (req) => monitor.updateSettings(deps, actorOf(req), req.body));
}
