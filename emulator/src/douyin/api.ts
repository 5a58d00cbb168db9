// The Douyin open API in the emulator: every answer is HTTP 200 with the documented envelope;
// user calls take `access-token` (header) + `open_id` (query), 28001008 when the token expired.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { dataRoutes } from './data';
import { oauthRoutes } from './oauth';
import { commentRoutes } from './comments';
import { type DouyinState, DyError, envelope, jsonOf, nextId, now, takeFault } from './state';

const V1 = '/api/douyin/v1/video';
type Handler = (body: unknown, q: Record<string, string>, req: FastifyRequest) => unknown;

function userOf(s: DouyinState, req: FastifyRequest, scope?: string) {
  const token = String(req.headers['access-token'] ?? (req.query as Record<string, string>).access_token ?? '');
  const t = s.tokens.get(token);
  if (!t) throw new DyError(28001003, 'access_token 无效');
  if (t.expiresAt <= now(s)) throw new DyError(28001008, 'access_token 过期，请刷新或重新授权');
  const openId = (req.query as Record<string, string>).open_id;
  if (openId !== undefined && openId !== t.openId) throw new DyError(28001015, 'access_token 与 open_id 不匹配');
  if (scope && !t.scopes.includes(scope)) throw new DyError(28001012, `应用未获得该能力 ${scope}`);
  return t;
}

function appTokenOf(s: DouyinState, req: FastifyRequest) {
  const t = s.clientTokens.get(String(req.headers['access-token'] ?? ''));
  if (!t || t.expiresAt <= now(s)) throw new DyError(28001008, 'client_token 过期');
  return t;
}

const view = (i: DouyinState['items'][number], s: DouyinState) => {
  const done = now(s) >= i.reviewAt;
  return {
    item_id: i.itemId,
    video_id: i.videoId,
    title: i.title,
    create_time: i.createTime,
    share_url: `https://www.iesdouyin.com/share/video/${i.itemId}/`,
    is_reviewed: done,
    video_status: done ? i.outcome.status : 4,
    ...(done && i.outcome.status === 2 ? { status_reason: i.outcome.reason } : {}),
    ...(i.shareId ? { share_id: i.shareId } : {}),
    media_type: 4,
    statistics: { play_count: 0, digg_count: 0, comment_count: 0, share_count: 0, forward_count: 0, download_count: 0 },
  };
};

export function createItem(s: DouyinState, openId: string, videoId: string, title: string, shareId: string | null) {
  const outcome = s.forced.shift() ?? { status: 5 as const, reason: '' };
  const item = {
    itemId: `@${nextId(s, 'it')}`,
    openId,
    videoId,
    title,
    createTime: Math.floor(now(s) / 1000),
    reviewAt: now(s) + s.opts.reviewDelayMs,
    outcome,
    shareId,
  };
  s.items.push(item);
  return item;
}

async function fileSize(req: FastifyRequest, field: string, cap: number): Promise<number> {
  if (!req.isMultipart()) throw new DyError(28001007, '需要 multipart/form-data');
  const file = await req.file({ limits: { fileSize: cap } });
  if (!file || file.fieldname !== field) throw new DyError(28001007, `缺少文件字段 ${field}`);
  const buf = await file.toBuffer();
  if (file.file.truncated) throw new DyError(28001007, '文件过大');
  return buf.length;
}

