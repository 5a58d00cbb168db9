// /2/statuses/share.json, user_timeline.json, count.json and /2/account/rate_limit_status.json,
// each call going through the fault rules first (API-REFERENCE.md §2; [QQ] WeiboApiStatuses).

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Status, type Token, type WeiboState, nowMs, takeFault, weiboDate } from './state';
import { type Params, readParams, sendError, tokenOf, WeiboError } from './wire';

const URLS = /https?:\/\/[^\s#\u3000-\u303f\uff00-\uffef]+/g;

/** Weibo's count: a character above U+00FF is 1, two others 1; a link over 41 characters 20 halves. */
export function countLength(text: string): number {
  let halves = 0;
  for (const m of text.matchAll(URLS)) halves += m[0].length > 41 ? 20 : m[0].length;
  for (const ch of text.replace(URLS, '')) halves += (ch.codePointAt(0) ?? 0) > 255 ? 2 : 1;
  return Math.ceil(halves / 2);
}

function hostsIn(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(URLS)) {
    try {
      out.push(new URL(m[0]).hostname.toLowerCase());
    } catch {}
  }
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function wireStatus(s: WeiboState, st: Status) {
  const user = s.users.get(st.uid);
  return {
    created_at: weiboDate(st.createdAt),
    id: Number(st.id),
    idstr: st.id.toString(),
    mid: st.mid,
    text: st.text,
    source: `<a href="https://app.weibo.com" rel="nofollow">${s.apps.get(st.appkey)?.name ?? ''}</a>`,
    favorited: false,
    truncated: false,
    user: { id: Number(st.uid), idstr: st.uid, screen_name: user?.name ?? st.uid },
    reposts_count: st.reposts,
    comments_count: st.comments,
    attitudes_count: st.attitudes,
    ...(st.hasPic ? { thumbnail_pic: `https://wx1.sinaimg.cn/thumbnail/${st.mid}.jpg` } : {}),
  };
}

type Handler = (t: Token, p: Params) => unknown;

/** Logs the call, applies a fault (errcode, latency, timeout, drop_after_accept), then runs it. */
export function route(app: FastifyInstance, s: WeiboState, method: 'GET' | 'POST', path: string, h: Handler) {
  app.route({
    method,
    url: path,
    handler: async (req: FastifyRequest, reply: FastifyReply) => {
      const call = { at: new Date(nowMs(s)).toISOString(), path, appkey: null as string | null, uid: null as string | null, errorCode: null as number | null };
      s.calls.push(call);
      try {
        const p = await readParams(req);
        const t = tokenOf(s, req, p);
        call.appkey = t.appkey;
        call.uid = t.uid;
        const f = takeFault(s, path, t.appkey);
        if (f?.mode === 'latency') await sleep(f.latencyMs ?? 1000);
        if (f?.mode === 'http_status')
          return reply
            .code(f.status ?? 502)
            .header('content-type', 'text/html')
            .send(`<html><body>${f.status ?? 502}</body></html>`);
        if (f?.mode === 'errcode') throw new WeiboError(f.errorCode ?? 10001, f.error ?? 'system error!');
        // Never answers: the socket stays open until the client gives up (or the emulator closes).
        if (f?.mode === 'timeout') return reply.hijack();
        const out = h(t, p);
        if (f?.mode === 'drop_after_accept') {
          req.raw.socket.destroy();
          return reply.hijack();
        }
        return reply.header('content-type', 'application/json;charset=UTF-8').send(JSON.stringify(out));
      } catch (e) {
        if (!(e instanceof WeiboError)) throw e;
        call.errorCode = e.errorCode;
        return sendError(reply, path, e);
      }
    },
  });
}

export function statusRoutes(app: FastifyInstance, s: WeiboState) {
  route(app, s, 'POST', '/2/statuses/share.json', (t, p) => {
    const text = p.fields.status;
    if (!text) throw new WeiboError(10016, 'miss required parameter (status), see doc for more info.');
    if (!p.fields.rip) throw new WeiboError(10016, 'miss required parameter (rip), see doc for more info.');
    const a = s.apps.get(t.appkey);
    if (!a?.safeDomain) throw new WeiboError(10017, 'appkey not bind domain!');
    const d = a.safeDomain.toLowerCase();
    if (!hostsIn(text).some((h) => h === d || h.endsWith(`.${d}`))) throw new WeiboError(10017, 'text not find domain!');
    if (countLength(text) > 140) throw new WeiboError(20012, 'Text too long, please input text less than 140 characters!');
    if (p.file) {
      const m = p.file.data;
      const image = (m[0] === 0xff && m[1] === 0xd8) || (m[0] === 0x89 && m[1] === 0x50) || (m[0] === 0x47 && m[1] === 0x49);
      if (p.file.field !== 'pic' || !image) throw new WeiboError(20005, 'Unsupported image type, only suport JPG, GIF, PNG!');
      if (m.length >= 5 * 1024 * 1024) throw new WeiboError(20006, 'Image size too large.');
    }
    const rej = s.rejects.find((r) => text.includes(r.contains));
    if (rej) throw new WeiboError(rej.errorCode, rej.error);
    const now = nowMs(s);
    const dupFrom = now - s.opts.duplicateWindowSeconds * 1000;
    if (s.statuses.some((x) => x.uid === t.uid && x.text === text && x.createdAt >= dupFrom)) throw new WeiboError(20019, 'Repeat content!');
    if (s.opts.shareLimit) {
      const from = now - s.opts.shareLimit.windowSeconds * 1000;
      const times = (s.shareTimes.get(t.uid) ?? []).filter((x) => x >= from);
      if (times.length >= s.opts.shareLimit.limit) throw new WeiboError(20016, 'Update weibo too fast!');
      times.push(now);
      s.shareTimes.set(t.uid, times);
    }
    s.nextId += BigInt(1 + Math.floor(Math.random() * 1000));
    const st: Status = {
      id: s.nextId,
      mid: s.nextId.toString(),
      uid: t.uid,
      appkey: t.appkey,
      text,
      createdAt: now,
      hasPic: !!p.file,
      comments: 0,
      reposts: 0,
      attitudes: 0,
    };
    s.statuses.push(st);
    // 20032: posted, but the server is slow or the post is in review: no Status object comes back.
    const f = takeFault(s, '/2/statuses/share.json#after', t.appkey);
    if (f) throw new WeiboError(f.errorCode ?? 20032, f.error ?? 'Post success, but server is slow now, please wait 1-2 minutes.');
    return wireStatus(s, st);
  });

  route(app, s, 'GET', '/2/statuses/user_timeline.json', (t, p) => {
    const count = Math.min(100, Math.max(1, Number(p.fields.count ?? 20) || 20));
    const page = Math.max(1, Number(p.fields.page ?? 1) || 1);
    const since = p.fields.since_id ? BigInt(p.fields.since_id) : 0n;
    const mine = s.statuses.filter((x) => x.uid === t.uid && x.id > since).reverse();
    return {
      statuses: mine.slice((page - 1) * count, page * count).map((x) => wireStatus(s, x)),
      total_number: mine.length,
      previous_cursor: 0,
      next_cursor: 0,
    };
  });

  route(app, s, 'GET', '/2/statuses/count.json', (_t, p) => {
    const ids = (p.fields.ids ?? '').split(',').filter(Boolean);
    if (!ids.length) throw new WeiboError(10016, 'miss required parameter (ids), see doc for more info.');
    if (ids.length > 100) throw new WeiboError(10008, 'param error, see doc for more info.');
    const byId = new Map(s.statuses.map((x) => [x.id.toString(), x]));
    return ids.flatMap((id) => {
      const x = byId.get(id);
      return x ? [{ id: Number(x.id), idstr: id, comments: x.comments, reposts: x.reposts, attitudes: x.attitudes }] : [];
    });
  });

  // users/show: the user's current counts ([QQ] model/User). Weibo keeps no per-day history of
  // them: the product snapshots followers_count on its schedule.
  route(app, s, 'GET', '/2/users/show.json', (_t, p) => {
    const uid = p.fields.uid;
    if (!uid && !p.fields.screen_name) throw new WeiboError(10016, 'miss required parameter (uid), see doc for more info.');
    const user = uid ? s.users.get(uid) : [...s.users.values()].find((u) => u.name === p.fields.screen_name);
    if (!user) throw new WeiboError(20003, 'User does not exists!');
    const statuses = s.statuses.filter((x) => x.uid === user.uid).length;
    return {
      id: Number(user.uid),
      idstr: user.uid,
      screen_name: user.name,
      name: user.name,
      followers_count: user.followers,
      friends_count: user.friends,
      statuses_count: statuses,
      favourites_count: 0,
      created_at: weiboDate(0),
    };
  });

  route(app, s, 'GET', '/2/account/rate_limit_status.json', (t) => {
    const lim = s.opts.shareLimit;
    const used = (s.shareTimes.get(t.uid) ?? []).filter((x) => !lim || x >= nowMs(s) - lim.windowSeconds * 1000).length;
    const reset = lim ? lim.windowSeconds : 3600;
    return {
      ip_limit: 10000,
      limit_time_unit: 'HOURS',
      remaining_ip_hits: 10000,
      remaining_user_hits: lim ? Math.max(0, lim.limit - used) : 150,
      reset_time: weiboDate(nowMs(s) + reset * 1000),
      reset_time_in_seconds: reset,
      user_limit: lim?.limit ?? 150,
      api_rate_limits: [{ api: 'update_status', limit: lim?.limit ?? 30, limit_time_unit: 'HOURS', remaining_hits: lim ? Math.max(0, lim.limit - used) : 30 }],
    };
  });
}
