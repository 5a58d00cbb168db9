import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id, Page } from '../../../../contract/common';
import * as C from '../../../../contract/risk';
import type { Deps } from '../../context';
import { actorOf } from '../../http';
import * as kits from './brandkit';
import * as gate from './gate';
import * as settings from './settings';

export async function riskRoutes(app0: FastifyInstance, deps: Deps) {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const IdParam = z.object({ id: Id });

  app.post('/api/v1/risk/screen', { schema: { body: C.ScreenBody } }, async (req) => kits.screen(deps, actorOf(req), req.body));
  app.get('/api/v1/posts/:id/screening', { schema: { params: IdParam } }, async (req) => gate.postScreening(deps, actorOf(req), req.params.id));
  app.post('/api/v1/posts/:id/screening/override', { schema: { params: IdParam, body: C.OverrideBody } }, async (req) =>
    gate.overrideScreening(deps, actorOf(req), req.params.id, req.body.reason),
  );

  app.get('/api/v1/risk/policy', async (req) => settings.getPolicy(deps, actorOf(req)));
  app.patch('/api/v1/risk/policy', { schema: { body: C.UpdatePolicyBody } }, async (req) => settings.updatePolicy(deps, actorOf(req), req.body));

  app.get('/api/v1/risk/words', { schema: { querystring: C.WordQuery.extend(Page.shape) } }, async (req) => settings.listWords(deps, actorOf(req), req.query));
  app.post('/api/v1/risk/words', { schema: { body: C.WordBody } }, async (req, reply) => {
    reply.status(201);
    return settings.addWord(deps, actorOf(req), req.body);
  });
  app.post('/api/v1/risk/words/import', { schema: { body: C.ImportWordsBody } }, async (req) => settings.importWords(deps, actorOf(req), req.body));
  app.patch('/api/v1/risk/words/:id', { schema: { params: IdParam, body: C.UpdateWordBody } }, async (req) =>
    settings.updateWord(deps, actorOf(req), req.params.id, req.body),
  );
  app.delete('/api/v1/risk/words/:id', { schema: { params: IdParam } }, async (req) => {
    await settings.deleteWord(deps, actorOf(req), req.params.id);
    return { ok: true as const };
  });

  app.get('/api/v1/risk/ad-law', { schema: { querystring: C.AdLawQuery.extend(Page.shape) } }, async (req) =>
    settings.listAdLaw(deps, actorOf(req), req.query),
  );
  app.put('/api/v1/risk/ad-law', { schema: { body: C.AdLawToggleBody } }, async (req) => settings.toggleAdLaw(deps, actorOf(req), req.body));

  app.get('/api/v1/risk/brand-kits', { schema: { querystring: Page.extend({ q: z.string().max(100).optional() }) } }, async (req) =>
    kits.listKits(deps, actorOf(req), req.query),
  );
  app.get('/api/v1/accounts/:id/brand-kit', { schema: { params: IdParam } }, async (req) => kits.getKit(deps, actorOf(req), req.params.id));
  app.put('/api/v1/accounts/:id/brand-kit', { schema: { params: IdParam, body: C.BrandKitBody } }, async (req) =>
    kits.putKit(deps, actorOf(req), req.params.id, req.body),
  );
}
