import type { FastifyInstance } from 'fastify';
import { R } from '../../../../contract/routes';
import type { Deps } from '../../context';
import { actorOf } from '../../http';
import { on } from '../../route';
import { bestTime, suggestTimes } from './best-time';
import { exportTable, tableOf } from './dashboard-export';
import { audience, overview } from './dashboard-overview';
import { postPage } from './dashboard-post';
import { contentAnalysis, rankPosts } from './dashboard-posts';

const scopeOf = (workspaceId: string, q: { accountId?: string; platform?: never | string }) => ({
  workspaceId,
  accountId: q.accountId,
  platform: q.platform as never,
});

export async function dashboardRoutes(app: FastifyInstance, deps: Deps) {
  const r = R.dashboard;
  const db = deps.db;
  on(app, r.overview, async (req) => {
    const q = req.query;
    return overview(db, scopeOf(actorOf(req).workspaceId, q), { from: q.from, to: q.to }, q.granularity);
  });
  on(app, r.audience, async (req) => {
    const q = req.query;
    return audience(db, scopeOf(actorOf(req).workspaceId, q), { from: q.from, to: q.to }, q.granularity);
  });
  on(app, r.content, async (req) => {
    const q = req.query;
    return contentAnalysis(db, scopeOf(actorOf(req).workspaceId, q), { from: q.from, to: q.to }, q.by);
  });
  on(app, r.posts, async (req) => {
    const q = req.query;
    return rankPosts(db, scopeOf(actorOf(req).workspaceId, q), { from: q.from, to: q.to }, q);
  });
  on(app, r.post, async (req) => postPage(db, actorOf(req).workspaceId, req.params.id, req.query));
  on(app, r.bestTime, async (req) => bestTime(db, actorOf(req).workspaceId, req.params.id));
  on(app, r.suggestTimes, async (req) => {
    const q = req.query;
    return suggestTimes(db, actorOf(req).workspaceId, q.accountIds, q.count, q.after ? new Date(q.after) : new Date());
  });
  on(app, r.exportChart, async (req, reply) => {
    const q = req.query;
    const table = await tableOf(db, scopeOf(actorOf(req).workspaceId, q), q);
    const file = await exportTable(table, q.format, q);
    return reply.header('content-type', file.contentType).header('content-disposition', `attachment; filename="${file.filename}"`).send(file.data);
  });
}
