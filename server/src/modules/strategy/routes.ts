import type { FastifyInstance } from 'fastify';
import { R } from '../../../../contract/routes';
import type { Deps } from '../../context';
import { actorOf } from '../../http';
import { on } from '../../route';
import * as strategy from './service';

export async function strategyRoutes(app: FastifyInstance, deps: Deps) {
  const r = R.strategy;
  on(app, r.listStrategies, async (req) => strategy.listStrategies(deps, actorOf(req)));
  on(app, r.getStrategy, async (req) => strategy.getStrategy(deps, actorOf(req), req.query.accountId));
  on(app, r.saveStrategy, async (req) => strategy.saveStrategy(deps, actorOf(req), req.body));
  on(app, r.listStrategyVersions, async (req) => strategy.listVersions(deps, actorOf(req), req.query));
  on(app, r.strategyDiff, async (req) => strategy.diffVersions(deps, actorOf(req), req.query));
  on(app, r.strategyMix, async (req) => strategy.strategyMix(deps, actorOf(req), req.query));
  on(app, r.listPillars, async (req) => strategy.listPillars(deps, actorOf(req)));
}
