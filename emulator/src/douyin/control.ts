// /__control/douyin/…: apps and accounts (an account gets tokens at once, no browser), faults,
// forced review outcomes, the member finishing a share in the app, items and their data/external
// figures, users' comments (comments.ts), the published list, calls, clock.
import type { FastifyInstance } from 'fastify';
import { createItem, douyinApi } from './api';
import { commentControls } from './comments';
import { setDays } from './data';
import { issueTokens } from './oauth';
import { type DouyinState, type DyFault, nextId, now } from './state';

const MODES = ['errcode', 'latency', 'timeout', 'drop_after_accept'];
const bodyOf = (b: unknown): Record<string, unknown> => (typeof b === 'string' ? (b ? JSON.parse(b) : {}) : ((b ?? {}) as Record<string, unknown>));

export async function registerDouyin(app: FastifyInstance, s: DouyinState) {
  await app.register(douyinApi(s), { prefix: '/douyin' });
  const C = '/__control/douyin';
  app.post(`${C}/apps`, async (req) => {
    const b = bodyOf(req.body);
    const a = { clientKey: String(b.client_key ?? nextId(s, 'aw')), secret: String(b.client_secret ?? nextId(s, 'sec')), name: String(b.name ?? '测试应用') };
    s.apps.set(a.clientKey, a);
    return { client_key: a.clientKey, client_secret: a.secret };
  });
  app.post(`${C}/accounts`, async (req, reply) => {
    const b = bodyOf(req.body);
    const clientKey = String(b.client_key ?? '');
    if (!s.apps.has(clientKey)) return reply.code(400).send({ error: 'unknown client_key' });
    const openId = String(b.open_id ?? nextId(s, 'open'));
    const scopes = Array.isArray(b.scopes) ? b.scopes.map(String) : ['user_info', 'video.create.bind', 'video.data.bind'];
    const t = issueTokens(s, clientKey, openId, scopes);
    return { open_id: openId, access_token: t.access, refresh_token: t.refresh, scope: scopes.join(',') };
  });
  /** Expires an access token (or a refresh token) now. */
  app.post(`${C}/expire`, async (req) => {
    const b = bodyOf(req.body);
    const t = s.tokens.get(String(b.access_token ?? ''));
    if (t) t.expiresAt = now(s) - 1;
    const r = s.refresh.get(String(b.refresh_token ?? ''));
    if (r) r.expiresAt = now(s) - 1;
    return { ok: Boolean(t || r) };
  });
  app.post(`${C}/faults`, async (req, reply) => {
    const b = bodyOf(req.body) as unknown as DyFault;
    if (typeof b.path !== 'string' || !MODES.includes(b.mode)) return reply.code(400).send({ error: `path and mode (${MODES.join(', ')}) required` });
    s.faults.push(b);
    return { ok: true };
  });
  app.delete(`${C}/faults`, async () => {
    s.faults.length = 0;
    return { ok: true };
  });
  /** The next create_video (or share) reviews to `video_status` 2 with `reason`, or to 1/5. */
  app.post(`${C}/review`, async (req) => {
    const b = bodyOf(req.body);
    const status = b.outcome === 'rejected' ? 2 : b.outcome === 'published' ? 1 : 5;
    for (let i = 0; i < Number(b.times ?? 1); i++) s.forced.push({ status, reason: String(b.reason ?? '内容不适合公开') });
    if (typeof b.delayMs === 'number') s.opts.reviewDelayMs = b.delayMs;
    return { ok: true };
  });
  /** The member finished the H5 share in the Douyin app: the item appears, carrying the share_id. */
  app.post(`${C}/share-complete`, async (req, reply) => {
    const b = bodyOf(req.body);
    const share = s.shares.get(String(b.share_id ?? ''));
    if (!share || share.used) return reply.code(400).send({ error: 'unknown or used share_id' });
    share.used = true;
    const vid = nextId(s, 'v');
    s.videos.set(vid, { openId: String(b.open_id), size: 0 });
    const item = createItem(s, String(b.open_id), vid, String(b.text ?? ''), String(b.share_id));
    return { item_id: item.itemId };
  });
  /** An item the account published (reviewed and public), for the data APIs. */
  app.post(`${C}/items`, async (req) => {
    const b = bodyOf(req.body);
    const vid = nextId(s, 'v');
    s.videos.set(vid, { openId: String(b.open_id), size: 0 });
    const item = createItem(s, String(b.open_id), vid, String(b.title ?? ''), null);
    item.reviewAt = now(s);
    return { item_id: item.itemId };
  });
  /** Sets data/external figures: {open_id, days: [{date, new_fans, total_fans, new_play, new_like, …}]} or {item_id, days: [{date, play, like, comment, share}]}. */
  app.post(`${C}/data`, async (req, reply) => {
    const b = bodyOf(req.body);
    if (b.item_id !== undefined && !s.items.some((i) => i.itemId === b.item_id)) return reply.code(400).send({ error: 'unknown item_id' });
    try {
      if (b.item_id !== undefined) setDays(s.itemDays, String(b.item_id), b.days);
      else setDays(s.userDays, String(b.open_id ?? ''), b.days);
    } catch (e) {
      return reply.code(400).send({ error: (e as Error).message });
    }
    return { ok: true };
  });
  commentControls(app, s, C);
  app.get(`${C}/published`, async () =>
    s.items.map((i) => ({ item_id: i.itemId, open_id: i.openId, title: i.title, create_time: i.createTime, share_id: i.shareId })),
  );
  app.get(`${C}/calls`, async () => s.calls);
  app.post(`${C}/clock`, async (req) => {
    s.offsetMs += Number(bodyOf(req.body).advanceMs ?? 0);
    return { now: now(s) };
  });
}
