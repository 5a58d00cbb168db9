// The arcopen host (member.bilibili.com), the upload host (openupos.bilivideo.com) and the
// authorize page (account.bilibili.com), all under the /bilibili prefix. Every arcopen call must
// carry the documented signature (接口签名实现标准: x-bili-* headers, HMAC-SHA256 with the app
// secret into Authorization, version 2.0 with access-token); answers are HTTP 200 with
// {code, message, ttl, data}.

import { createHash, createHmac } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type BiliState, type BiliToken, newBvid, newToken, settle, settleAll, shanghaiDay } from './state';
import { BiliErr, withFaults, ok, fail } from './wire';
import { pushReview } from './webhook';

const MESSAGES: Record<number, string> = {
  4000: '参数错误', 4002: '签名异常', 4003: '请求过期', 4004: '重复请求', 4005: '签名method异常', 4006: '签名版本异常',
  4008: 'MD5校验失败', 127000: '缺少鉴权参数', 127001: 'access_token验证错误', 127004: 'client_id验证错误',
  127011: '该接口用户未授权', 127022: 'upload_token验证错误', 123004: '不存在该稿件', 123008: '参数错误', 123009: '该分区不存在',
  123012: 'Tag参数不合法', 123013: '标题不合法', 123016: '稿件转载来源不能为空', 123018: '稿件描述长度太长，已超过限制',
  123030: '稿件标题过长,已经超过80个字符', 123036: '非正式会员单日只能投递五个稿件',
};
const err = (code: number) => new BiliErr(code, MESSAGES[code] ?? 'error');

type Authed = { token: BiliToken };

/** Checks the signature and the access token; answers the documented code when they fail. */
function authenticate(s: BiliState, req: FastifyRequest, rawBody: string): Authed | BiliErr {
  const h = req.headers as Record<string, string | undefined>;
  const x: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (k.startsWith('x-bili-') && typeof v === 'string') x[k] = v;
  const app = s.apps.get(x['x-bili-accesskeyid'] ?? '');
  if (!app) return err(127004);
  if (x['x-bili-signature-method'] !== 'HMAC-SHA256') return err(4005);
  if (x['x-bili-signature-version'] !== '2.0' && x['x-bili-signature-version'] !== '1.0') return err(4006);
  const ts = Number(x['x-bili-timestamp']);
  if (!Number.isFinite(ts) || Math.abs(Date.now() / 1000 - ts) > 600) return err(4003);
  const isMultipart = (h['content-type'] ?? '').startsWith('multipart/');
  const md5 = createHash('md5').update(isMultipart ? '' : rawBody, 'utf8').digest('hex');
  if (x['x-bili-content-md5'] !== md5) return err(4008);
  const text = Object.keys(x).sort().map((k) => `${k}:${x[k]}`).join('\n');
  const expected = createHmac('sha256', app.clientSecret).update(text, 'utf8').digest('hex');
  if (h.authorization !== expected) return err(4002);
  const nonce = x['x-bili-signature-nonce'] ?? '';
  if (!nonce || s.nonces.has(nonce)) return err(4004);
  s.nonces.add(nonce);
  const access = h['access-token'];
  if (!access) return err(127000);
  const token = s.tokens.get(access);
  if (!token || token.clientId !== app.clientId || token.expiresAt * 1000 <= Date.now()) return err(127001);
  return { token };
}

function archiveJson(a: BiliState['archives'][number]) {
  return {
    resource_id: a.resourceId, title: a.title, cover: a.cover, tid: a.tid, no_reprint: a.noReprint, desc: a.desc, tag: a.tag,
    copyright: a.copyright, ctime: a.ctime, ptime: a.ptime,
    video_info: a.state === 0 ? { cid: a.ctime, duration: 5, filename: a.resourceId, iframe_url: `player.bilibili.com/player.html?bvid=${a.resourceId}`, share_url: `https://www.bilibili.com/video/${a.resourceId}?share_source=open_plat` } : {},
    addit_info: { state: a.state, state_desc: a.stateDesc, reject_reason: a.rejectReason },
  };
}

