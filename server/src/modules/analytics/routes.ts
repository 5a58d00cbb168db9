import type { FastifyInstance } from 'fastify';
import { R } from '../../../../contract/routes';
import type { Deps } from '../../context';
import { actorOf, readUpload } from '../../http';
import { on } from '../../route';
import { commitImport, previewImport } from './import';
import { deleteMetrics, listMetrics, putMetrics } from './metrics';
import { template } from './template';

export async function analyticsRoutes(app: FastifyInstance, deps: Deps) {
  const r = R.analytics;
  on(app, r.listPublicationMetrics, async (req) => listMetrics(deps, actorOf(req), req.params.id));
  on(app, r.putPublicationMetrics, async (req) => putMetrics(deps, actorOf(req), req.params.id, req.body));
  on(app, r.deletePublicationMetrics, async (req) => deleteMetrics(deps, actorOf(req), req.params.id, req.params.day));
  on(app, r.metricsTemplate, async (req, reply) => {
    actorOf(req);
    const file = await template(req.query.format);
    return reply.header('content-type', file.contentType).header('content-disposition', `attachment; filename="${file.filename}"`).send(file.data);
  });
  on(app, r.previewMetricsImport, async (req) => {
    const actor = actorOf(req);
    return previewImport(deps, actor, await readUpload(req, r.previewMetricsImport.upload.field));
  });
  on(app, r.commitMetricsImport, async (req) => {
    const actor = actorOf(req);
    return commitImport(deps, actor, await readUpload(req, r.commitMetricsImport.upload.field));
  });
}
