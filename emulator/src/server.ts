// The platform emulator: WeChat Official Accounts protocol on loopback, plus /__control.
import multipart from '@fastify/multipart';
import Fastify from 'fastify';
import { kuaishouEmulator } from './kuaishou';
import { closeBilibili, registerBilibili } from './bilibili';
import { registerDouyin } from './douyin/control';
import { createDouyinState } from './douyin/state';
import { commentRoutes } from './wechat/comments';
import { kfRoutes } from './wechat/kf';
import { registerControl } from './wechat/control';
import { WxError, errorBody, newRid } from './wechat/errors';
import { datacubeRoutes } from './wechat/datacube';
import { draftRoutes } from './wechat/draft';
import { cancelDue } from './wechat/due';
import { freepublishRoutes } from './wechat/freepublish';
import { massRoutes } from './wechat/mass';
import { MULTIPART_FILE_CAP, materialRoutes } from './wechat/material';
import { invalidUrl, registerWxRoutes } from './wechat/pipeline';
import { quotaRoutes } from './wechat/quota';
import { type EmulatorOptions, createState } from './wechat/state';
import { tokenRoutes } from './wechat/tokens';
import { userRoutes } from './wechat/users';
import { weiboEmulator } from './weibo';

export interface StartOptions {
  port?: number;
  host?: string;
  publishDelayMs?: number;
  tokenTtlSeconds?: number;
  supersededGraceSeconds?: number;
  stableRefreshWindowSeconds?: number;
  forceRefreshMinIntervalSeconds?: number;
  forceRefreshDailyLimit?: number;
  clearQuotaMonthlyLimit?: number;
  pushTimeoutMs?: number;
  pushAttempts?: number;
  pushRetryDelayMs?: number;
  /** Kuaishou: how long a published video stays in review (default: publishDelayMs, else 1000). */
  kuaishouReviewDelayMs?: number;
  kuaishouTokenTtlSeconds?: number;
  kuaishouRefreshTtlSeconds?: number;
  /** Bilibili: how long an archive stays 审核中 before its outcome. */
  bilibiliReviewDelayMs?: number;
  /** Weibo: expires_in of issued tokens, the 20019 duplicate window, the 20016 share limit. */
  weibo?: { tokenTtlSeconds?: number; duplicateWindowSeconds?: number; shareLimit?: { limit: number; windowSeconds: number } | null };
  /** Douyin: how long a created video stays in review (video_status 4). */
  douyinReviewDelayMs?: number;
}

export interface RunningEmulator {
  url: string;
  close(): Promise<void>;
}

function options(o: StartOptions): EmulatorOptions {
  const ttl = o.tokenTtlSeconds ?? 7200;
  return {
    publishDelayMs: o.publishDelayMs ?? 1000,
    tokenTtlSeconds: ttl,
    supersededGraceSeconds: o.supersededGraceSeconds ?? 300,
    // The doc's 5 minutes of a 7200 s token; scaled down with short test TTLs.
    stableRefreshWindowSeconds: o.stableRefreshWindowSeconds ?? Math.min(300, (ttl * 300) / 7200),
    forceRefreshMinIntervalSeconds: o.forceRefreshMinIntervalSeconds ?? 30,
    forceRefreshDailyLimit: o.forceRefreshDailyLimit ?? 20,
    clearQuotaMonthlyLimit: o.clearQuotaMonthlyLimit ?? 10,
    pushTimeoutMs: o.pushTimeoutMs ?? 5000,
    pushAttempts: o.pushAttempts ?? 3,
    pushRetryDelayMs: o.pushRetryDelayMs ?? 1000,
  };
}

export async function startEmulator(opts: StartOptions = {}): Promise<RunningEmulator> {
  const s = createState(options(opts));
  const app = Fastify({
    logger: false,
    bodyLimit: 32 * 1024 * 1024,
    forceCloseConnections: true,
  });

  // Bodies are parsed by the WeChat pipeline itself so that malformed JSON answers 47001
  // (and a JSON body sent as text/plain still works, as it does on the real service).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  await app.register(multipart, {
    throwFileSizeLimit: false,
    limits: { fileSize: MULTIPART_FILE_CAP, files: 4, fields: 20, parts: 30 },
  });

  registerWxRoutes(app, s, [
    ...tokenRoutes,
    ...materialRoutes,
    ...draftRoutes,
    ...freepublishRoutes,
    ...massRoutes,
    ...userRoutes,
    ...quotaRoutes,
    ...datacubeRoutes,
    ...commentRoutes,
    ...kfRoutes,
  ]);
  registerControl(app, s);
  const ks = kuaishouEmulator({
    reviewDelayMs: opts.kuaishouReviewDelayMs ?? opts.publishDelayMs ?? 1000,
    tokenTtlSeconds: opts.kuaishouTokenTtlSeconds ?? 172_800,
    refreshTtlSeconds: opts.kuaishouRefreshTtlSeconds ?? 15_552_000,
  });
  await app.register(ks.plugin);
  const bili = await registerBilibili(app, { reviewDelayMs: opts.bilibiliReviewDelayMs ?? 1000 });
  const weibo = weiboEmulator(opts.weibo);
  await app.register(weibo.api, { prefix: '/weibo' });
  await app.register(weibo.control, { prefix: '/__control/weibo' });
  await registerDouyin(app, createDouyinState({ reviewDelayMs: opts.douyinReviewDelayMs ?? 1000 }));
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/__control')) {
      return reply.code(404).send({ error: `no control endpoint ${req.method} ${req.url}` });
    }
    return invalidUrl(s, req, reply);
  });
  app.setErrorHandler((e, req, reply) => {
    const err = e as { statusCode?: number; message?: string };
    if (req.url.startsWith('/__control')) {
      return reply.code(err.statusCode ?? 500).send({ error: err.message ?? 'error' });
    }
    // Anything the pipeline did not turn into an errcode (e.g. a body over bodyLimit).
    const code = err.statusCode === 413 ? 45002 : -1;
    return reply
      .code(200)
      .header('content-type', 'application/json; encoding=utf-8')
      .send(Buffer.from(JSON.stringify(errorBody(code, new WxError(code).errmsgBase, newRid(Date.now())))));
  });

  const host = opts.host ?? '127.0.0.1';
  await app.listen({ port: opts.port ?? 0, host });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : opts.port;
  const shownHost = host.includes(':') ? `[${host}]` : host;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${shownHost}:${port}`,
    close() {
      if (!closing) {
        s.closed = true;
        // Pending pushes are abandoned: their timers cleared, requests in flight cut.
        cancelDue(s);
        closeBilibili(bili);
        for (const release of [...s.parked]) release();
        closing = app.close();
      }
      return closing;
    },
  };
}
