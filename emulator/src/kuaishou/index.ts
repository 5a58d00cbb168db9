// The Kuaishou emulator as a Fastify plugin: the open platform under `/kuaishou`, the upload
// gateway (the `endpoint` start_upload names) under `/kuaishou-upload`, control under /__control/kuaishou.
import type { FastifyInstance } from 'fastify';
import { contentRoutes, uploadRoutes } from './content';
import { registerKsControl } from './control';
import { authorizePages, oauthRoutes } from './oauth';
import { type KsRoute, runner } from './pipeline';
import { createKsState, type KsOptions, type KsState } from './state';

export const KS_PREFIX = '/kuaishou';
export const KS_UPLOAD_PREFIX = '/kuaishou-upload';
const UPLOAD_LIMIT = 64 * 1024 * 1024;

export function kuaishouEmulator(o: KsOptions) {
  const s: KsState = createKsState(o);
  const plugin = async (app: FastifyInstance) => {
    // Raw video bytes (A.1, B.1): "不要在body中放boundary,content-type等信息,直接放文件的二进制信息".
    app.addContentTypeParser(/^(video|audio|image)\/|^application\/octet-stream/, { parseAs: 'buffer', bodyLimit: UPLOAD_LIMIT }, (_req, b, done) => done(null, b));
    const mount = (prefix: string, routes: KsRoute[]) => {
      for (const r of routes) app.route({ method: r.method, url: prefix + r.path, bodyLimit: UPLOAD_LIMIT, handler: runner(s, r) });
    };
    mount(KS_PREFIX, [...oauthRoutes, ...contentRoutes]);
    mount(KS_UPLOAD_PREFIX, uploadRoutes);
    authorizePages(app, s, KS_PREFIX);
    registerKsControl(app, s);
    app.addHook('onClose', async () => {
      s.closed = true;
      for (const release of [...s.parked]) release();
    });
  };
  return { state: s, plugin };
}
