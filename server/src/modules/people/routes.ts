import type { FastifyInstance } from 'fastify';
import { R } from '../../../../contract/routes';
import type { Deps } from '../../context';
import { actorOf } from '../../http';
import { on } from '../../route';
import * as hiring from './hiring';
import * as onboarding from './onboarding';
import * as training from './training';
import * as trial from './trial';

export async function peopleRoutes(app: FastifyInstance, deps: Deps) {
  const r = R.people;
  on(app, r.listSessions, async (req) => training.listSessions(deps, actorOf(req), req.query));
  on(app, r.createSession, async (req) => training.createSession(deps, actorOf(req), req.body));
  on(app, r.getSession, async (req) => training.getSession(deps, actorOf(req), req.params.id));
  on(app, r.markAttendance, async (req) => training.markAttendance(deps, actorOf(req), req.params.id, req.body));
  on(app, r.takeQuiz, async (req) => training.takeQuiz(deps, actorOf(req), req.params.id, req.body));
  on(app, r.signOff, async (req) => training.signOff(deps, actorOf(req), req.params.id));
  on(app, r.trainingRecord, async (req) => training.trainingRecord(deps, actorOf(req), req.query.userId));
  on(app, r.getOnboardingTemplate, async (req) => onboarding.getTemplate(deps, actorOf(req)));
  on(app, r.setOnboardingTemplate, async (req) => onboarding.setTemplate(deps, actorOf(req), req.body));
  on(app, r.listChecklists, async (req) => onboarding.listChecklists(deps, actorOf(req)));
  on(app, r.createChecklist, async (req) => onboarding.createChecklist(deps, actorOf(req), req.body));
  on(app, r.myChecklist, async (req) => onboarding.myChecklist(deps, actorOf(req)));
  on(app, r.tickChecklistItem, async (req) => onboarding.tickItem(deps, actorOf(req), req.params.id, req.body));
  on(app, r.listPositions, async (req) => hiring.listPositions(deps, actorOf(req)));
  on(app, r.createPosition, async (req) => hiring.createPosition(deps, actorOf(req), req.body));
  on(app, r.updatePosition, async (req) => hiring.updatePosition(deps, actorOf(req), req.params.id, req.body));
  on(app, r.listCandidates, async (req) => hiring.listCandidates(deps, actorOf(req), req.query));
  on(app, r.createCandidate, async (req) => hiring.createCandidate(deps, actorOf(req), req.body));
  on(app, r.getCandidate, async (req) => hiring.getCandidate(deps, actorOf(req), req.params.id));
  on(app, r.updateCandidate, async (req) => hiring.updateCandidate(deps, actorOf(req), req.params.id, req.body));
  on(app, r.moveCandidate, async (req) => hiring.moveCandidate(deps, actorOf(req), req.params.id, req.body));
  on(app, r.saveTrial, async (req) => trial.saveTrial(deps, actorOf(req), req.params.id, req.body));
  on(app, r.saveInterview, async (req) => trial.saveInterview(deps, actorOf(req), req.params.id, req.body));
  on(app, r.eraseCandidate, async (req) => hiring.eraseCandidate(deps, actorOf(req), req.params.id));
}
