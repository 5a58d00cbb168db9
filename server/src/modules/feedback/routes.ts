import type { FastifyInstance } from 'fastify';
import { R } from '../../../../contract/routes';
import type { Deps } from '../../context';
import { actorOf } from '../../http';
import { on } from '../../route';
import * as feedback from './service';
import { exportFeedbackStats, feedbackStats } from './stats';

export async function feedbackRoutes(app: FastifyInstance, deps: Deps) {
  const r = R.feedback;
  on(app, r.createFeedback, async (req) => feedback.createFeedback(deps, actorOf(req), req.body));
  on(app, r.createFeedbackFromItem, async (req) => feedback.createFeedback(deps, actorOf(req), { ...req.body, itemId: req.params.id }));
  on(app, r.listFeedback, async (req) => feedback.listFeedback(deps, actorOf(req), req.query));
  on(app, r.feedbackAreas, async (req) => feedback.feedbackAreas(deps, actorOf(req)));
  on(app, r.feedbackStats, async (req) => feedbackStats(deps, actorOf(req), req.query));
  on(app, r.exportFeedbackStats, async (req, reply) => {
    const file = await exportFeedbackStats(deps, actorOf(req), req.query);
    return reply.header('content-type', file.contentType).header('content-disposition', `attachment; filename="${file.filename}"`).send(file.data);
  });
  on(app, r.getFeedback, async (req) => feedback.getFeedback(deps, actorOf(req), req.params.id));
  on(app, r.updateFeedback, async (req) => feedback.updateFeedback(deps, actorOf(req), req.params.id, req.body));
  on(app, r.commentFeedback, async (req) => feedback.commentFeedback(deps, actorOf(req), req.params.id, req.body));
}
