// /__control/bilibili/…: apps and members, tokens minted or expired directly, faults, forced
// review outcomes, the review delay, and what was published (a `title` per accepted submission).
import type { FastifyInstance } from 'fastify';
import { type BiliFault, type BiliState, mintGrant, settleAll } from './state';

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
    app.get('/published', async () => {
      settleAll(s);
      return s.archives.map((a) => ({ clientId: a.clientId, openid: a.openid, resourceId: a.resourceId, title: a.title, state: a.state, rejectReason: a.rejectReason, size: a.size }));
    });
    app.get('/calls', async () => s.calls);
    app.get('/pushes', async () => s.pushes);
  };
}
