import type { FastifyInstance } from 'fastify';
import { R } from '../../../../contract/routes';
import type { Deps } from '../../context';
import { actorOf } from '../../http';
import { on } from '../../route';
import { addNote, listNotes } from './notes';
import { decideReply } from './reply-decide';
import { createReply, listReplies, retryReply } from './replies';
import * as inbox from './service';
import { inboxSlaRoutes } from './sla-routes';
import { createTemplate, deleteTemplate, listTemplates, renderTemplate, updateTemplate } from './templates';
import { listInboxSync, syncInboxNow } from './sync-status';

export async function inboxRoutes(app: FastifyInstance, deps: Deps) {
  const r = R.inbox;
  on(app, r.inboxSyncStatus, async (req) => listInboxSync(deps, actorOf(req)));
  on(app, r.syncInboxNow, async (req) => syncInboxNow(deps, actorOf(req), req.params.accountId));
  on(app, r.listInbox, async (req) => inbox.list(deps, actorOf(req), req.query));
  on(app, r.inboxCounts, async (req) => inbox.counts(deps, actorOf(req)));
  on(app, r.getInboxItem, async (req) => inbox.get(deps, actorOf(req), req.params.id));
  on(app, r.updateInboxItem, async (req) => inbox.update(deps, actorOf(req), req.params.id, req.body));
  on(app, r.bulkUpdateInbox, async (req) => inbox.bulk(deps, actorOf(req), req.body));
  on(app, r.importInbox, async (req) => inbox.importItems(deps, actorOf(req), req.body));
  await inboxSlaRoutes(app, deps);
  on(app, r.listInboxNotes, async (req) => listNotes(deps, actorOf(req), req.params.id));
  on(app, r.addInboxNote, async (req) => addNote(deps, actorOf(req), req.params.id, req.body));
  on(app, r.listInboxReplies, async (req) => listReplies(deps, actorOf(req), req.params.id));
  on(app, r.createInboxReply, async (req) => createReply(deps, actorOf(req), req.params.id, req.body, req.ip));
  on(app, r.listInboxTemplates, async (req) => listTemplates(deps, actorOf(req)));
  on(app, r.createInboxTemplate, async (req) => createTemplate(deps, actorOf(req), req.body));
  on(app, r.updateInboxTemplate, async (req) => updateTemplate(deps, actorOf(req), req.params.id, req.body));
  on(app, r.deleteInboxTemplate, async (req) => deleteTemplate(deps, actorOf(req), req.params.id));
  on(app, r.renderInboxTemplate, async (req) => renderTemplate(deps, actorOf(req), req.params.id, req.body.itemId));
  on(app, r.retryInboxReply, async (req) => retryReply(deps, actorOf(req), req.params.replyId));
  on(app, r.decideInboxReply, async (req) => decideReply(deps, actorOf(req), req.params.replyId, req.body.outcome));
}
