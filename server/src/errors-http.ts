import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, ErrorCodes } from './lib/errors';

const PLACES: Record<string, string> = { body: '请求体', querystring: '查询参数', params: '路径参数', headers: '请求头' };

export const noSuchEndpoint = (req: FastifyRequest) => ({
  error: { code: 'not_found', message: `没有这个接口：${req.method} ${req.url.split('?')[0]} / No such endpoint`, requestId: String(req.id) },
});

/** Maps every error to `{ error: { code, message, requestId } }`; 5xx never leak internals. */
export function installErrorHandler(app: FastifyInstance) {

  app.setErrorHandler((err: FastifyError | AppError | Error, req, reply) => {
    const requestId = String(req.id);
    const send = (status: number, code: string, message: string, details?: unknown) =>
      reply.status(status).send({ error: { code, message, requestId, ...(details === undefined ? {} : { details }) } });

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
