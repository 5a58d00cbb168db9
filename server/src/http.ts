import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { text } from '../../contract/common';
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
  return { userId: auth.userId, workspaceId: auth.workspaceId, role: auth.role, requestId: String(req.id), ip: req.ip };
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

const Text = text();
const MALFORMED_FORM = { zh: '上传的表单格式错误或不完整', en: 'The multipart form is malformed or incomplete' };

/**
 * The one file of a multipart/form-data upload. Busboy's own errors (a truncated body, no
 * boundary, a broken part header) carry no status and would be 500s: they are the client's, 400.
 */
export async function readUpload(req: FastifyRequest, field: string): Promise<{ filename: string; data: Buffer }> {
  if (!req.isMultipart()) {
    throw new AppError('unsupported_media_type', {
      zh: `请用 multipart/form-data 上传，字段名 ${field}`,
      en: `Upload as multipart/form-data with a field named ${field}`,
    });
  }
  const malformed = (e: unknown) => {
    const fe = e as { code?: string; statusCode?: number };
    return fe.code?.startsWith('FST_') && fe.statusCode ? e : new AppError('bad_request', MALFORMED_FORM);
  };
  const file = await req.file().catch((e) => Promise.reject(malformed(e)));
  if (!file || file.fieldname !== field) {
    throw new AppError('validation_failed', { zh: `缺少文件字段 ${field}`, en: `The form has no field named ${field}` });
  }
  const data = await file.toBuffer().catch((e) => Promise.reject(malformed(e)));
  const name = Text.safeParse(file.filename);
  if (!name.success) {
    const [zh, en] = name.error.issues[0].message.split(' / ');
    throw new AppError('validation_failed', { zh: `文件名无效：${zh}`, en: `Invalid file name: ${en}` });
  }
  return { filename: file.filename, data };
}

/** The exact text of a signed JSON push, for its signature (the parsed body is validated by the route). */
const RAW = new WeakMap<object, string>();

/** In this scope JSON bodies are parsed as usual and their exact text kept for `rawBodyOf`. */
export function keepRawJson(scope: FastifyInstance) {
  scope.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: 1024 * 1024 }, (req, body, done) => {
    const text = String(body);
    if (!text.trim()) return done(Object.assign(new Error('empty JSON body'), { code: 'FST_ERR_CTP_EMPTY_JSON_BODY', statusCode: 400 }));
    try {
      const parsed = JSON.parse(text);
      RAW.set(req, text);
      done(null, parsed);
    } catch {
      done(Object.assign(new Error('invalid JSON body'), { code: 'FST_ERR_CTP_INVALID_JSON_BODY', statusCode: 400 }));
    }
  });
}

export const rawBodyOf = (req: FastifyRequest) => RAW.get(req) ?? '';
