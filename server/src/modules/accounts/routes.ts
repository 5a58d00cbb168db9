import type { FastifyInstance } from 'fastify';
import { R } from '../../../../contract/routes';
import type { Deps } from '../../context';
import { actorOf } from '../../http';
import { on } from '../../route';
import { accountHealth } from './health';
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
}
