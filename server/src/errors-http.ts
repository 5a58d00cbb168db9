import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, ErrorCodes } from './lib/errors';

const PLACES: Record<string, string> = { body: '请求体', querystring: '查询参数', params: '路径参数', headers: '请求头' };

const body = (code: string, message: string, requestId: string, details?: unknown) => ({
  error: { code, message, requestId, ...(details === undefined ? {} : { details }) },
});

export const noSuchEndpoint = (req: FastifyRequest) =>
  body('not_found', `没有这个接口：${req.method} ${req.url.split('?')[0]} / No such endpoint`, String(req.id));

/** Maps every error to `{ error: { code, message, requestId } }`; 5xx never leak internals. */
export function installErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError | AppError | Error, req, reply) => {
    const requestId = String(req.id);
    const send = (status: number, code: string, message: string, details?: unknown) => reply.status(status).send(body(code, message, requestId, details));

    if (err instanceof AppError) {
      const wait = (err.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
      if (err.code === 'rate_limited' && typeof wait === 'number') reply.header('retry-after', String(wait));
      return send(err.status, err.code, err.bilingual, err.details);
    }

    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = (err as FastifyError).validationContext ?? 'body';
      const issues = err.validation.map((v) => {
        const path = v.instancePath.replace(/^\//, '').replace(/\//g, '.') || '(root)';
        return { path, message: v.message ?? 'invalid' };
      });
      const text = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
      return send(400, 'validation_failed', `${PLACES[where] ?? where}无效 / Invalid ${where}: ${text}`, issues);
    }

    const fe = err as FastifyError;
    switch (fe.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return send(400, 'bad_request', '请求体不是有效的 JSON / The request body is not valid JSON');
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return send(400, 'bad_request', '请求体为空，但声明为 JSON / The JSON body is empty');
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
      case 'FST_REQ_FILE_TOO_LARGE':
      case 'FST_PARTS_LIMIT':
      case 'FST_FILES_LIMIT':
      case 'FST_FIELDS_LIMIT':
        return send(413, 'payload_too_large', '请求或文件太大 / The request or file is too large');
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
        return send(415, 'unsupported_media_type', `不支持的内容类型：${req.headers['content-type'] ?? '(无)'} / Unsupported content type`);
      case 'FST_ERR_VALIDATION':
        return send(400, 'validation_failed', `请求无效 / Invalid request: ${fe.message}`);
    }
    if (fe.statusCode === 429) return send(429, 'rate_limited', '请求太频繁，请稍后再试 / Too many requests, try again later');
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      return send(fe.statusCode, 'bad_request', `请求无效 / Bad request: ${fe.message}`);
    }
    req.log.error({ err, requestId }, 'unhandled error');
    return send(ErrorCodes.internal, 'internal', `服务器内部错误（请求 ${requestId}）/ Internal server error (request ${requestId})`);
  });
}

/**
 * Fastify's `frameworkErrors`: the router's own refusals, before any route or hook runs
 * (bad percent-encoding in the path, a path parameter over `maxParamLength`).
 */
export function frameworkErrors(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  const requestId = String(req.id);
  const send = (e: AppError) => reply.status(e.status).send(body(e.code, e.bilingual, requestId));
  switch (err.code) {
    case 'FST_ERR_BAD_URL':
      return send(new AppError('bad_request', { zh: '路径中的百分号编码无效', en: 'The path has invalid percent-encoding' }));
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return send(new AppError('uri_too_long', { zh: '路径参数太长', en: 'A path parameter is too long' }));
  }
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return send(new AppError('bad_request', { zh: '请求无效', en: `Bad request: ${err.message}` }));
  req.log.error({ err, requestId }, 'framework error');
  return reply.status(500).send(body('internal', `服务器内部错误（请求 ${requestId}）/ Internal server error (request ${requestId})`, requestId));
}

/**
 * Fastify's `clientErrorHandler`: Node's HTTP parser refused the request (headers or URL over
 * 16 KiB, a malformed request line, a timeout) before Fastify saw it; answered on the raw socket.
 */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket) {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const e =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? new AppError('header_too_large', { zh: '请求的地址或请求头太长（上限 16 KiB）', en: 'The URL or the request headers are too long (16 KiB at most)' })
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? new AppError('bad_request', { zh: '请求超时', en: 'The request timed out' })
        : new AppError('bad_request', { zh: '无法解析的 HTTP 请求', en: 'The HTTP request could not be parsed' });
  const status = err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : e.status;
  const reason = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' }[status];
  const json = JSON.stringify(body(e.code, e.bilingual, randomUUID()));
  if (socket.writable && socket.bytesWritten === 0) {
    socket.write(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(json)}\r\nContent-Type: application/json; charset=utf-8\r\n\r\n${json}`);
  }
  socket.destroy(err);
}

/**
 * The query string decoder keeps a malformed escape as it was written (`%E0%A4%A`) and cannot
 * represent an encoded lone surrogate (`%ED%A0%80`): such a query is refused instead of searched for.
 */
export function checkQueryEncoding(req: FastifyRequest) {
  const q = req.url.indexOf('?');
  if (q < 0 || !req.url.includes('%', q)) return;
  for (const part of req.url.slice(q + 1).split(/[&=]/)) {
    try {
      decodeURIComponent(part);
    } catch {
      throw new AppError('bad_request', { zh: '查询参数的百分号编码无效', en: 'The query string has invalid percent-encoding' });
    }
  }
}
