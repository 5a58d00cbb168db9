import type { FastifyInstance } from 'fastify';
import { R } from '../../../../contract/routes';
import type { Deps } from '../../context';
import { actorOf } from '../../http';
import { on } from '../../route';
import { createRule, deleteRule, dryRun, listRules, reorderRules, updateRule } from './rules';
import { approveReply, discardReply } from './rules-replies';

export async function inboxRuleRoutes(app: FastifyInstance, deps: Deps) {
  const r = R.inbox;
  on(app, r.listInboxRules, async (req) => listRules(deps, actorOf(req)));
  on(app, r.createInboxRule, async (req) => createRule(deps, actorOf(req), req.body));
  on(app, r.updateInboxRule, async (req) => updateRule(deps, actorOf(req), req.params.id, req.body));
  on(app, r.deleteInboxRule, async (req) => deleteRule(deps, actorOf(req), req.params.id));
  on(app, r.reorderInboxRules, async (req) => reorderRules(deps, actorOf(req), req.body));
  on(app, r.dryRunInboxRule, async (req) => dryRun(deps, actorOf(req), req.body));
  on(app, r.approveInboxReply, async (req) => approveReply(deps, actorOf(req), req.params.replyId, req.ip));
  on(app, r.discardInboxReply, async (req) => discardReply(deps, actorOf(req), req.params.replyId));
}
