import type { FastifyInstance } from 'fastify';
import { R } from '../../../../contract/routes';
import type { Deps } from '../../context';
import { actorOf } from '../../http';
import { on } from '../../route';
import { clashes } from './clashes';
import * as esc from './escalations';
import * as tasks from './service';
import { getSettings, updateSettings } from './settings';
import * as tpl from './templates';
import { workload } from './workload';

export async function tasksRoutes(app: FastifyInstance, deps: Deps) {
  const r = R.tasks;
  on(app, r.listTasks, async (req) => tasks.listTasks(deps, actorOf(req), req.query));
  on(app, r.createTask, async (req) => tasks.createTask(deps, actorOf(req), req.body));
  on(app, r.taskBoard, async (req) => tasks.board(deps, actorOf(req), req.query));
  on(app, r.taskWorkload, async (req) => workload(deps, actorOf(req)));
  on(app, r.taskClashes, async (req) => clashes(deps, actorOf(req)));
  on(app, r.taskSettings, async (req) => getSettings(deps, actorOf(req)));
  on(app, r.updateTaskSettings, async (req) => updateSettings(deps, actorOf(req), req.body));
  on(app, r.getTask, async (req) => tasks.getTask(deps, actorOf(req), req.params.id));
  on(app, r.updateTask, async (req) => tasks.updateTask(deps, actorOf(req), req.params.id, req.body));
  on(app, r.commentTask, async (req) => tasks.commentTask(deps, actorOf(req), req.params.id, req.body));
  on(app, r.escalateTask, async (req) => esc.escalateTask(deps, actorOf(req), req.params.id, req.body));
  on(app, r.listEscalations, async (req) => esc.listEscalations(deps, actorOf(req), req.query));
  on(app, r.decideEscalation, async (req) => esc.decideEscalation(deps, actorOf(req), req.params.id, req.body));
  on(app, r.listTemplates, async (req) => tpl.listTemplates(deps, actorOf(req)));
  on(app, r.createTemplate, async (req) => tpl.createTemplate(deps, actorOf(req), req.body));
  on(app, r.updateTemplate, async (req) => tpl.updateTemplate(deps, actorOf(req), req.params.id, req.body));
  on(app, r.startTemplate, async (req) => tpl.startTemplate(deps, actorOf(req), req.params.id));
}
