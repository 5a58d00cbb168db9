import type { FastifyInstance } from 'fastify';
import { R } from '../../../../contract/routes';
import type { Deps } from '../../context';
import { actorOf } from '../../http';
import { on } from '../../route';
import { listAnomalies } from '../analytics/anomalies';
import { ranking } from '../analytics/indices';
import { getSettings, updateSettings } from '../analytics/settings';
import { listCadence, setPlan } from './cadence';
import * as goals from './service';

export async function goalsRoutes(app: FastifyInstance, deps: Deps) {
  const r = R.goals;
  on(app, r.listGoals, async (req) => goals.list(deps, actorOf(req)));
  on(app, r.getGoal, async (req) => goals.get(deps, actorOf(req), req.params.id));
  on(app, r.createGoal, async (req, reply) => {
    const g = await goals.create(deps, actorOf(req), req.body);
    reply.status(201);
    return g;
  });
  on(app, r.updateGoal, async (req) => goals.update(deps, actorOf(req), req.params.id, req.body));
  on(app, r.deleteGoal, async (req) => goals.remove(deps, actorOf(req), req.params.id));
  on(app, r.listCadence, async (req) => listCadence(deps, actorOf(req)));
  on(app, r.setCadence, async (req) => setPlan(deps, actorOf(req), req.params.id, req.body));
  on(app, r.indexRanking, async (req) => ranking(deps, actorOf(req), req.query));
  on(app, r.getAnalyticsSettings, async (req) => getSettings(deps, actorOf(req)));
  on(app, r.updateAnalyticsSettings, async (req) => updateSettings(deps, actorOf(req), req.body));
  on(app, r.listAnomalies, async (req) => listAnomalies(deps, actorOf(req)));
}
