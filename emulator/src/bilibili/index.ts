// The Bilibili open platform emulator: /bilibili (arcopen API, upload host, authorize page),
// /bilibili-api (OAuth token host) and /__control/bilibili.
import type { FastifyInstance } from 'fastify';
import { apiRoutes } from './api';
import { controlRoutes } from './control';
import { authorizePage, tokenRoutes } from './oauth';
import { type BiliOptions, type BiliState, createBiliState } from './state';

export async function registerBilibili(app: FastifyInstance, o: Partial<BiliOptions>): Promise<BiliState> {
  const s = createBiliState(o);
  await app.register(async (scope) => {
    // Our own errors stay in Bilibili's envelope rather than the WeChat one of the root handler.
    scope.setErrorHandler((e, _req, reply) => reply.code(200).send({ code: 4011, message: `内部错误: ${(e as Error).message}`, ttl: 1 }));
    await scope.register(apiRoutes(s));
    await scope.register(authorizePage(s));
  }, { prefix: '/bilibili' });
  await app.register(tokenRoutes(s), { prefix: '/bilibili-api' });
  await app.register(controlRoutes(s), { prefix: '/__control/bilibili' });
  return s;
}

export function closeBilibili(s: BiliState): void {
  for (const t of s.timers) clearTimeout(t);
  s.timers.clear();
}
