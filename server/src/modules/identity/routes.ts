import type { FastifyInstance } from 'fastify';
import { R } from '../../../../contract/routes';
import type { Deps } from '../../context';
import { actorOf, clearSessionCookie, requestMeta, requireUser, setSessionCookie } from '../../http';
import { AppError } from '../../lib/errors';
import { on } from '../../route';
import * as departments from './departments';
import * as members from './members';
import * as svc from './service';
import { resolveSession, SESSION_COOKIE } from './sessions';

export async function identityRoutes(app: FastifyInstance, deps: Deps) {
  const r = R.identity;
  const secure = deps.config.MEIYUN_COOKIE_SECURE;
  const signedIn = async (token: string) => {
    const auth = await resolveSession(deps.db, token);
    if (!auth) throw new AppError('internal', { zh: '会话创建失败', en: 'Session creation failed' });
    return svc.getMe(deps, auth);
  };

  on(app, r.setupStatus, async () => ({ needsOwner: await svc.needsOwner(deps) }));
  on(app, r.setup, async (req, reply) => {
    const token = await svc.setupFirstOwner(deps, req.body, requestMeta(req));
    setSessionCookie(reply, token, secure);
    return signedIn(token);
  });

  on(app, r.signIn, async (req, reply) => {
    const token = await svc.signIn(deps, req.body, requestMeta(req));
    setSessionCookie(reply, token, secure);
    return signedIn(token);
  });
  on(app, r.signOut, async (req, reply) => {
    await svc.signOut(deps, requireUser(req), requestMeta(req));
    clearSessionCookie(reply);
    return { ok: true as const };
  });

  on(app, r.me, async (req) => svc.getMe(deps, requireUser(req)));
  on(app, r.switchWorkspace, async (req) => svc.getMe(deps, await svc.switchWorkspace(deps, requireUser(req), req.body.workspaceId)));
  on(app, r.createWorkspace, async (req) => svc.getMe(deps, await svc.createWorkspace(deps, requireUser(req), req.body.name)));

  on(app, r.getWorkspace, async (req) => svc.getWorkspace(deps, actorOf(req)));
  on(app, r.updateWorkspace, async (req) => svc.updateWorkspace(deps, actorOf(req), req.body));

  on(app, r.listMembers, async (req) => members.listMembers(deps, actorOf(req), req.query));
  on(app, r.updateMember, async (req) => members.updateMember(deps, actorOf(req), req.params.userId, req.body.role));
  on(app, r.removeMember, async (req) => {
    await members.removeMember(deps, actorOf(req), req.params.userId);
    return { ok: true as const };
  });

  on(app, r.listInvitations, async (req) => members.listInvitations(deps, actorOf(req), req.query));
  on(app, r.invite, async (req) => members.invite(deps, actorOf(req), req.body));
  on(app, r.revokeInvitation, async (req) => {
    await members.revokeInvitation(deps, actorOf(req), req.params.id);
    return { ok: true as const };
  });
  on(app, r.acceptInvitation, async (req, reply) => {
    const token = await members.acceptInvitation(deps, req.body, requestMeta(req));
    setSessionCookie(reply, token, secure);
    return signedIn(token);
  });

  on(app, r.audit, async (req) => members.listAudit(deps, actorOf(req), req.query));

  on(app, r.listDepartments, async (req) => departments.listDepartments(deps, actorOf(req)));
  on(app, r.createDepartment, async (req) => departments.createDepartment(deps, actorOf(req), req.body));
  on(app, r.updateDepartment, async (req) => departments.updateDepartment(deps, actorOf(req), req.params.id, req.body));
  on(app, r.deleteDepartment, async (req) => departments.deleteDepartment(deps, actorOf(req), req.params.id));
  on(app, r.addDepartmentMember, async (req) => departments.addDepartmentMember(deps, actorOf(req), req.params.id, req.body.userId));
  on(app, r.removeDepartmentMember, async (req) => departments.removeDepartmentMember(deps, actorOf(req), req.params.id, req.params.userId));
}

/** Reads the session cookie on every request; each route's access (contract/routes) decides whether it needs it. */
export function installAuth(app: FastifyInstance, deps: Deps) {
  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (req) => {
    const token = req.cookies?.[SESSION_COOKIE];
    req.auth = token && token.length < 200 ? await resolveSession(deps.db, token) : null;
  });
}
