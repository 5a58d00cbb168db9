import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as C from '../../../../contract/accounts';
import { Id, Page } from '../../../../contract/common';
import type { Deps } from '../../context';
import { actorOf } from '../../http';
import { accountHealth } from './health';
import * as svc from './service';

export async function accountRoutes(app0: FastifyInstance, deps: Deps) {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const IdParam = z.object({ id: Id });

  app.get('/api/v1/accounts', { schema: { querystring: C.AccountQuery.extend(Page.shape) } }, async (req) => svc.list(deps, actorOf(req), req.query));
  app.post('/api/v1/accounts', { schema: { body: C.CreateAccountBody } }, async (req, reply) => {
    reply.status(201);
    return svc.create(deps, actorOf(req), req.body);
  });
  app.get('/api/v1/accounts/:id', { schema: { params: IdParam } }, async (req) => svc.get(deps, actorOf(req), req.params.id));
  app.patch('/api/v1/accounts/:id', { schema: { params: IdParam, body: C.UpdateAccountBody } }, async (req) =>
    svc.update(deps, actorOf(req), req.params.id, req.body),
  );
  app.delete('/api/v1/accounts/:id', { schema: { params: IdParam } }, async (req) => {
    await svc.archive(deps, actorOf(req), req.params.id);
    return { ok: true as const };
  });
  app.put('/api/v1/accounts/:id/credentials', { schema: { params: IdParam, body: C.CredentialsBody } }, async (req) =>
    svc.setCredentials(deps, actorOf(req), req.params.id, req.body),
  );
  app.post('/api/v1/accounts/:id/test-connection', { schema: { params: IdParam } }, async (req) => svc.testConnection(deps, actorOf(req), req.params.id));
  app.get('/api/v1/accounts-health', async (req) => accountHealth(deps, actorOf(req)));
}
