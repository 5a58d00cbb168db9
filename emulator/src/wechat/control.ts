// The test-control API under /__control (not part of WeChat). Bad input answers HTTP 400
// with {error}; everything else 200 with JSON.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { registerApp } from './apps';
import { BadInput, type Body, str } from './control-input';
import { registerEventControl } from './control-events';
import { registerDatacubeControl } from './control-datacube';
import { registerCommentControl } from './comments';
import { registerKfControl } from './kf';
import { fireDue } from './due';
import { parseFaultRule } from './faults';
import { publishedRows } from './freepublish';
import { quotaKey } from './quota';
import { type WechatState, nextSeq, resetState } from './state';

export type ControlRoute = (
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  fn: (body: Body, q: Record<string, string | undefined>, req: FastifyRequest) => unknown,
) => void;

function jsonBody(req: FastifyRequest): Body {
  const raw = req.body;
  if (raw === undefined || raw === null || raw === '') return {};
  if (typeof raw !== 'string') throw new BadInput('body must be JSON');
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new BadInput('body is not valid JSON');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new BadInput('body must be a JSON object');
  }
  return parsed as Body;
}

function callsView(s: WechatState, q: Record<string, string | undefined>) {
  const counts: Record<string, number> = {};
  let total = 0;
  for (const [appid, perPath] of s.callCounts) {
    if (q.appid !== undefined && appid !== q.appid) continue;
    for (const [path, n] of perPath) {
      if (q.path !== undefined && path !== q.path) continue;
      counts[path] = (counts[path] ?? 0) + n;
      total += n;
    }
  }
  const limit = Math.min(500, Math.max(1, Number(q.limit ?? 100) || 100));
  const recent = s.recentCalls.filter((c) => (q.appid === undefined || c.appid === q.appid) && (q.path === undefined || c.path === q.path)).slice(-limit);
  return { total, counts, recent };
}

export function registerControl(app: FastifyInstance, s: WechatState): void {
  const route: ControlRoute = (method, url, fn) =>
    app.route({
      method,
      url,
      handler: async (req: FastifyRequest, reply: FastifyReply) => {
        try {
          const body = method === 'GET' ? {} : jsonBody(req);
          return reply.send(await fn(body, req.query as Record<string, string | undefined>, req));
        } catch (e) {
          if (e instanceof BadInput) return reply.code(400).send({ error: e.message, ...e.extra });
          throw e;
        }
      },
    });

  route('GET', '/__control/health', () => ({ ok: true }));
  route('POST', '/__control/reset', () => {
    resetState(s);
    return { ok: true };
  });
  route('POST', '/__control/clock', (b) => {
    if (typeof b.advanceMs !== 'number' || !Number.isFinite(b.advanceMs) || b.advanceMs < 0) {
      throw new BadInput('advanceMs must be a number >= 0');
    }
    s.clockOffsetMs += b.advanceMs;
    // Jobs that finished in the skipped time push their events now.
    fireDue(s);
    return { offsetMs: s.clockOffsetMs };
  });

  route('POST', '/__control/wechat/apps', (b) => registerApp(s, b));
  route('GET', '/__control/wechat/apps', () => [...s.apps.values()]);

  route('POST', '/__control/wechat/faults', (b) => {
    const rule = parseFaultRule(s, b);
    if (typeof rule === 'string') throw new BadInput(rule);
    s.faults.push(rule);
    return { id: rule.id };
  });
  route('GET', '/__control/wechat/faults', () => s.faults);
  route('DELETE', '/__control/wechat/faults', () => {
    const removed = s.faults.length;
    s.faults = [];
    return { removed };
  });
  route('DELETE', '/__control/wechat/faults/:id', (_b, _q, req) => {
    const id = (req.params as { id: string }).id;
    const before = s.faults.length;
    s.faults = s.faults.filter((f) => f.id !== id);
    return { removed: before - s.faults.length };
  });

  route('POST', '/__control/wechat/publish-outcome', (b) => {
    const appid = str(b, 'appid', false);
    if (![2, 3, 4, 5, 6].includes(b.status as number)) {
      throw new BadInput('status must be one of 2, 3, 4, 5, 6');
    }
    const times = b.times ?? 1;
    if (!Number.isInteger(times) || (times as number) < 1) {
      throw new BadInput('times must be an integer >= 1');
    }
    const titleContains = str(b, 'titleContains', false);
    const id = `outcome-${nextSeq(s)}`;
    s.outcomes.push({ id, appid, status: b.status as number, times: times as number, titleContains });
    return { id };
  });
  route('DELETE', '/__control/wechat/publish-outcome', () => {
    const removed = s.outcomes.length;
    s.outcomes = [];
    return { removed };
  });

  route('POST', '/__control/wechat/quota', (b) => {
    const appid = str(b, 'appid', true) as string;
    const path = str(b, 'path', true) as string;
    if (!path.startsWith('/')) throw new BadInput('path must be a cgi path such as /cgi-bin/draft/add');
    if (!Number.isInteger(b.dailyLimit) || (b.dailyLimit as number) < 0) {
      throw new BadInput('dailyLimit must be an integer >= 0');
    }
    let limits = s.quotaLimits.get(appid);
    if (!limits) {
      limits = new Map();
      s.quotaLimits.set(appid, limits);
    }
    // sendall and send share one limit (高级群发接口): setting either sets it.
    limits.set(quotaKey(path), b.dailyLimit as number);
    return { appid, path, dailyLimit: b.dailyLimit };
  });

  route('GET', '/__control/wechat/published', (_b, q) => publishedRows(s, q.appid));
  route('GET', '/__control/wechat/calls', (_b, q) => callsView(s, q));
  registerEventControl(route, s);
  registerDatacubeControl(route, s);
  registerCommentControl(route, s);
  registerKfControl(route, s);
}
