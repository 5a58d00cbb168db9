import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id } from '../../../../contract/common';
import * as C from '../../../../contract/originality';
import type { Deps } from '../../context';
import { actorOf } from '../../http';
import * as svc from './originality-service';

export async function originalityRoutes(app0: FastifyInstance, deps: Deps) {
  const app = app0.withTypeProvider<ZodTypeProvider>();

  app.get('/api/v1/posts/:id/originality', { schema: { params: z.object({ id: Id }) } }, async (req) => svc.checkPost(deps, actorOf(req), req.params.id));
  app.post('/api/v1/originality/check', { schema: { body: C.OriginalityCheckBody } }, async (req) => svc.checkDraft(deps, actorOf(req), req.body));
  app.get('/api/v1/originality/settings', async (req) => svc.getSettings(deps, actorOf(req)));
  app.patch('/api/v1/originality/settings', { schema: { body: C.OriginalitySettingsBody } }, async (req) => svc.updateSettings(deps, actorOf(req), req.body));
}
