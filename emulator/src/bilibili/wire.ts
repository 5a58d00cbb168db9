// The envelope ({code, message, ttl, data} on HTTP 200) and fault injection for the Bilibili routes.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { BiliFault, BiliState } from './state';

export class BiliErr {
  constructor(readonly code: number, readonly message: string) {}
}

export function ok(reply: FastifyReply, data: unknown) {
  return reply.code(200).header('content-type', 'application/json; charset=utf-8').send({ code: 0, message: '0', ttl: 1, ...(data !== undefined && { data }), request_id: Math.random().toString(16).slice(2) });
}

export function fail(reply: FastifyReply, e: { code: number; message: string }) {
  return reply.code(200).header('content-type', 'application/json; charset=utf-8').send({ code: e.code, message: e.message, ttl: 1, request_id: Math.random().toString(16).slice(2) });
}

function takeFault(s: BiliState, path: string): BiliFault | undefined {
  for (let i = 0; i < s.faults.length; i++) {
    const f = s.faults[i];
    if (f.path !== '*' && f.path !== path) continue;
    if (f.probability !== undefined) {
      if (Math.random() < f.probability) return f;
      continue;
    }
    const left = (f.times ?? 1) - 1;
    if (left <= 0) s.faults.splice(i, 1);
    else f.times = left;
    return f;
  }
  return undefined;
}

type Handler = (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

/**
 * Applies a matching fault around a handler: `errcode` answers the code without doing anything,
 * `latency` waits first, `timeout` never answers, `drop_after_accept` does the work and then cuts
 * the connection without an answer (the client cannot know the call took effect).
 */
export function withFaults(s: BiliState, path: string, handler: Handler): Handler {
  return async (req, reply) => {
    const f = takeFault(s, path);
    const result = () => handler(req, reply);
    s.calls.push({ at: Date.now(), method: req.method, path, code: 0 });
    if (!f) return result();
    if (f.mode === 'errcode') return fail(reply, { code: f.code ?? 4011, message: f.message ?? '内部错误' });
    if (f.mode === 'latency') {
      await new Promise((r) => setTimeout(r, f.latencyMs ?? 0));
      return result();
    }
    if (f.mode === 'timeout') {
      reply.hijack();
      return;
    }
    // drop_after_accept: run the handler against a reply that is never sent, then cut the socket.
    reply.hijack();
    await handler(req, { ...reply, code: () => fakeReply, header: () => fakeReply, send: () => fakeReply, hijack: () => fakeReply } as unknown as FastifyReply).catch(() => undefined);
    req.raw.socket.destroy();
  };
}

const fakeReply: Record<string, unknown> = {};
fakeReply.code = () => fakeReply;
fakeReply.header = () => fakeReply;
fakeReply.send = () => fakeReply;
