// Weibo's error transport and request parameters: HTTP 4xx with {request, error_code, error}
// ([QQ] WeiboException; [HR] WeiboError.java), parameters in the query or a form/multipart body.

import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Token, type WeiboState, nowMs } from './state';

export class WeiboError extends Error {
  constructor(
    readonly errorCode: number,
    readonly error: string,
    readonly http = 400,
  ) {
    super(error);
  }
}

export function sendError(reply: FastifyReply, path: string, e: WeiboError) {
  return reply.code(e.http).header('content-type', 'application/json;charset=UTF-8').send({ request: path, error_code: e.errorCode, error: e.error });
}

export interface Params {
  fields: Record<string, string>;
  file: { field: string; data: Buffer; filename: string; mimetype: string } | null;
}

/** Query string, then a urlencoded or multipart body (body wins). */
export async function readParams(req: FastifyRequest): Promise<Params> {
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries((req.query ?? {}) as Record<string, unknown>)) if (typeof v === 'string') fields[k] = v;
  let file: Params['file'] = null;
  if (req.isMultipart()) {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        const data = await part.toBuffer();
        if (!file) file = { field: part.fieldname, data, filename: part.filename, mimetype: part.mimetype };
      } else if (typeof part.value === 'string') fields[part.fieldname] = part.value;
    }
  } else if (typeof req.body === 'string' && req.body) {
    for (const [k, v] of new URLSearchParams(req.body)) fields[k] = v;
  }
  return { fields, file };
}

/** The token of an API call (access_token parameter, or "Authorization: OAuth2 <token>"). */
export function tokenOf(s: WeiboState, req: FastifyRequest, p: Params): Token {
  const auth = req.headers.authorization;
  const raw = p.fields.access_token ?? (typeof auth === 'string' && auth.startsWith('OAuth2 ') ? auth.slice(7) : '');
  if (!raw) throw new WeiboError(21301, 'auth faild!', 401);
  const t = s.tokens.get(raw);
  if (!t) throw new WeiboError(21332, 'invalid_access_token', 401);
  if (t.revoked) throw new WeiboError(21317, 'Token rejected', 401);
  if (t.expiresAt <= nowMs(s)) throw new WeiboError(21327, 'expired_token', 401);
  return t;
}
