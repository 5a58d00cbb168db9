import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from './lib/errors';
import { SESSION_COOKIE } from './modules/identity/sessions';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Endpoints that set the session cookie: protected even without a cookie, so another site
 * cannot sign a visitor into an account of the attacker's choosing (login CSRF).
 */
const SIGN_IN_PATHS = new Set(['/api/v1/setup', '/api/v1/auth/sign-in', '/api/v1/invitations/accept', '/api/v1/auth/password-reset']);

const refused = () =>
  new AppError('cross_site_request', {
    zh: '拒绝来自其他网站的请求：请直接在媒运页面中操作',
    en: 'Refused a request sent from another site: use Meiyun’s own pages',
  });

/** The origins this server answers at: MEIYUN_PUBLIC_URL's, and the Host the browser asked for. */
function sameOrigin(req: FastifyRequest, origin: string, publicOrigin: string | null): boolean {
  if (publicOrigin && origin === publicOrigin) return true;
  try {
    // A browser sets Host itself, so a page elsewhere cannot make it match its own Origin while
    // sending our cookie. The scheme is left out: behind a TLS proxy the server sees plain http.
    // Both read as URLs of the origin's scheme, so a default port written or not compares equal.
    const o = new URL(origin);
    return o.host === new URL(`${o.protocol}//${req.host}`).host;
  } catch {
    return false; // "null" (sandboxed frames, file://) or garbage
  }
}

/**
 * Cross-site request protection for cookie-authenticated mutations, from what browsers say about
 * every request: `Sec-Fetch-Site` (cross-site and same-site are refused; a sibling subdomain is
 * not us either) and `Origin`. Requests without a session cookie and without those headers (curl,
 * scripts, platform callbacks) are not a browser acting for a signed-in person, and pass.
 */
export function installCsrfGuard(app: FastifyInstance, publicUrl: string | undefined) {
  const publicOrigin = publicUrl ? new URL(publicUrl).origin : null;
  app.addHook('onRequest', async (req) => {
    if (SAFE.has(req.method)) return;
    const path = req.url.split('?')[0];
    const withCookie = (req.headers.cookie ?? '').includes(`${SESSION_COOKIE}=`);
    if (!withCookie && !SIGN_IN_PATHS.has(path)) return;
    const site = req.headers['sec-fetch-site'];
    if (site === 'cross-site' || site === 'same-site') throw refused();
    const origin = req.headers.origin;
    if (origin !== undefined && !sameOrigin(req, origin, publicOrigin)) throw refused();
  });
}
