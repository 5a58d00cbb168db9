import type { FastifyInstance } from 'fastify';
import { R } from '../../../../contract/routes';
import type { Deps } from '../../context';
import { actorOf } from '../../http';
import { on } from '../../route';
import * as channels from './channels';
import * as svc from './service';

export async function notifyRoutes(app: FastifyInstance, deps: Deps) {
  const r = R.notify;

  // The signed-in user's own notifications in the current workspace.
  on(app, r.listNotifications, async (req) => svc.listMine(deps, actorOf(req), req.query));
  on(app, r.unreadCount, async (req) => svc.unreadCount(deps, actorOf(req)));
  on(app, r.markRead, async (req) => svc.markRead(deps, actorOf(req), req.params.id));
  on(app, r.markAllRead, async (req) => svc.markAllRead(deps, actorOf(req), req.body?.kind));

  // Group-robot channels: read by members, changed by owners and managers.
  on(app, r.listChannels, async (req) => channels.list(deps, actorOf(req), req.query));
  on(app, r.createChannel, async (req, reply) => {
    const ch = await channels.create(deps, actorOf(req), req.body);
    reply.status(201);
    return ch;
  });
  on(app, r.getChannel, async (req) => channels.get(deps, actorOf(req), req.params.id));
  on(app, r.updateChannel, async (req) => channels.update(deps, actorOf(req), req.params.id, req.body));
  on(app, r.deleteChannel, async (req) => {
    await channels.remove(deps, actorOf(req), req.params.id);
    return { ok: true as const };
  });
  on(app, r.testChannel, async (req) => channels.sendTest(deps, actorOf(req), req.params.id));
  on(app, r.listDeliveries, async (req) => channels.deliveries(deps, actorOf(req), req.params.id, req.query));
}
