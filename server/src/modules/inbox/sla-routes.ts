import type { FastifyInstance } from 'fastify';
import { R } from '../../../../contract/routes';
import type { Deps } from '../../context';
import { actorOf } from '../../http';
import { on } from '../../route';
import { exportSlaReport, slaReport } from './sla-report';
import { getSlaSettings, putSlaSettings } from './sla-settings';

export async function inboxSlaRoutes(app: FastifyInstance, deps: Deps) {
  const r = R.inbox;
  on(app, r.getSlaSettings, async (req) => getSlaSettings(deps, actorOf(req)));
  on(app, r.putSlaSettings, async (req) => putSlaSettings(deps, actorOf(req), req.body));
  on(app, r.slaReport, async (req) => slaReport(deps, actorOf(req), req.query));
  on(app, r.exportSlaReport, async (req, reply) => {
    const file = await exportSlaReport(deps, actorOf(req), req.query);
    return reply.header('content-type', file.contentType).header('content-disposition', `attachment; filename="${file.filename}"`).send(file.data);
  });
}
