import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './lib/errors';
import type { Actor } from './modules/identity/audit';
import { type Auth, SESSION_COOKIE, SESSION_DAYS } from './modules/identity/sessions';

declare module 'fastify' {
  interface FastifyRequest {
    auth: Auth | null;
  }
}

/** The signed-in user, or 401. */
export function requireUser(req: FastifyRequest): Auth {
  if (!req.auth) throw new AppError('unauthenticated', { zh: '请先登录', en: 'Please sign in first' });
  return req.auth;
}

/** The signed-in user acting in their current workspace; the workspace id never comes from the body. */
export function actorOf(req: FastifyRequest): Actor {
  const auth = requireUser(req);
  if (!auth.workspaceId || !auth.role) {
    throw new AppError('forbidden', { zh: '请先选择一个工作区', en: 'Choose a workspace first' });
  }
  // /me, sign-out, switching workspaces and the two-factor enrolment use requireUser, so they stay open.
  if (auth.totpSetupRequired) {
    throw new AppError('totp_setup_required', {
      zh: '此工作区要求两步验证：请先在“账号安全”中开启',
      en: 'This workspace requires two-factor sign-in: turn it on under Security first',
    });
  }
  return { userId: auth.userId, workspaceId: auth.workspaceId, role: auth.role, requestId: String(req.id) };
}

export function requestMeta(req: FastifyRequest) {
  return { ip: req.ip, userAgent: req.headers['user-agent'] };
}

export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean) {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    maxAge: SESSION_DAYS * 86400,
  });
}

export function clearSessionCookie(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