export function apiRoutes(s: BiliState) {
  return async (app: FastifyInstance) => {
    app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer' }, (_r, body, done) => done(null, body));

    const signed = (method: 'GET' | 'POST', path: string, handler: (req: FastifyRequest, a: Authed, body: Record<string, unknown>) => Promise<unknown> | unknown) =>
      app.route({
        method,
        url: path,
        handler: withFaults(s, path, async (req: FastifyRequest, reply: FastifyReply) => {
          const raw = typeof req.body === 'string' ? req.body : '';
          const a = authenticate(s, req, raw);
          if (a instanceof BiliErr) return fail(reply, a);
          let body: Record<string, unknown> = {};
          if (raw) {
            try {
              body = JSON.parse(raw) as Record<string, unknown>;
            } catch {
              return fail(reply, err(4000));
            }
          }
          const out = await handler(req, a, body);
          return out instanceof BiliErr ? fail(reply, out) : ok(reply, out);
        }),
      });

    signed('GET', '/arcopen/fn/user/account/info', (_r, a) => ({ openid: a.token.openid, name: s.members.get(a.token.openid)?.name ?? a.token.openid, face: '' }));
    signed('GET', '/arcopen/fn/user/account/scopes', (_r, a) => ({ openid: a.token.openid, scopes: a.token.scopes }));

    signed('POST', '/arcopen/fn/archive/video/init', (_r, a, b) => {
      if (typeof b.name !== 'string' || !/\.[A-Za-z0-9]+$/.test(b.name) || (b.utype !== '0' && b.utype !== '1' && b.utype !== 0 && b.utype !== 1)) return err(4000);
      if (!a.token.scopes.includes('ARC_BASE')) return err(127011);
      const upload_token = newToken(s, 'ut');
      s.uploads.set(upload_token, { clientId: a.token.clientId, openid: a.token.openid, name: b.name, parts: new Map(), completed: false, used: false });
      return { upload_token };
    });

    // The upload host takes raw bytes and is authorised by the upload_token alone.
    app.post('/video/v2/part/upload', withFaults(s, '/video/v2/part/upload', async (req, reply) => {
      const q = req.query as Record<string, string>;
      const u = s.uploads.get(q.upload_token ?? '');
      const n = Number(q.part_number);
      if (!u || u.completed) return fail(reply, err(127022));
      if (!Number.isInteger(n) || n < 1 || n > 10000) return fail(reply, err(4000));
      const size = Buffer.isBuffer(req.body) ? req.body.length : typeof req.body === 'string' ? Buffer.byteLength(req.body) : 0;
      u.parts.set(n, size);
      return ok(reply, undefined);
    }));

    signed('POST', '/arcopen/fn/archive/video/complete', (req, a) => {
      const u = s.uploads.get((req.query as Record<string, string>).upload_token ?? '');
      if (!u || u.openid !== a.token.openid) return err(127022);
      // Parts must run 1..n without a gap.
      for (let i = 1; i <= u.parts.size; i++) if (!u.parts.has(i)) return err(4000);
      if (u.parts.size === 0) return err(4000);
      u.completed = true;
      return undefined;
    });

    app.post('/arcopen/fn/archive/cover/upload', withFaults(s, '/arcopen/fn/archive/cover/upload', async (req, reply) => {
      const a = authenticate(s, req, '');
      if (a instanceof BiliErr) return fail(reply, a);
      const file = await req.file().catch(() => undefined);
      if (!file) return fail(reply, err(4000));
      const data = await file.toBuffer();
      if (file.mimetype === 'image/gif') return fail(reply, { code: 123038, message: '封面不允许使用gif' });
      return ok(reply, { url: `https://archive.biliimg.com/bfs/archive/${createHash('sha1').update(data).digest('hex')}.jpg` });
    }));

    signed('POST', '/arcopen/fn/archive/add-by-utoken', (req, a, b) => {
      const u = s.uploads.get((req.query as Record<string, string>).upload_token ?? '');
      if (!u || u.openid !== a.token.openid || !u.completed || u.used) return err(127022);
      const title = typeof b.title === 'string' ? b.title.trim() : '';
      if (!title) return err(123013);
      if ([...title].length > 80) return err(123030);
      if (!Number.isInteger(b.tid) || (b.tid as number) <= 0) return err(123009);
      const tag = typeof b.tag === 'string' ? b.tag : '';
      if (!tag || tag.split(',').some((t) => !t.trim()) || tag.length > 200) return err(123012);
      const desc = typeof b.desc === 'string' ? b.desc : '';
      if ([...desc].length > 250) return err(123018);
      const copyright = b.copyright === 2 ? 2 : 1;
      if (copyright === 2 && !(typeof b.source === 'string' && b.source)) return err(123016);
      const member = s.members.get(a.token.openid);
      if (!member?.formal) {
        // Only a non-formal member is counted (a scan of every archive per submit was the emulator's main cost in a burst).
        const today = shanghaiDay(Date.now());
        const sentToday = s.archives.filter((x) => x.openid === a.token.openid && shanghaiDay(x.ctime * 1000) === today).length;
        if (sentToday >= 5) return err(123036);
      }
      u.used = true;
      const now = Date.now();
      const forced = s.forced.shift();
      const archive = {
        clientId: a.token.clientId, openid: a.token.openid, resourceId: newBvid(s), title, desc, tag, tid: b.tid as number,
        cover: typeof b.cover === 'string' ? b.cover : '', copyright, noReprint: b.no_reprint === 0 ? 0 : 1,
        size: [...u.parts.values()].reduce((x, y) => x + y, 0), ctime: Math.floor(now / 1000), ptime: 0,
        state: -30, stateDesc: '审核中', rejectReason: '', outcome: { reject: forced?.reject ?? null }, reviewAt: now + s.options.reviewDelayMs,
      };
      s.archives.push(archive);
      const t = setTimeout(() => {
        s.timers.delete(t);
        if (settle(s, archive)) pushReview(s, archive);
      }, s.options.reviewDelayMs);
      t.unref();
      s.timers.add(t);
      return { resource_id: archive.resourceId };
    });

    signed('GET', '/arcopen/fn/archive/view', (req, a) => {
      const id = (req.query as Record<string, string>).resource_id;
      const found = s.archives.find((x) => x.resourceId === id && x.openid === a.token.openid);
      if (!found) return err(123004);
      settle(s, found);
      return archiveJson(found);
    });

    signed('GET', '/arcopen/fn/archive/viewlist', (req, a) => {
      const q = req.query as Record<string, string>;
      const pn = Number(q.pn ?? 1);
      const ps = Number(q.ps ?? 20);
      if (!Number.isInteger(pn) || pn < 1 || !Number.isInteger(ps) || ps < 1 || ps > 50) return err(4000);
      settleAll(s);
      const status = q.status ?? 'all';
      const mine = s.archives
        .filter((x) => x.openid === a.token.openid)
        .filter((x) => status === 'all' || (status === 'pubed' ? x.state === 0 : status === 'not_pubed' ? x.state === -2 : x.state === -30))
        .reverse();
      return { list: mine.slice((pn - 1) * ps, pn * ps).map(archiveJson), page: { pn, ps, total: mine.length } };
    });

    // 数据 (USER_DATA, ARC_DATA): the running totals now; the answer's fields as ArtisanCloud/MediaX
    // data/schema/getUserStat.go and getVideoStat.go read them. 0 where the control set nothing.
    signed('GET', '/arcopen/fn/data/user/stat', (_r, a) => {
      if (!a.token.scopes.includes('USER_DATA')) return err(127011);
      const st = s.userStats.get(a.token.openid);
      settleAll(s);
      const passed = s.archives.filter((x) => x.openid === a.token.openid && x.state === 0).length;
      return { following: st?.following ?? 0, follower: st?.follower ?? 0, arc_passed_total: passed };
    });
    signed('GET', '/arcopen/fn/data/arc/stat', (req, a) => {
      if (!a.token.scopes.includes('ARC_DATA')) return err(127011);
      const found = s.archives.find((x) => x.resourceId === (req.query as Record<string, string>).resource_id && x.openid === a.token.openid);
      if (!found) return err(123004);
      const st = s.arcStats.get(found.resourceId) ?? {};
      const n = (k: string) => st[k] ?? 0;
      return { title: found.title, ptime: found.ptime, view: n('view'), danmaku: n('danmaku'), reply: n('reply'), favorite: n('favorite'), coin: n('coin'), share: n('share'), like: n('like') };
    });
  };
}
