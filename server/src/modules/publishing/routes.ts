import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id, Page } from '../../../../contract/common';
import { PublicationQuery, ResolvePublicationBody } from '../../../../contract/content';
import { PauseBody } from '../../../../contract/identity';
import type { Deps } from '../../context';
import { actorOf } from '../../http';
import * as svc from './service';

export async function publishingRoutes(app0: FastifyInstance, deps: Deps) {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const IdParam = z.object({ id: Id });
  app.get('/api/v1/publications', { schema: { querystring: PublicationQuery.extend(Page.shape) } }, async (req) => svc.listPublications(deps, actorOf(req), req.query));
  app.get('/api/v1/publications/:id', { schema: { params: IdParam } }, async (req) => svc.getPublication(deps, actorOf(req), req.params.id));
  app.post('/api/v1/publications/:id/retry', { schema: { params: IdParam } }, async (req) => svc.retryPublication(deps, actorOf(req), req.params.id));
  app.post('/api/v1/publications/:id/resolve', { schema: { params: IdParam, body: ResolvePublicationBody } }, async (req) =>
    svc.resolvePublication(deps, actorOf(req), req.params.id, req.body),
  );
  app.post('/api/v1/workspace/pause', { schema: { body: PauseBody } }, async (req) => svc.pause(deps, actorOf(req), req.body.reason));
  app.post('/api/v1/workspace/resume', async (req) => svc.resume(deps, actorOf(req)));
}
