import type { FastifyInstance } from 'fastify';
import { R } from '../../../../contract/routes';
import type { Deps } from '../../context';
import { actorOf } from '../../http';
import { on } from '../../route';
import { createIncentive, deleteIncentive, listIncentives, updateIncentive } from './incentives';
import { getRatingScale, setRatingScale } from './rating-scale';
import * as reviews from './reviews';
import { exportScorecards, getScorecard, listScorecards } from './scorecards';

export async function teamRoutes(app: FastifyInstance, deps: Deps) {
  const r = R.team;
  on(app, r.listScorecards, async (req) => listScorecards(deps, actorOf(req), req.query));
  on(app, r.exportScorecards, async (req, reply) => {
    const file = await exportScorecards(deps, actorOf(req), req.query);
    return reply.header('content-type', file.contentType).header('content-disposition', `attachment; filename="${file.filename}"`).send(file.data);
  });
  on(app, r.getScorecard, async (req) => getScorecard(deps, actorOf(req), req.params.userId, req.query));
  on(app, r.getRatingScale, async (req) => getRatingScale(deps, actorOf(req)));
  on(app, r.setRatingScale, async (req) => setRatingScale(deps, actorOf(req), req.body.levels));
  on(app, r.listCycles, async (req) => reviews.listCycles(deps, actorOf(req)));
  on(app, r.createCycle, async (req, reply) => {
    reply.status(201);
    return reviews.createCycle(deps, actorOf(req), req.body);
  });
  on(app, r.listReviews, async (req) => reviews.listReviews(deps, actorOf(req), req.query));
  on(app, r.getReview, async (req) => reviews.getReview(deps, actorOf(req), req.params.id));
  on(app, r.writeSelfAssessment, async (req) => reviews.writeSelfAssessment(deps, actorOf(req), req.params.id, req.body.selfAssessment));
  on(app, r.writeManagerAssessment, async (req) => reviews.writeManagerAssessment(deps, actorOf(req), req.params.id, req.body));
  on(app, r.signReview, async (req) => reviews.signReview(deps, actorOf(req), req.params.id));
  on(app, r.listIncentives, async (req) => listIncentives(deps, actorOf(req), req.query));
  on(app, r.createIncentive, async (req, reply) => {
    reply.status(201);
    return createIncentive(deps, actorOf(req), req.body);
  });
  on(app, r.updateIncentive, async (req) => updateIncentive(deps, actorOf(req), req.params.id, req.body));
  on(app, r.deleteIncentive, async (req) => deleteIncentive(deps, actorOf(req), req.params.id));
}
