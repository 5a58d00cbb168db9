import type { FastifyInstance } from 'fastify';
import { R } from '../../../../contract/routes';
import type { Deps } from '../../context';
import { actorOf } from '../../http';
import { on } from '../../route';
import { kitZip, manualKit, renewHandoff, tickChecklist } from './kit';
import { completeManual } from './manual';
import * as svc from './service';

export async function publishingRoutes(app: FastifyInstance, deps: Deps) {
  const r = R.publishing;
  on(app, r.listPublications, async (req) => svc.listPublications(deps, actorOf(req), req.query));
  on(app, r.getPublication, async (req) => svc.getPublication(deps, actorOf(req), req.params.id));
  on(app, r.retryPublication, async (req) => svc.retryPublication(deps, actorOf(req), req.params.id));
  on(app, r.resolvePublication, async (req) => svc.resolvePublication(deps, actorOf(req), req.params.id, req.body));
  on(app, r.completeManual, async (req) => completeManual(deps, actorOf(req), req.params.id, req.body));
  on(app, r.manualKit, async (req) => manualKit(deps, actorOf(req), req.params.id));
  on(app, r.manualKitZip, async (req, reply) => {
    const { stream, filename } = await kitZip(deps, actorOf(req), req.params.id);
    reply
      .header('content-type', 'application/zip')
      .header('content-disposition', `attachment; filename="kit.zip"; filename*=UTF-8''${encodeURIComponent(filename)}`)
      .header('cache-control', 'private, no-store');
    return reply.send(stream);
  });
  on(app, r.tickChecklist, async (req) => tickChecklist(deps, actorOf(req), req.params.id, req.body));
  on(app, r.renewHandoff, async (req) => renewHandoff(deps, actorOf(req), req.params.id));
  on(app, r.pause, async (req) => svc.pause(deps, actorOf(req), req.body.reason));
  on(app, r.resume, async (req) => svc.resume(deps, actorOf(req)));
}
