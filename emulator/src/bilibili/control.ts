// /__control/bilibili/…: apps and members, tokens minted or expired directly, faults, forced
// review outcomes, the review delay, published archives and their data figures, and what was
// published (a `title` per accepted submission).
import type { FastifyInstance } from 'fastify';
import { type BiliFault, type BiliState, mintGrant, newBvid, settleAll } from './state';

const MODES = ['errcode', 'latency', 'timeout', 'drop_after_accept'];

export function controlRoutes(s: BiliState) {
  return async (app: FastifyInstance) => {
    const json = (req: { body: unknown }) => {
      if (typeof req.body !== 'string' || !req.body) return {} as Record<string, unknown>;
      return JSON.parse(req.body) as Record<string, unknown>;
    };
    app.post('/apps', async (req, reply) => {
      const b = json(req);
      if (typeof b.clientId !== 'string' || typeof b.clientSecret !== 'string') return reply.code(400).send({ error: 'clientId and clientSecret are required' });
      s.apps.set(b.clientId, { clientId: b.clientId, clientSecret: b.clientSecret, name: typeof b.name === 'string' ? b.name : b.clientId, webhookUrl: typeof b.webhookUrl === 'string' ? b.webhookUrl : null });
      return { ok: true };
    });
    app.post('/accounts', async (req, reply) => {
      const b = json(req);
      if (typeof b.openid !== 'string') return reply.code(400).send({ error: 'openid is required' });
      const scopes = Array.isArray(b.scopes) ? b.scopes.map(String) : ['ARC_BASE', 'ARC_DATA', 'USER_DATA', 'USER_INFO'];
      s.members.set(b.openid, { openid: b.openid, name: typeof b.name === 'string' ? b.name : b.openid, formal: b.formal === true, scopes });
      if (typeof b.clientId === 'string' && s.apps.has(b.clientId)) {
        return { ok: true, grant: mintGrant(s, b.clientId, b.openid, scopes, typeof b.expiresInSeconds === 'number' ? b.expiresInSeconds : undefined) };
      }
      return { ok: true };
    });
    app.post('/tokens/expire', async (req) => {
      const b = json(req);
      const t = s.tokens.get(String(b.accessToken ?? ''));
      if (t) t.expiresAt = Math.floor(Date.now() / 1000) - 1;
      return { ok: Boolean(t) };
    });
    app.post('/faults', async (req, reply) => {
      const b = json(req) as unknown as BiliFault;
      if (typeof b.path !== 'string' || !MODES.includes(b.mode)) return reply.code(400).send({ error: `path and mode (${MODES.join(', ')}) are required` });
      s.faults.push(b);
      return { ok: true };
    });
    app.delete('/faults', async () => {
      s.faults.length = 0;
      return { ok: true };
    });
    app.post('/review', async (req, reply) => {
      const b = json(req);
      if (typeof b.delayMs === 'number') s.options.reviewDelayMs = b.delayMs;
      if (b.outcome === 'reject') {
        const times = Number.isInteger(b.times) ? (b.times as number) : 1;
        for (let i = 0; i < times; i++) s.forced.push({ reject: typeof b.reason === 'string' ? b.reason : '视频内容不符合社区规范' });
      } else if (b.outcome !== undefined) return reply.code(400).send({ error: 'outcome must be "reject"' });
      return { ok: true };
    });
    /** A member's published archive (reviewed, 开放浏览), for the data APIs: {clientId, openid, title} → resourceId. */
    app.post('/archives', async (req, reply) => {
      const b = json(req);
      if (typeof b.openid !== 'string' || typeof b.clientId !== 'string') return reply.code(400).send({ error: 'clientId and openid are required' });
      const now = Math.floor(Date.now() / 1000);
      const archive = {
        clientId: b.clientId, openid: b.openid, resourceId: newBvid(s), title: String(b.title ?? '稿件'), desc: '', tag: '媒运', tid: 171, cover: '',
        copyright: 1, noReprint: 1, size: 0, ctime: now, ptime: now, state: 0, stateDesc: '开放浏览', rejectReason: '', outcome: { reject: null }, reviewAt: 0,
      };
      s.archives.push(archive);
      return { resourceId: archive.resourceId };
    });
    /** Sets data/user/stat figures {openid, follower, following} or data/arc/stat figures {resourceId, view, like, reply, …}. */
    app.post('/stats', async (req, reply) => {
      const b = json(req);
      const figures = Object.fromEntries(Object.entries(b).filter(([, v]) => typeof v === 'number')) as Record<string, number>;
      if (typeof b.resourceId === 'string') s.arcStats.set(b.resourceId, { ...s.arcStats.get(b.resourceId), ...figures });
      else if (typeof b.openid === 'string') s.userStats.set(b.openid, { ...s.userStats.get(b.openid), ...figures });
      else return reply.code(400).send({ error: 'openid or resourceId is required' });
      return { ok: true };
    });
    app.get('/published', async () => {
      settleAll(s);
      return s.archives.map((a) => ({ clientId: a.clientId, openid: a.openid, resourceId: a.resourceId, title: a.title, state: a.state, rejectReason: a.rejectReason, size: a.size }));
    });
    app.get('/calls', async () => s.calls);
    app.get('/pushes', async () => s.pushes);
  };
}
