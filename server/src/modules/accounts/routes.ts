import type { FastifyInstance, FastifyReply } from 'fastify';
import { R } from '../../../../contract/routes';
import type { Deps } from '../../context';
import { actorOf, keepRawJson, rawBodyOf } from '../../http';
import { on } from '../../route';
import { AppError, badRequest } from '../../lib/errors';
import * as appHooks from './app-hooks';
import * as apps from './apps';
import * as callbacks from './callbacks';
import * as oauth from './oauth';
import { accountHealth } from './health';
import * as quota from './quota';
import * as svc from './service';

export async function accountRoutes(app: FastifyInstance, deps: Deps) {
  const r = R.accounts;
  on(app, r.listAccounts, async (req) => svc.list(deps, actorOf(req), req.query));
  on(app, r.createAccount, async (req, reply) => {
    reply.status(201);
    return svc.create(deps, actorOf(req), req.body);
  });
  on(app, r.getAccount, async (req) => svc.get(deps, actorOf(req), req.params.id));
  on(app, r.updateAccount, async (req) => svc.update(deps, actorOf(req), req.params.id, req.body));
  on(app, r.archiveAccount, async (req) => {
    await svc.archive(deps, actorOf(req), req.params.id);
    return { ok: true as const };
  });
  on(app, r.setCredentials, async (req) => svc.setCredentials(deps, actorOf(req), req.params.id, req.body));
  on(app, r.testConnection, async (req) => svc.testConnection(deps, actorOf(req), req.params.id));
  on(app, r.accountsHealth, async (req) => accountHealth(deps, actorOf(req)));

  on(app, r.listPlatformApps, async (req) => apps.listApps(deps, actorOf(req)));
  on(app, r.putPlatformApp, async (req) => apps.putApp(deps, actorOf(req), req.params.platform, req.body));
  on(app, r.deletePlatformApp, async (req) => {
    await apps.deleteApp(deps, actorOf(req), req.params.platform);
    return { ok: true as const };
  });

  on(app, r.startConnect, async (req) => oauth.startConnect(deps, actorOf(req), req.params.platform, req.body, `${req.protocol}://${req.host}`));
  on(app, r.connectCallback, async (req, reply) => {
    const a = req.auth;
    const session = a?.workspaceId && a.role && !a.totpSetupRequired ? { userId: a.userId, workspaceId: a.workspaceId, role: a.role, requestId: String(req.id), ip: req.ip } : null;
    try {
      const id = await oauth.finishConnect(deps, session, req.params.platform, req.query);
      return reply.redirect(`/accounts?connected=${id}`, 302);
    } catch (e) {
      if (!(e instanceof AppError) || !(req.headers.accept ?? '').includes('text/html')) throw e;
      req.log.warn({ platform: req.params.platform, why: e.message }, 'oauth callback refused');
      // A page, not a typed answer: its status is the refusal's.
      return (reply as FastifyReply).status(e.status).type('text/html; charset=utf-8').send(oauth.refusalPage(e));
    }
  });
  on(app, r.getCallback, async (req) => callbacks.getCallback(deps, actorOf(req), req.params.id));
  on(app, r.setCallback, async (req) => callbacks.setCallback(deps, actorOf(req), req.params.id, req.body));
  on(app, r.quotaUsage, async (req) => quota.quotaUsage(deps, actorOf(req), req.params.id));
  on(app, r.setApiLimits, async (req) => quota.setLimits(deps, actorOf(req), req.params.id, req.body.limits));
  on(app, r.platformQuota, async (req) => quota.platformQuota(deps, actorOf(req), req.params.id, req.query.api));
  on(app, r.clearQuota, async (req) => quota.clearQuota(deps, actorOf(req), req.params.id));
  on(app, r.audienceTags, async (req) => quota.audienceTags(deps, actorOf(req), req.params.id));

  // The platform's pushes (WeChat: 服务器配置). No session: each push is verified by the account's
  // token (and, in safe mode, its key). WeChat sends text/xml.
  await app.register(async (scope) => {
    scope.addContentTypeParser(['text/xml', 'application/xml', 'text/plain'], { parseAs: 'string', bodyLimit: 1024 * 1024 }, (_req, body, done) =>
      done(null, body),
    );
    on(scope, r.callbackCheck, async (req, reply) => {
      const answer = await callbacks.handshake(deps, req.params.accountId, req.query as Record<string, string>);
      if (answer === null) throw badRequest({ zh: '签名校验失败', en: 'The signature does not match' });
      return reply.type('text/plain; charset=utf-8').send(answer);
    });
    on(scope, r.callbackPush, async (req, reply) => {
      const got = await callbacks.receivePush(deps, req.params.accountId, req.query as Record<string, string>, req.body);
      if ('error' in got) {
        req.log.warn({ accountId: req.params.accountId, why: got.error }, 'platform push refused');
        throw badRequest({ zh: '推送校验失败', en: 'The push could not be verified' });
      }
      return reply.type('text/plain; charset=utf-8').send(got.reply);
    });
  });

  // Pushes to the workspace's app (Bilibili Webhooks): JSON, verified over the exact bytes sent.
  await app.register(async (scope) => {
    keepRawJson(scope);
    on(scope, r.appHook, async (req, reply) => {
      const raw = rawBodyOf(req);
      const got = await appHooks.receiveAppHook(deps, req.params.platform, req.params.workspaceId, req.headers as Record<string, string | undefined>, raw);
      if ('error' in got) {
        req.log.warn({ platform: req.params.platform, why: got.error }, 'app push refused');
        throw badRequest({ zh: '推送校验失败', en: 'The push could not be verified' });
      }
      return reply.type('application/json; charset=utf-8').send(got.reply);
    });
  });
}
