import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as C from '../../../../contract/accounts';
import { Id, Page } from '../../../../contract/common';
import type { Deps } from '../../context';
import { actorOf } from '../../http';
import { forbidden } from '../../lib/errors';
import * as callbacks from './callbacks';
import { accountHealth } from './health';
import * as quota from './quota';
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

  app.get('/api/v1/accounts/:id/callback', { schema: { params: IdParam } }, async (req) => callbacks.getCallback(deps, actorOf(req), req.params.id));
  app.put('/api/v1/accounts/:id/callback', { schema: { params: IdParam, body: C.CallbackBody } }, async (req) =>
    callbacks.setCallback(deps, actorOf(req), req.params.id, req.body),
  );
  app.get('/api/v1/accounts/:id/quota', { schema: { params: IdParam } }, async (req) => quota.quotaUsage(deps, actorOf(req), req.params.id));
  app.put('/api/v1/accounts/:id/api-limits', { schema: { params: IdParam, body: C.ApiLimitsBody } }, async (req) =>
    quota.setLimits(deps, actorOf(req), req.params.id, req.body.limits),
  );
  app.get('/api/v1/accounts/:id/platform-quota', { schema: { params: IdParam, querystring: C.PlatformQuotaQuery } }, async (req) =>
    quota.platformQuota(deps, actorOf(req), req.params.id, req.query.api),
  );
  app.post('/api/v1/accounts/:id/clear-quota', { schema: { params: IdParam } }, async (req) => quota.clearQuota(deps, actorOf(req), req.params.id));
  app.get('/api/v1/accounts/:id/audience-tags', { schema: { params: IdParam } }, async (req) => quota.audienceTags(deps, actorOf(req), req.params.id));

  // The platform's pushes (WeChat: 服务器配置). No session: each push is verified by the
  // account's token (and, in safe mode, its key).
  await app.register(async (scope) => {
    scope.addContentTypeParser(['text/xml', 'application/xml', 'text/plain'], { parseAs: 'string', bodyLimit: 1024 * 1024 }, (_req, body, done) => done(null, body));
    const CallbackParams = z.object({ accountId: Id });
    const Query = z.record(z.string(), z.string());
    scope.withTypeProvider<ZodTypeProvider>().get('/api/v1/callbacks/:accountId', { schema: { params: CallbackParams, querystring: Query } }, async (req, reply) => {
      const answer = await callbacks.handshake(deps, req.params.accountId, req.query);
      if (answer === null) throw forbidden({ zh: '签名校验失败', en: 'The signature does not match' });
      return reply.type('text/plain; charset=utf-8').send(answer);
    });
    scope.withTypeProvider<ZodTypeProvider>().post('/api/v1/callbacks/:accountId', { schema: { params: CallbackParams, querystring: Query } }, async (req, reply) => {
      const got = await callbacks.receivePush(deps, req.params.accountId, req.query, typeof req.body === 'string' ? req.body : '');
      if ('error' in got) {
        req.log.warn({ accountId: req.params.accountId, why: got.error }, 'platform push refused');
        throw forbidden({ zh: '推送校验失败', en: 'The push could not be verified' });
      }
      return reply.type('text/plain; charset=utf-8').send(got.reply);
    });
  });
}
