import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id, Page } from '../../../../contract/common';
import * as C from '../../../../contract/identity';
import type { Deps } from '../../context';
import { actorOf, clearSessionCookie, requestMeta, requireUser, setSessionCookie } from '../../http';
import { AppError } from '../../lib/errors';
import * as members from './members';
import { assertCan } from './roles';
import * as svc from './service';
import { resolveSession, SESSION_COOKIE } from './sessions';

export async function identityRoutes(app0: FastifyInstance, deps: Deps) {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const secure = deps.config.MEIYUN_COOKIE_SECURE;
  const signedIn = async (token: string) => {
    const auth = await resolveSession(deps.db, token);
    if (!auth) throw new AppError('internal', { zh: '会话创建失败', en: 'Session creation failed' });
    return svc.getMe(deps, auth);
  };

  app.get('/api/v1/setup', async () => ({ needsOwner: await svc.needsOwner(deps) }));
  app.post('/api/v1/setup', { schema: { body: C.SetupBody } }, async (req, reply) => {
    const token = await svc.setupFirstOwner(deps, req.body, requestMeta(req));
    setSessionCookie(reply, token, secure);
    return signedIn(token);
  });

  app.post('/api/v1/auth/sign-in', { schema: { body: C.SignInBody } }, async (req, reply) => {
    const token = await svc.signIn(deps, req.body, requestMeta(req));
    setSessionCookie(reply, token, secure);
    return signedIn(token);
  });
  app.post('/api/v1/auth/sign-out', async (req, reply) => {
    await svc.signOut(deps, requireUser(req), requestMeta(req));
    clearSessionCookie(reply);
    return { ok: true as const };
  });

  app.get('/api/v1/me', async (req) => svc.getMe(deps, requireUser(req)));
  app.post('/api/v1/me/workspace', { schema: { body: C.SwitchWorkspaceBody } }, async (req) =>
    svc.getMe(deps, await svc.switchWorkspace(deps, requireUser(req), req.body.workspaceId)),
  );
  app.post('/api/v1/workspaces', { schema: { body: C.CreateWorkspaceBody } }, async (req) =>
    svc.getMe(deps, await svc.createWorkspace(deps, requireUser(req), req.body.name)),
  );

  app.get('/api/v1/workspace', async (req) => svc.getWorkspace(deps, actorOf(req)));
  app.patch('/api/v1/workspace', { schema: { body: C.UpdateWorkspaceBody } }, async (req) => svc.updateWorkspace(deps, actorOf(req), req.body));

  app.get('/api/v1/members', { schema: { querystring: C.MemberQuery.extend(Page.shape) } }, async (req) => members.listMembers(deps, actorOf(req), req.query));
  const UserParam = z.object({ userId: Id });
  app.patch('/api/v1/members/:userId', { schema: { params: UserParam, body: C.UpdateMemberBody } }, async (req) =>
    members.updateMember(deps, actorOf(req), req.params.userId, req.body.role),
  );
  app.delete('/api/v1/members/:userId', { schema: { params: UserParam } }, async (req) => {
    await members.removeMember(deps, actorOf(req), req.params.userId);
    return { ok: true as const };
  });

  app.get('/api/v1/invitations', { schema: { querystring: C.InvitationQuery.extend(Page.shape) } }, async (req) =>
    members.listInvitations(deps, actorOf(req), req.query),
  );
  app.post('/api/v1/invitations', { schema: { body: C.InviteBody } }, async (req) => members.invite(deps, actorOf(req), req.body));
  app.delete('/api/v1/invitations/:id', { schema: { params: z.object({ id: Id }) } }, async (req) => {
    await members.revokeInvitation(deps, actorOf(req), req.params.id);
    return { ok: true as const };
  });
  app.post('/api/v1/invitations/accept', { schema: { body: C.AcceptInviteBody } }, async (req, reply) => {
    const token = await members.acceptInvitation(deps, req.body, requestMeta(req));
    setSessionCookie(reply, token, secure);
    return signedIn(token);
  });

  app.get('/api/v1/audit', { schema: { querystring: C.AuditQuery.extend(Page.shape) } }, async (req) => {
    const actor = actorOf(req);
    assertCan(actor.role, 'audit.read');
    return members.listAudit(deps, actor, req.query);
  });
}

/** Reads the session cookie on every request; routes decide whether they need it. */
export function installAuth(app: FastifyInstance, deps: Deps) {
  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (req) => {
    const token = req.cookies?.[SESSION_COOKIE];
    req.auth = token && token.length < 200 ? await resolveSession(deps.db, token) : null;
  });
}
