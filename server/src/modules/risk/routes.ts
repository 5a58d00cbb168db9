import type { FastifyInstance } from 'fastify';
import { R } from '../../../../contract/routes';
import type { Deps } from '../../context';
import { actorOf } from '../../http';
import { on } from '../../route';
import * as kits from './brandkit';
import * as gate from './gate';
import * as settings from './settings';

export async function riskRoutes(app: FastifyInstance, deps: Deps) {
  const r = R.risk;

  on(app, r.screen, async (req) => kits.screen(deps, actorOf(req), req.body));
  on(app, r.postScreening, async (req) => gate.postScreening(deps, actorOf(req), req.params.id));
  on(app, r.overrideScreening, async (req) => gate.overrideScreening(deps, actorOf(req), req.params.id, req.body.reason));

  on(app, r.getPolicy, async (req) => settings.getPolicy(deps, actorOf(req)));
  on(app, r.updatePolicy, async (req) => settings.updatePolicy(deps, actorOf(req), req.body));

  on(app, r.listWords, async (req) => settings.listWords(deps, actorOf(req), req.query));
  on(app, r.addWord, async (req, reply) => {
    reply.status(201);
    return settings.addWord(deps, actorOf(req), req.body);
  });
  on(app, r.importWords, async (req) => settings.importWords(deps, actorOf(req), req.body));
  on(app, r.updateWord, async (req) => settings.updateWord(deps, actorOf(req), req.params.id, req.body));
  on(app, r.deleteWord, async (req) => {
    await settings.deleteWord(deps, actorOf(req), req.params.id);
    return { ok: true as const };
  });

  on(app, r.listAdLaw, async (req) => settings.listAdLaw(deps, actorOf(req), req.query));
  on(app, r.toggleAdLaw, async (req) => settings.toggleAdLaw(deps, actorOf(req), req.body));

  on(app, r.listBrandKits, async (req) => kits.listKits(deps, actorOf(req), req.query));
  on(app, r.getBrandKit, async (req) => kits.getKit(deps, actorOf(req), req.params.id));
  on(app, r.putBrandKit, async (req) => kits.putKit(deps, actorOf(req), req.params.id, req.body));
}
