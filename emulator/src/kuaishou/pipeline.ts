// Every Kuaishou call goes through here: call log, fault injection, token check, and the error
// transport (HTTP 200, `{"result": N, "error_msg": "…"}`, success `result: 1`).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type KsFault, type KsState, type KsToken, now, sleep } from './state';

export class KsError extends Error {
  constructor(readonly result: number, readonly errorMsg: string) {
    super(errorMsg);
  }
}

// doc-355272 (错误码), apifox.com/apidoc/project-462993.
export const E = {
  param: (m = '请求缺少参数或参数类型错误') => new KsError(100200100, m),
  client: () => new KsError(100200101, '无效的client,无效的 app 或 developer'),
  denied: () => new KsError(100200102, '请求被拒绝,可能是无效的 token'),
  grantType: () => new KsError(100200104, '请求的 grantType 不支持'),
  code: () => new KsError(100200105, '请求的 code 错误'),
  scope: () => new KsError(100200106, '请求的 scope 错误'),
  expired: () => new KsError(100200108, 'access_token过期'),
  refreshExpired: () => new KsError(100200113, 'refresh_token过期'),
  noVideo: () => new KsError(120001, '视频不存在'),
  notUploaded: () => new KsError(120002, '视频未上传成功'),
  publishFailed: (reason: string) => new KsError(120003, `视频发布失败: ${reason}`),
  bad: (m: string) => new KsError(100400, m),
};

export type Query = Record<string, string | undefined>;

export interface KsCtx {
  s: KsState;
  req: FastifyRequest;
  q: Query;
  /** The caller's token, for routes that need one. */
  tok: KsToken;
}

export interface KsRoute {
  method: 'GET' | 'POST';
  path: string;
  /** Needs app_id + access_token (and this scope, when given). */
  auth?: { scope?: string };
  /** The app id for faults and the call log when the route has no token (upload gateway, oauth). */
  appOf?: (s: KsState, q: Query) => string;
  handler: (c: KsCtx) => Promise<Record<string, unknown>> | Record<string, unknown>;
}

function takeFault(s: KsState, path: string, appId: string): KsFault | undefined {
  for (let i = 0; i < s.faults.length; i++) {
    const r = s.faults[i];
    if ((r.path !== '*' && r.path !== path) || (r.appId !== undefined && r.appId !== appId)) continue;
    if (r.probability !== undefined) {
      if (Math.random() < r.probability) return r;
      continue;
    }
    const left = (r.times ?? 1) - 1;
    if (left <= 0) s.faults.splice(i, 1);
    else r.times = left;
    return r;
  }
  return undefined;
}

export function authenticate(s: KsState, q: Query, scope?: string): KsToken {
  if (!q.app_id || !q.access_token) throw E.param();
  const tok = s.tokens.get(q.access_token);
  if (!tok) throw E.denied();
  if (tok.appId !== q.app_id) throw E.client();
  if (tok.expiresAt <= now(s)) throw E.expired();
  if (scope && !tok.scopes.includes(scope)) throw E.scope();
  return tok;
}

function record(s: KsState, path: string, appId: string, result: number | null, fault?: string) {
  s.calls.push({ at: now(s), path, appId, result, fault });
  if (s.calls.length > 20_000) s.calls = s.calls.slice(-10_000);
}

async function holdForever(s: KsState, req: FastifyRequest, reply: FastifyReply) {
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

export function runner(s: KsState, route: KsRoute) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const q = (req.query ?? {}) as Query;
    const appId = route.appOf?.(s, q) ?? q.app_id ?? '';
    const fault = takeFault(s, route.path, appId);
    const send = (body: Record<string, unknown>) => reply.code(200).header('content-type', 'application/json;charset=UTF-8').send(JSON.stringify(body));
    if (fault?.mode === 'errcode') {
      const result = fault.errcode ?? 100200500;
      record(s, route.path, appId, result, 'errcode');
      return send({ result, error_msg: fault.errorMsg ?? '服务内部错误' });
    }
    if (fault?.mode === 'timeout') {
      record(s, route.path, appId, null, 'timeout');
      return holdForever(s, req, reply);
    }
    if (fault?.mode === 'latency') {
      await sleep(s, fault.latencyMs ?? 0);
      if (s.closed) return reply.hijack();
    }
    let out: Record<string, unknown>;
    try {
      const tok = route.auth ? authenticate(s, q, route.auth.scope) : (undefined as unknown as KsToken);
      out = { result: 1, ...(await route.handler({ s, req, q, tok })) };
    } catch (e) {
      if (e instanceof KsError) out = { result: e.result, error_msg: e.errorMsg };
      else {
        process.stderr.write(`[emulator kuaishou] ${route.path}: ${(e as Error)?.stack ?? e}\n`);
        out = { result: 100200500, error_msg: '服务内部错误' };
      }
    }
    if (fault?.mode === 'drop_after_accept') {
      // The operation happened; its answer is lost on the wire.
      record(s, route.path, appId, out.result as number, 'drop_after_accept');
      reply.hijack();
      req.raw.socket.destroy();
      return;
    }
    record(s, route.path, appId, out.result as number, fault?.mode);
    return send(out);
  };
}
