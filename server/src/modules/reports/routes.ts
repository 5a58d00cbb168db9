import type { FastifyInstance } from 'fastify';
import { R } from '../../../../contract/routes';
import type { Deps } from '../../context';
import { actorOf } from '../../http';
import { on } from '../../route';
import * as svc from './service';

export async function reportsRoutes(app: FastifyInstance, deps: Deps) {
  const r = R.reports;
  on(app, r.listReports, async (req) => svc.listReports(deps, actorOf(req), req.query));
  on(app, r.createReport, async (req, reply) => reply.code(201).send(await svc.createReport(deps, actorOf(req), req.body)));
  on(app, r.getReport, async (req) => svc.getReport(deps, actorOf(req), req.params.id));
  on(app, r.putReportFindings, async (req) => svc.putFindings(deps, actorOf(req), req.params.id, req.body.findings));
  on(app, r.sendReport, async (req) => svc.sendReport(deps, actorOf(req), req.params.id));
  on(app, r.reportFile, async (req, reply) => {
    const f = await svc.reportFile(deps, actorOf(req), req.params.id, req.params.format);
    return reply.header('content-type', f.contentType).header('content-disposition', `attachment; filename="${f.filename}"`).send(f.data);
  });
  on(app, r.listReportSchedules, async (req) => svc.listSchedules(deps, actorOf(req)));
  on(app, r.createReportSchedule, async (req, reply) => reply.code(201).send(await svc.createSchedule(deps, actorOf(req), req.body)));
  on(app, r.deleteReportSchedule, async (req) => svc.deleteSchedule(deps, actorOf(req), req.params.id));
}
