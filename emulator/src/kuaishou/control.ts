// The test-control API of the Kuaishou emulator, under /__control/kuaishou (not part of Kuaishou).
// Bad input answers HTTP 400 with {error}.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ensureUser, issue } from './oauth';
import { FAULT_MODES, type KsFault, type KsState, nextSeq, now, opaque, photoState, resetKs } from './state';

type Body = Record<string, unknown>;
class Bad extends Error {}

function body(req: FastifyRequest): Body {
  const raw = req.body;
  if (raw === undefined || raw === null || raw === '') return {};
  try {
    const v = typeof raw === 'string' ? JSON.parse(raw) : raw;
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Body;
  } catch {}
  throw new Bad('body must be a JSON object');
}

const str = (b: Body, k: string, required = true): string | undefined => {
  const v = b[k];
  if (v === undefined && !required) return undefined;
  if (typeof v !== 'string' || v === '') throw new Bad(`${k} must be a non-empty string`);
  return v;
};

function fault(s: KsState, b: Body): KsFault {
  const path = str(b, 'path') as string;
  if (path !== '*' && !path.startsWith('/')) throw new Bad('path must be "*" or start with "/", e.g. "/openapi/photo/publish"');
  const mode = b.mode as KsFault['mode'];
  if (!FAULT_MODES.includes(mode)) throw new Bad(`mode must be one of ${FAULT_MODES.join(', ')}`);
  if (mode === 'errcode' && !Number.isInteger(b.errcode)) throw new Bad('mode "errcode" needs an integer errcode (the result value)');
  if (mode === 'latency' && !(typeof b.latencyMs === 'number' && b.latencyMs >= 0)) throw new Bad('mode "latency" needs latencyMs >= 0');
  if (b.times !== undefined && !(Number.isInteger(b.times) && (b.times as number) >= 1)) throw new Bad('times must be an integer >= 1');
  if (b.probability !== undefined && !(typeof b.probability === 'number' && b.probability >= 0 && b.probability <= 1)) throw new Bad('probability must be between 0 and 1');
  if (b.times !== undefined && b.probability !== undefined) throw new Bad('give either times or probability, not both');
  return {
    id: `fault-${nextSeq(s)}`,
    path,
    appId: str(b, 'app_id', false),
    mode,
    errcode: b.errcode as number | undefined,
    errorMsg: str(b, 'error_msg', false),
    latencyMs: b.latencyMs as number | undefined,
    times: b.probability === undefined ? ((b.times as number | undefined) ?? 1) : undefined,
    probability: b.probability as number | undefined,
  };
}

