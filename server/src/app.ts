import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, LogController, type RouteOptions } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { sql } from 'drizzle-orm';
import { R } from '../../contract/routes';
import { WECHAT_IMAGE_HOSTS } from '../../contract/html';
import type { Deps } from './context';
import { installCsrfGuard } from './csrf';
import { checkQueryEncoding, clientErrorHandler, frameworkErrors, installErrorHandler, noSuchEndpoint } from './errors-http';
import { accountRoutes } from './modules/accounts/routes';
import { dashboardRoutes } from './modules/analytics/dashboard-routes';
import { analyticsRoutes } from './modules/analytics/routes';
import { syncRoutes } from './modules/analytics/sync-routes';
import { feedbackRoutes } from './modules/feedback/routes';
import { goalsRoutes } from './modules/goals/routes';
import { teamRoutes } from './modules/team/routes';
import { inboxRoutes } from './modules/inbox/routes';
import { reportsRoutes } from './modules/reports/routes';
import { requestsRoutes } from './modules/requests/routes';
import { contentRoutes } from './modules/content/routes';
import { identityRoutes, installAuth } from './modules/identity/routes';
import { securityRoutes } from './modules/identity/security-routes';
import { incidentRoutes } from './modules/incidents/routes';
import { linksRoutes } from './modules/links/routes';
import { notifyRoutes } from './modules/notify/routes';
import { publishingRoutes } from './modules/publishing/routes';
import { peopleRoutes } from './modules/people/routes';
import { originalityRoutes } from './modules/risk/originality-routes';
import { riskRoutes } from './modules/risk/routes';
import { strategyRoutes } from './modules/strategy/routes';
import { tasksRoutes } from './modules/tasks/routes';
import { openapiTransform } from './openapi';
import { on } from './route';

const webDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

/**
 * The Content-Security-Policy of every response: the app shell, the API, /docs. No inline or
 * foreign script anywhere (a body that slipped past the sanitiser still could not run), no
 * plugins, no <base> hijack, not framed by other sites. Images: our own media, data:/blob:
 * (antd's icons and image previews, the favicon) and WeChat's image hosts (bodies sent to or
 * imported from WeChat; media/uploadimg answers http:// URLs, hence both schemes).
 * style-src needs 'unsafe-inline': antd 6 writes its CSS-in-JS as <style> elements at run time,
 * and article bodies are made of inline style attributes (WeChat keeps no stylesheet), shown
 * in the editor and in the preview frame, which inherits this policy. Styles cannot run script,
 * and stored ones are limited to contract/html.ts STYLE_RULES.
 * Swagger UI (/docs) loads its scripts from /docs/static, so 'self' covers it too; its
 * validator badge (an outside image) is turned off below.
 */
const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:', ...WECHAT_IMAGE_HOSTS.flatMap((h) => [`https://${h}`, `http://${h}`])],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/** MEIYUN_TRUST_PROXY as Fastify takes it; a hop count becomes "trust the nearest n hops" (its types know no number). */
const trustProxy = (v: boolean | number | string[]) => (typeof v === 'number' ? (_addr: string, hop: number) => hop < v : v);

/** `onRoute` sees every route as it is added (the route-table test compares them with contract/routes). */
export async function buildApp(deps: Omit<Deps, 'log'>, opts: { logger?: boolean; onRoute?: (r: RouteOptions) => void } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ? { level: deps.config.LOG_LEVEL, redact: ['req.headers.cookie', 'req.headers.authorization'] } : false,
    bodyLimit: 2 * 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
    // One line per request drowns the console; errors are still logged with their request id.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: trustProxy(deps.config.MEIYUN_TRUST_PROXY),
    // Ids are 36 characters; a longer path parameter is refused by the router (414, product shape).
    routerOptions: { maxParamLength: 100 },
    frameworkErrors,
    clientErrorHandler,
  });
  if (opts.onRoute) app.addHook('onRoute', opts.onRoute);
  const full: Deps = { ...deps, log: app.log };
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  app.addHook('onRequest', async (req) => checkQueryEncoding(req));

  await app.register(helmet, { contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES } });
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: deps.config.MEIYUN_MAX_UPLOAD_MB * 1024 * 1024, files: 1, fields: 10 } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Meiyun 媒运 API', version: '1' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'meiyun_session' } } },
    },
    transform: openapiTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { validatorUrl: null } });

  installCsrfGuard(app, deps.config.MEIYUN_PUBLIC_URL);
  installAuth(app, full);
  on(app, R.health.health, async () => {
    await deps.db.execute(sql`select 1`);
    return { ok: true as const, db: 'up' as const };
  });
  await identityRoutes(app, full);
  await securityRoutes(app, full);
  await accountRoutes(app, full);
  await contentRoutes(app, full);
  await publishingRoutes(app, full);
  await analyticsRoutes(app, full);
  await syncRoutes(app, full);
  await goalsRoutes(app, full);
  await dashboardRoutes(app, full);
  await reportsRoutes(app, full);
  await linksRoutes(app, full);
  await inboxRoutes(app, full);
  await feedbackRoutes(app, full);
  await incidentRoutes(app, full);
  await notifyRoutes(app, full);
  await riskRoutes(app, full);
  await originalityRoutes(app, full);
  await strategyRoutes(app, full);
  await requestsRoutes(app, full);
  await peopleRoutes(app, full);
  await tasksRoutes(app, full);
  await teamRoutes(app, full);

  const hasWeb = existsSync(path.join(webDist, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: webDist, wildcard: false });
  app.setNotFoundHandler((req, reply) => {
    // Client-side routes: any other GET outside the API gets the app shell.
    // A missing file (an old /assets/… name after a rebuild) is a 404, not the app shell.
    const isFile = /\.[a-z0-9]+$/i.test(req.url.split('?')[0]);
    if (hasWeb && req.method === 'GET' && !isFile && !req.url.startsWith('/api/') && !req.url.startsWith('/docs')) return reply.sendFile('index.html');
    reply.status(404).send(noSuchEndpoint(req));
  });
  return app;
}
