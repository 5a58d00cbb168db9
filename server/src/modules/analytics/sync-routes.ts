import type { FastifyInstance } from 'fastify';
import { R } from '../../../../contract/routes';
import type { Deps } from '../../context';
import { actorOf } from '../../http';
import { on } from '../../route';
import { listSyncStatus, syncNow } from './sync-status';

export async function syncRoutes(app: FastifyInstance, deps: Deps) {
  on(app, R.sync.listSyncStatus, async (req) => listSyncStatus(deps, actorOf(req)));
  on(app, R.sync.syncNow, async (req) => syncNow(deps, actorOf(req), req.params.id));
}
