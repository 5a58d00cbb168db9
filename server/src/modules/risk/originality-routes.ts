import type { FastifyInstance } from 'fastify';
import { R } from '../../../../contract/routes';
import type { Deps } from '../../context';
import { actorOf } from '../../http';
import { on } from '../../route';
import * as svc from './originality-service';

export async function originalityRoutes(app: FastifyInstance, deps: Deps) {
  const r = R.originality;
  on(app, r.postOriginality, async (req) => svc.checkPost(deps, actorOf(req), req.params.id));
  on(app, r.checkDraft, async (req) => svc.checkDraft(deps, actorOf(req), req.body));
  on(app, r.getSettings, async (req) => svc.getSettings(deps, actorOf(req)));
  on(app, r.updateSettings, async (req) => svc.updateSettings(deps, actorOf(req), req.body));
}