export function registerKsControl(app: FastifyInstance, s: KsState) {
  const P = '/__control/kuaishou';
  const route = (method: 'GET' | 'POST' | 'DELETE', url: string, fn: (b: Body, q: Record<string, string | undefined>) => unknown) =>
    app.route({
      method,
      url: P + url,
      handler: async (req, reply) => {
        try {
          return reply.send(await fn(method === 'GET' ? {} : body(req), req.query as Record<string, string | undefined>));
        } catch (e) {
          if (e instanceof Bad) return reply.code(400).send({ error: e.message });
          throw e;
        }
      },
    });

  route('POST', '/reset', () => (resetKs(s), { ok: true }));
  route('POST', '/clock', (b) => {
    if (typeof b.advanceMs !== 'number' || b.advanceMs < 0) throw new Bad('advanceMs must be a number >= 0');
    s.clockOffsetMs += b.advanceMs;
    return { now: now(s) };
  });
  route('POST', '/apps', (b) => {
    const appId = str(b, 'app_id') as string;
    s.apps.set(appId, { appId, secret: str(b, 'app_secret') as string, name: str(b, 'name', false) ?? appId });
    return { ok: true, app_id: appId };
  });
  route('POST', '/users', (b) => {
    const appId = str(b, 'app_id') as string;
    if (!s.apps.has(appId)) throw new Bad(`no app ${appId}`);
    const openId = str(b, 'open_id', false) ?? opaque('ou_');
    s.users.set(openId, { openId, name: str(b, 'name', false) ?? openId, fan: Number(b.fan ?? 0), follow: Number(b.follow ?? 0), sex: 'F', city: '' });
    s.appUsers.set(appId, [openId, ...(s.appUsers.get(appId) ?? []).filter((x) => x !== openId)]);
    return { ok: true, open_id: openId };
  });
  // A grant without the browser dance (what the code exchange would answer).
  route('POST', '/grants', (b) => {
    const appId = str(b, 'app_id') as string;
    if (!s.apps.has(appId)) throw new Bad(`no app ${appId}`);
    const openId = str(b, 'open_id', false) ?? ensureUser(s, appId);
    const scopes = Array.isArray(b.scopes) ? (b.scopes as string[]) : ['user_info', 'user_video_publish', 'user_video_info'];
    return issue(s, appId, openId, scopes, typeof b.expires_in === 'number' ? b.expires_in : undefined, typeof b.refresh_token_expires_in === 'number' ? b.refresh_token_expires_in : undefined);
  });
  route('POST', '/tokens/expire', (b) => {
    const t = s.tokens.get(str(b, 'access_token') as string);
    if (!t) throw new Bad('no such access_token');
    t.expiresAt = now(s) - 1;
    return { ok: true };
  });
  route('POST', '/faults', (b) => {
    const f = fault(s, b);
    s.faults.push(f);
    return f;
  });
  route('GET', '/faults', () => s.faults);
  route('DELETE', '/faults', () => ((s.faults = []), { ok: true }));
  // Forced review outcomes: the next `times` publishes (of the app, or whose caption contains the text).
  route('POST', '/review', (b) => {
    if (b.outcome !== 'reject' && b.outcome !== 'approve') throw new Bad('outcome must be "reject" or "approve"');
    const times = b.times === undefined ? 1 : Number(b.times);
    if (!Number.isInteger(times) || times < 1) throw new Bad('times must be an integer >= 1');
    const rule = { id: `review-${nextSeq(s)}`, appId: str(b, 'app_id', false), captionContains: str(b, 'captionContains', false), outcome: b.outcome, reason: str(b, 'reason', false) ?? '内容不符合社区规范', times } as const;
    s.review.push({ ...rule });
    return rule;
  });
  // A user's published video (review over), for the data APIs: {app_id, open_id, caption} → photo_id.
  route('POST', '/photos', (b) => {
    const appId = str(b, 'app_id') as string;
    const openId = str(b, 'open_id') as string;
    const t = now(s);
    const photo = { photoId: `3x${nextSeq(s).toString(36)}${opaque('').slice(0, 8).toLowerCase()}`, appId, openId, caption: str(b, 'caption', false) ?? '', coverBytes: 1, createTime: t, readyAt: t, outcome: 'approve', reason: '' } as const;
    s.photos.set(photo.photoId, { ...photo });
    s.order.push(photo.photoId);
    return { ok: true, photo_id: photo.photoId };
  });
  // The figures user_info and photo/info answer: {open_id, fan, follow} or {photo_id, like_count, comment_count, view_count}.
  route('POST', '/figures', (b) => {
    const n = (k: string) => (typeof b[k] === 'number' ? (b[k] as number) : undefined);
    const photo = b.photo_id === undefined ? undefined : s.photos.get(str(b, 'photo_id') as string);
    if (photo) photo.counts = { ...photo.counts, ...Object.fromEntries(['like_count', 'comment_count', 'view_count'].filter((k) => n(k) !== undefined).map((k) => [k, n(k)])) };
    else if (b.photo_id !== undefined) throw new Bad('no such photo_id');
    else {
      const u = s.users.get(str(b, 'open_id') as string);
      if (!u) throw new Bad('no such open_id');
      u.fan = n('fan') ?? u.fan;
      u.follow = n('follow') ?? u.follow;
    }
    return { ok: true };
  });
  route('GET', '/published', (_b, q) =>
    s.order
      .map((id) => s.photos.get(id)!)
      .filter((p) => q.app_id === undefined || p.appId === q.app_id)
      .map((p) => ({ app_id: p.appId, open_id: p.openId, photo_id: p.photoId, title: p.caption, status: photoState(s, p), reason: p.reason, create_time: p.createTime })),
  );
  route('GET', '/calls', (_b, q) => {
    const rows = s.calls.filter((c) => (q.app_id === undefined || c.appId === q.app_id) && (q.path === undefined || c.path === q.path));
    const counts: Record<string, number> = {};
    for (const c of rows) counts[c.path] = (counts[c.path] ?? 0) + 1;
    return { total: rows.length, counts, recent: rows.slice(-100) };
  });
}
