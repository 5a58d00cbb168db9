import type { FastifyInstance, FastifyReply } from 'fastify';
import { R } from '../../../../contract/routes';
import type { Deps } from '../../context';
import { actorOf, clearSessionCookie, requestMeta, requireUser, setSessionCookie } from '../../http';
import { AppError } from '../../lib/errors';
import { on } from '../../route';
import * as events from './auth-events';
import * as sec from './security';
import { getMe } from './service';
import { resolveSession } from './sessions';
import * as tfa from './two-factor';

/** Sessions, passwords, reset links, two-factor sign-in and sign-in events (contract/routes/security.ts). */
export async function securityRoutes(app: FastifyInstance, deps: Deps) {
  const r = R.security;
  const secure = deps.config.MEIYUN_COOKIE_SECURE;
  const signedIn = async (reply: FastifyReply, token: string) => {
    setSessionCookie(reply, token, secure);
    const auth = await resolveSession(deps.db, token);
    if (!auth) throw new AppError('internal', { zh: '会话创建失败', en: 'Session creation failed' });
    return getMe(deps, auth);
  };

  on(app, r.getSecurity, async (req) => sec.getSecurity(deps, requireUser(req)));
  on(app, r.changePassword, async (req) => sec.changePassword(deps, requireUser(req), req.body, requestMeta(req)));
  on(app, r.listSessions, async (req) => sec.listSessions(deps, requireUser(req)));
  on(app, r.revokeSession, async (req, reply) => {
    const x = await sec.revokeSession(deps, requireUser(req), req.params.id, requestMeta(req));
    if (x.includedCurrent) clearSessionCookie(reply);
    return { ok: true as const };
  });
  on(app, r.revokeOtherSessions, async (req) => ({ revoked: (await sec.revokeOtherSessions(deps, requireUser(req), requestMeta(req))).revoked }));
  on(app, r.signOutEverywhere, async (req, reply) => {
    const x = await sec.revokeAllSessions(deps, requireUser(req), requestMeta(req));
    clearSessionCookie(reply);
    return { revoked: x.revoked };
  });
  on(app, r.listOwnAuthEvents, async (req) => events.listOwnEvents(deps, requireUser(req), req.query));
  on(app, r.listAuthEvents, async (req) => events.listWorkspaceEvents(deps, actorOf(req), req.query));
  on(app, r.startTotpSetup, async (req) => tfa.startTotpSetup(deps, requireUser(req)));
  on(app, r.enableTotp, async (req) => tfa.enableTotp(deps, requireUser(req), req.body.code, requestMeta(req)));
  on(app, r.disableTotp, async (req) => {
    await tfa.disableTotp(deps, requireUser(req), req.body, requestMeta(req));
    return { ok: true as const };
  });
  on(app, r.issuePasswordReset, async (req) => sec.issueMemberReset(deps, actorOf(req), req.params.userId, requestMeta(req)));
  on(app, r.checkPasswordReset, async (req) => sec.checkReset(deps, req.body.token, requestMeta(req)));
  on(app, r.usePasswordReset, async (req, reply) => signedIn(reply, await sec.useReset(deps, req.body, requestMeta(req))));
  on(app, r.setWorkspaceSecurity, async (req) => sec.setWorkspaceSecurity(deps, actorOf(req), req.body.requireTotp));
}
