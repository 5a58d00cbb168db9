// The Weibo emulator as two Fastify plugins over one state: the protocol under /weibo, its
// control API under /__control/weibo.

import type { FastifyInstance } from 'fastify';
import { commentControl, commentRoutes, destroyRoutes, replyRoutes } from './comments';
import { weiboControl } from './control';
import { oauthRoutes } from './oauth';
import { createWeiboState, type WeiboOptions } from './state';
import { statusRoutes } from './statuses';
import { sendError, WeiboError } from './wire';

export function weiboEmulator(opts: Partial<WeiboOptions> = {}) {
  const s = createWeiboState(opts);
  return {
    state: s,
    async api(app: FastifyInstance) {
      oauthRoutes(app, s);
      statusRoutes(app, s);
      commentRoutes(app, s);
      replyRoutes(app, s);
      destroyRoutes(app, s);
      app.setErrorHandler((e, req, reply) => {
        const code = (e as { statusCode?: number }).statusCode === 413 ? 20006 : 10001;
        return sendError(
          reply,
          req.url.split('?')[0],
          new WeiboError(code, code === 20006 ? 'Image size too large.' : 'system error!', code === 20006 ? 400 : 500),
        );
      });
      app.setNotFoundHandler((req, reply) => sendError(reply, req.url.split('?')[0], new WeiboError(10020, 'Request api not found!', 404)));
    },
    async control(app: FastifyInstance) {
      weiboControl(app, s);
      commentControl(app, s);
    },
  };
}
