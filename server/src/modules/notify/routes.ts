import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id, Page } from '../../../../contract/common';
import * as C from '../../../../contract/notify';
import type { Deps } from '../../context';
import { actorOf } from '../../http';
import * as channels from './channels';
import * as svc from './service';

export async function notifyRoutes(app0: FastifyInstance, deps: Deps) {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const IdParam = z.object({ id: Id });

  // The signed-in user's own notifications in the current workspace.
  app.get('/api/v1/notifications', { schema: { querystring: C.NotificationQuery.extend(Page.shape) } }, async (req) =>
    svc.listMine(deps, actorOf(req), req.query),
  );
  app.get('/api/v1/notifications/unread-count', async (req) => svc.unreadCount(deps, actorOf(req)));
  app.post('/api/v1/notifications/:id/read', { schema: { params: IdParam } }, async (req) => svc.markRead(deps, actorOf(req), req.params.id));
  app.post('/api/v1/notifications/read-all', { schema: { body: C.NotificationsReadAllBody.optional() } }, async (req) =>
    svc.markAllRead(deps, actorOf(req), req.body?.kind),
  );

  // Group-robot channels: read by members, changed by owners and managers.
  app.get('/api/v1/notify/channels', { schema: { querystring: Page } }, async (req) => channels.list(deps, actorOf(req), req.query));
  app.post('/api/v1/notify/channels', { schema: { body: C.CreateNotifyChannelBody } }, async (req, reply) => {
    const ch = await channels.create(deps, actorOf(req), req.body);
    reply.status(201);
    return ch;
  });
  app.get('/api/v1/notify/channels/:id', { schema: { params: IdParam } }, async (req) => channels.get(deps, actorOf(req), req.params.id));
  app.patch('/api/v1/notify/channels/:id', { schema: { params: IdParam, body: C.UpdateNotifyChannelBody } }, async (req) =>
    channels.update(deps, actorOf(req), req.params.id, req.body),
  );
  app.delete('/api/v1/notify/channels/:id', { schema: { params: IdParam } }, async (req) => {
    await channels.remove(deps, actorOf(req), req.params.id);
    return { ok: true as const };
  });
  app.post('/api/v1/notify/channels/:id/test', { schema: { params: IdParam } }, async (req) => channels.sendTest(deps, actorOf(req), req.params.id));
  app.get('/api/v1/notify/channels/:id/deliveries', { schema: { params: IdParam, querystring: Page } }, async (req) =>
    channels.deliveries(deps, actorOf(req), req.params.id, req.query),
  );
}
