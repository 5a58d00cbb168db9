import type { FastifyInstance, FastifyReply } from 'fastify';
import { R } from '../../../../contract/routes';
import type { Deps } from '../../context';
import { actorOf, keepRawJson, rawBodyOf } from '../../http';
import { on } from '../../route';
import { followLink, GIF_1x1, notFoundPage, recordPixel } from './redirect';
import * as svc from './service';
import * as hook from './webhook';

export async function linksRoutes(app: FastifyInstance, deps: Deps) {
  const r = R.links;
  on(app, r.listLinks, async (req) => svc.listLinks(deps, actorOf(req), req.query));
  on(app, r.createLink, async (req, reply) => {
    reply.status(201);
    return svc.createLink(deps, actorOf(req), req.body);
  });
  on(app, r.updateLink, async (req) => svc.updateLink(deps, actorOf(req), req.params.id, req.body));
  on(app, r.linkStats, async (req) => svc.linkStatsByDay(deps, actorOf(req), req.params.id, req.query));
  on(app, r.exportLinks, async (req, reply) => {
    const data = await svc.exportLinks(deps, actorOf(req), req.query);
    return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="links.csv"').send(data);
  });
  on(app, r.getWebhook, async (req) => hook.getWebhook(deps, actorOf(req)));
  on(app, r.rotateWebhook, async (req) => hook.rotateWebhook(deps, actorOf(req)));

  // Public. Every answer is no-store: a cached redirect would hide the next click from the counter.
  on(app, r.redirect, async (req, reply) => {
    reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
    const to = await followLink(deps, req.params.code, { ip: req.ip, userAgent: req.headers['user-agent'] });
    // A page, not a typed answer: its status is the refusal's.
    if (!to) return (reply as FastifyReply).status(404).type('text/html; charset=utf-8').send(notFoundPage(req.params.code));
    return reply.redirect(to, 302);
  });
  on(app, r.pixel, async (req, reply) => {
    await recordPixel(deps, req.params.code, req.query);
    return reply.header('cache-control', 'no-store').type('image/gif').send(GIF_1x1);
  });
  await app.register(async (scope) => {
    keepRawJson(scope);
    on(scope, r.conversionHook, async (req) =>
      hook.receiveConversion(deps, req.params.workspaceKey, req.headers[hook.SIGNATURE_HEADER] as string | undefined, rawBodyOf(req), req.body),
    );
  });
}
