// One request's way through the emulator: faults, method, body, token, IP whitelist,
// quota, then the endpoint's handler; every call is counted for /__control/wechat/calls.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { WxError, errorBody, newRid } from './errors';
import { takeFault } from './faults';
import { consumeQuota } from './quota';
import { type App, type CallRecord, RECENT_CALLS_KEPT, type WechatState, now } from './state';
import { authenticate } from './tokens';

export type Query = Record<string, string | undefined>;
export type JsonBody = Record<string, unknown>;

export interface Ctx {
  s: WechatState;
  req: FastifyRequest;
  path: string;
  query: Query;
  body: JsonBody;
  /** The token's account; only meaningful on routes with auth: true. */
  app: App;
  ip: string;
  t: number;
}

export interface WxRoute {
  path: string;
  method: 'GET' | 'POST';
  /** GET routes also take POST (real api.weixin.qq.com is lenient there); POST routes are strict. */
  auth: boolean;
  body: 'json' | 'multipart' | 'none';
  /** Routes without access_token name their account here (faults, quotas and call counts). */
  appidFrom?: (query: Query, body: JsonBody) => unknown;
  handler: (ctx: Ctx) => unknown;
}

const JSON_TYPE = 'application/json; encoding=utf-8';

export function clientIp(req: FastifyRequest): string {
  const ip = req.ip ?? '';
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip;
}

/** 40164 unless the account has no whitelist or the caller's IP is on it. */
export function checkIp(app: App, ip: string): void {
  if (app.ipWhitelist.length === 0 || app.ipWhitelist.includes(ip)) return;
  const shown = ip.includes(':') ? ip : `${ip} ipv6 ::ffff:${ip}`;
  throw new WxError(40164, `invalid ip ${shown}, not in whitelist`);
}

export function recordCall(s: WechatState, rec: CallRecord): void {
  let perApp = s.callCounts.get(rec.appid);
  if (!perApp) {
    perApp = new Map();
    s.callCounts.set(rec.appid, perApp);
  }
  perApp.set(rec.path, (perApp.get(rec.path) ?? 0) + 1);
  s.recentCalls.push(rec);
  if (s.recentCalls.length > RECENT_CALLS_KEPT * 2) {
    s.recentCalls = s.recentCalls.slice(-RECENT_CALLS_KEPT);
  }
}

/** Waits ms, or less if the emulator closes meanwhile. */
export function sleep(s: WechatState, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      s.parked.delete(done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    s.parked.add(done);
  });
}

/** Holds the request without answering until the client gives up or the emulator closes. */
async function holdForever(s: WechatState, req: FastifyRequest, reply: FastifyReply) {
  reply.hijack();
  const socket = req.raw.socket;
  await new Promise<void>((resolve) => {
    const done = () => {
      s.parked.delete(done);
      resolve();
    };
    s.parked.add(done);
    if (socket.destroyed) done();
    else socket.once('close', done);
  });
  socket.destroy();
}

function parseJson(raw: unknown): JsonBody {
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
    throw new WxError(44002);
  }
  if (typeof raw !== 'string') throw new WxError(47001);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new WxError(47001);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new WxError(47001);
  }
  return parsed as JsonBody;
}

async function handle(s: WechatState, route: WxRoute, req: FastifyRequest, reply: FastifyReply) {
  const started = Date.now();
  const t = now(s);
  const rid = newRid(t);
  const query = req.query as Query;
  let early: WxError | undefined;
  if (route.method === 'POST' && req.method !== 'POST') early = new WxError(43002);
  let body: JsonBody = {};
  if (!early && route.body === 'json') {
    try {
      body = parseJson(req.body);
    } catch (e) {
      early = e as WxError;
    }
  }
  let appid = '';
  if (route.auth) appid = s.tokens.get(query.access_token ?? '')?.appid ?? '';
  else if (route.appidFrom) {
    const a = route.appidFrom(query, body);
    if (typeof a === 'string') appid = a;
  }

  const record = (errcode: number | null, fault?: string) =>
    recordCall(s, {
      at: new Date(t).toISOString(),
      appid,
      path: route.path,
      method: req.method,
      errcode,
      fault,
      ms: Date.now() - started,
    });

  const fault = takeFault(s, route.path, appid);
  if (fault?.mode === 'errcode') {
    const code = fault.errcode ?? -1;
    record(code, 'errcode');
    return reply.header('content-type', JSON_TYPE).send(Buffer.from(JSON.stringify(errorBody(code, fault.errmsg ?? new WxError(code).errmsgBase, rid))));
  }
  if (fault?.mode === 'http_status') {
    // A gateway in front of the API failing: nothing was processed.
    record(null, 'http_status');
    return reply
      .code(fault.status ?? 502)
      .header('content-type', 'text/html')
      .send(`<html><body>${fault.status ?? 502}</body></html>`);
  }
  if (fault?.mode === 'timeout') {
    record(null, 'timeout');
    return holdForever(s, req, reply);
  }
  if (fault?.mode === 'latency') {
    await sleep(s, fault.latencyMs ?? 0);
    if (s.closed) return reply.hijack();
  }

  let out: unknown;
  try {
    if (early) throw early;
    const ip = clientIp(req);
    let app = undefined as unknown as App;
    if (route.auth) {
      app = authenticate(s, query.access_token, t);
      checkIp(app, ip);
      consumeQuota(s, app.appid, route.path, t);
    }
    out = await route.handler({ s, req, path: route.path, query, body, app, ip, t });
  } catch (e) {
    if (e instanceof WxError) out = e.body(rid);
    else {
      process.stderr.write(`[emulator] ${route.path}: ${(e as Error)?.stack ?? e}\n`);
      out = errorBody(-1, 'system error', rid);
    }
  }
  const errcode = ((out as { errcode?: number }).errcode ?? 0) as number;
  if (fault?.mode === 'drop_after_accept') {
    // The operation happened; the answer is lost on the wire.
    record(errcode, 'drop_after_accept');
    reply.hijack();
    req.raw.socket.destroy();
    return;
  }
  record(errcode, fault ? fault.mode : undefined);
  return reply.header('content-type', JSON_TYPE).send(Buffer.from(JSON.stringify(out)));
}

export function registerWxRoutes(app: FastifyInstance, s: WechatState, routes: WxRoute[]): void {
  for (const route of routes) {
    s.knownPaths.add(route.path);
    app.route({
      method: ['GET', 'POST'],
      url: route.path,
      handler: (req, reply) => handle(s, route, req, reply),
    });
  }
}

/** WeChat's answer to a path it does not serve. */
export function invalidUrl(s: WechatState, req: FastifyRequest, reply: FastifyReply) {
  const t = now(s);
  const query = req.query as Query;
  const path = req.url.split('?')[0];
  recordCall(s, {
    at: new Date(t).toISOString(),
    appid: s.tokens.get(query?.access_token ?? '')?.appid ?? '',
    path,
    method: req.method,
    errcode: 40066,
    ms: 0,
  });
  return reply
    .code(200)
    .header('content-type', JSON_TYPE)
    .send(Buffer.from(JSON.stringify(errorBody(40066, 'invalid url', newRid(t)))));
}