export function douyinApi(s: DouyinState) {
  return async (app: FastifyInstance) => {
    // Anything not turned into a Douyin code above (a broken multipart body …) is a parameter error.
    app.setErrorHandler((_e, _req, reply) =>
      reply
        .code(200)
        .header('content-type', 'application/json')
        .send(JSON.stringify(envelope(s, {}, 28001007, '参数不合法'))),
    );
    const run = (path: string, f: Handler, method: 'GET' | 'POST' = 'POST') => {
      app.route({
        method,
        url: path,
        handler: async (req: FastifyRequest, reply: FastifyReply) => {
          const fault = takeFault(s, path);
          if (fault?.mode === 'timeout') return new Promise(() => {}) as never;
          if (fault?.mode === 'latency') await new Promise((r) => setTimeout(r, fault.latencyMs ?? 1000));
          let answer: Record<string, unknown>;
          let code = 0;
          try {
            if (fault?.mode === 'errcode') throw new DyError(fault.errorCode ?? 28001005, fault.description ?? '系统繁忙');
            answer = envelope(s, ((await f(req.body, req.query as Record<string, string>, req)) ?? {}) as Record<string, unknown>);
          } catch (e) {
            if (!(e instanceof DyError)) throw e;
            code = e.code;
            answer = envelope(s, {}, e.code, e.description);
          }
          s.calls.push({ path, errorCode: code, at: now(s), dateType: (req.query as Record<string, string>).date_type ?? null });
          if (fault?.mode === 'drop_after_accept') {
            reply.raw.destroy();
            return reply;
          }
          return reply.code(200).header('content-type', 'application/json').send(JSON.stringify(answer));
        },
      });
    };
    oauthRoutes(app, s, (p, f) => run(p, f));

    run(`${V1}/upload_video/`, async (_b, _q, req) => {
      const u = userOf(s, req);
      const size = await fileSize(req, 'video', 128 * 1024 * 1024);
      const id = nextId(s, 'v');
      s.videos.set(id, { openId: u.openId, size });
      return { video: { video_id: id, width: 1080, height: 1920 } };
    });
    run(`${V1}/init_video_part_upload/`, (_b, _q, req) => {
      const u = userOf(s, req);
      const id = nextId(s, 'up');
      s.parts.set(id, { openId: u.openId, parts: new Map(), expiresAt: now(s) + 7200_000 });
      return { upload_id: id };
    });
    run(`${V1}/upload_video_part/`, async (_b, q, req) => {
      userOf(s, req);
      const p = s.parts.get(q.upload_id ?? '');
      if (!p || p.expiresAt <= now(s)) throw new DyError(28001007, 'upload_id 无效或已过期');
      const n = Number(q.part_number);
      if (!Number.isInteger(n) || n < 1) throw new DyError(28001007, 'part_number 无效');
      p.parts.set(n, await fileSize(req, 'video', 21 * 1024 * 1024));
    });
    run(`${V1}/complete_video_part_upload/`, (_b, q, req) => {
      userOf(s, req);
      const p = s.parts.get(q.upload_id ?? '');
      if (!p) throw new DyError(28001007, 'upload_id 无效');
      const nums = [...p.parts.keys()].sort((a, b) => a - b);
      // Parts numbered 1..n; every part but the last at least 5 MB.
      if (nums.length === 0 || nums.some((n, i) => n !== i + 1) || nums.slice(0, -1).some((n) => (p.parts.get(n) ?? 0) < 5 * 1024 * 1024)) {
        throw new DyError(28001007, '分片不完整或分片小于 5 MB');
      }
      s.parts.delete(q.upload_id);
      const id = nextId(s, 'v');
      s.videos.set(id, { openId: p.openId, size: [...p.parts.values()].reduce((a, b) => a + b, 0) });
      return { video: { video_id: id, width: 1080, height: 1920 } };
    });
    run(`${V1}/upload_image/`, async (_b, _q, req) => {
      userOf(s, req);
      await fileSize(req, 'image', 10 * 1024 * 1024);
      const id = nextId(s, 'img');
      s.images.add(id);
      return { image: { image_id: id, width: 1080, height: 1920 } };
    });
    run(`${V1}/create_video/`, (b, _q, req) => {
      const u = userOf(s, req, 'video.create.bind');
      const j = jsonOf(b);
      const v = s.videos.get(String(j.video_id ?? ''));
      if (!v || v.openId !== u.openId) throw new DyError(28001007, 'video_id 无效');
      if (typeof j.text !== 'string') throw new DyError(28001007, 'text 必须是字符串');
      if (j.custom_cover_image_url !== undefined && !s.images.has(String(j.custom_cover_image_url))) throw new DyError(28001007, '封面 image_id 无效');
      return { item_id: createItem(s, u.openId, String(j.video_id), j.text, null).itemId };
    });
    run(`${V1}/video_data/`, (b, _q, req) => {
      const u = userOf(s, req);
      const ids = (jsonOf(b).item_ids ?? []) as string[];
      return { list: s.items.filter((i) => i.openId === u.openId && ids.includes(i.itemId)).map((i) => view(i, s)) };
    });
    run(
      `${V1}/video_list/`,
      (_b, q, req) => {
        const u = userOf(s, req);
        const count = Math.min(20, Math.max(1, Number(q.count ?? 10)));
        const cursor = Number(q.cursor ?? 0);
        const mine = s.items.filter((i) => i.openId === u.openId).reverse();
        const page = mine.slice(cursor, cursor + count);
        return { list: page.map((i) => view(i, s)), cursor: cursor + page.length, has_more: cursor + page.length < mine.length };
      },
      'GET',
    );
    dataRoutes(s, run, (req, scope) => userOf(s, req, scope));
    commentRoutes(s, run, (req, scope) => userOf(s, req, scope));
    run(
      '/share-id/',
      (_b, q, req) => {
        const t = appTokenOf(s, req);
        const id = nextId(s, 'share');
        s.shares.set(id, { clientKey: t.clientKey, used: false, hashtag: q.default_hashtag ?? '' });
        return { share_id: id };
      },
      'GET',
    );
    run(
      '/open/getticket/',
      (_b, _q, req) => {
        appTokenOf(s, req);
        return { ticket: nextId(s, 'tk'), expires_in: 7200 };
      },
      'GET',
    );
  };
}
