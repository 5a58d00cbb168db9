import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id, Ok, Page, paged } from '../../../../contract/common';
import { Me, Workspace } from '../../../../contract/identity';
import * as C from '../../../../contract/security';
import type { Deps } from '../../context';
import { actorOf, clearSessionCookie, requestMeta, requireUser, setSessionCookie } from '../../http';
import { AppError } from '../../lib/errors';
import * as events from './auth-events';
import * as sec from './security';
import { getMe } from './service';
import { resolveSession } from './sessions';
import * as tfa from './two-factor';

/** Sessions, passwords, reset links, two-factor sign-in and sign-in events (contract/security.ts). */
export async function securityRoutes(app0: FastifyInstance, deps: Deps) {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const secure = deps.config.MEIYUN_COOKIE_SECURE;
  const signedIn = async (reply: FastifyReply, token: string) => {
    setSessionCookie(reply, token, secure);
    const auth = await resolveSession(deps.db, token);
    if (!auth) throw new AppError('internal', { zh: '会话创建失败', en: 'Session creation failed' });
    return getMe(deps, auth);
  };
  const IdParam = z.object({ id: Id });

  app.get('/api/v1/me/security', { schema: { response: { 200: C.SecurityOverview } } }, async (req) => sec.getSecurity(deps, requireUser(req)));
  app.post('/api/v1/me/password', { schema: { body: C.ChangePasswordBody, response: { 200: C.SessionsRevoked } } }, async (req) =>
    sec.changePassword(deps, requireUser(req), req.body, requestMeta(req)),
  );

  app.get('/api/v1/me/sessions', { schema: { response: { 200: z.array(C.Session) } } }, async (req) => sec.listSessions(deps, requireUser(req)));
  app.delete('/api/v1/me/sessions/:id', { schema: { params: IdParam, response: { 200: Ok } } }, async (req, reply) => {
    const r = await sec.revokeSession(deps, requireUser(req), req.params.id, requestMeta(req));
    if (r.includedCurrent) clearSessionCookie(reply);
    return { ok: true as const };
  });
  app.post('/api/v1/me/sessions/revoke-others', { schema: { response: { 200: C.SessionsRevoked } } }, async (req) => {
    const r = await sec.revokeOtherSessions(deps, requireUser(req), requestMeta(req));
    return { revoked: r.revoked };
  });
  app.post('/api/v1/auth/sign-out-everywhere', { schema: { response: { 200: C.SessionsRevoked } } }, async (req, reply) => {
    const r = await sec.revokeAllSessions(deps, requireUser(req), requestMeta(req));
    clearSessionCookie(reply);
    return { revoked: r.revoked };
  });

  app.get('/api/v1/me/auth-events', { schema: { querystring: C.AuthEventQuery.extend(Page.shape), response: { 200: paged(C.AuthEvent) } } }, async (req) =>
    events.listOwnEvents(deps, requireUser(req), req.query),
  );
  app.get('/api/v1/auth-events', { schema: { querystring: C.AuthEventQuery.extend(Page.shape), response: { 200: paged(C.AuthEvent) } } }, async (req) =>
    events.listWorkspaceEvents(deps, actorOf(req), req.query),
  );

  app.post('/api/v1/me/totp/setup', { schema: { response: { 200: C.TotpSetup } } }, async (req) => tfa.startTotpSetup(deps, requireUser(req)));
  app.post('/api/v1/me/totp/enable', { schema: { body: C.TotpEnableBody, response: { 200: C.TotpEnabled } } }, async (req) =>
    tfa.enableTotp(deps, requireUser(req), req.body.code, requestMeta(req)),
  );
  app.post('/api/v1/me/totp/disable', { schema: { body: C.TotpDisableBody, response: { 200: Ok } } }, async (req) => {
    await tfa.disableTotp(deps, requireUser(req), req.body, requestMeta(req));
    return { ok: true as const };
  });

  app.post('/api/v1/members/:userId/password-reset', { schema: { params: z.object({ userId: Id }), response: { 200: C.PasswordResetLink } } }, async (req) =>
    sec.issueMemberReset(deps, actorOf(req), req.params.userId, requestMeta(req)),
  );
  app.post('/api/v1/auth/password-reset/check', { schema: { body: C.ResetTokenBody, response: { 200: C.PasswordResetInfo } } }, async (req) =>
    sec.checkReset(deps, req.body.token, requestMeta(req)),
  );
  app.post('/api/v1/auth/password-reset', { schema: { body: C.PasswordResetBody, response: { 200: Me } } }, async (req, reply) =>
    signedIn(reply, await sec.useReset(deps, req.body, requestMeta(req))),
  );

  app.put('/api/v1/workspace/security', { schema: { body: C.WorkspaceSecurityBody, response: { 200: Workspace } } }, async (req) =>
    sec.setWorkspaceSecurity(deps, actorOf(req), req.body.requireTotp),
  );
}
