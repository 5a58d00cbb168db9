// The Bilibili client against answers from the platform's documents, served by a local HTTP server
// (not the emulator). Fixtures: masterAventador/automation-tool@02a41d8:contracts/publishing/
// fixtures/bilibili-open-api-v1/*.json (collected from open.bilibili.com/doc/4/…, each named below);
// error codes from 接口签名实现标准和状态码 (open.bilibili.com/doc/4/8673959e-f7bb-56e6-6e68-d225f971b81b);
// 数据 answers in the shapes of ArtisanCloud/MediaX pkg/client/bilibili/b/accessTokenClient/data/schema/
// getUserStat.go and getVideoStat.go (field names and nesting; values ours) in the envelope above.
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import { type Grant, isPlatformError, UNMETERED } from '../adapter';
import { dayIn } from '../metrics';
import { BilibiliClient } from './client';
import { bilibiliMetrics } from './metrics';
import { statusOf } from './publisher';

type Answer = (req: http.IncomingMessage, body: string) => unknown | 'destroy';
let answers: Answer[] = [];
const seen: { url: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
let server: http.Server;
let base = '';

const grant = (token: string): Grant => ({ accessToken: token, expiresAt: new Date(Date.now() + 3600_000).toISOString(), refreshToken: 'rt', refreshExpiresAt: null, openId: 'op', scopes: ['ARC_BASE'], renewalsLeft: null, obtainedAt: new Date().toISOString() });

function client(refreshed: () => Promise<Grant> = async () => grant('fresh')) {
  return new BilibiliClient({ baseUrl: base, uploadBase: base, app: { clientId: 'cid', clientSecret: 'secret', settings: {} }, grant: { current: async () => grant('stale'), refreshed }, meter: UNMETERED, timeoutMs: 2000 });
}

before(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ url: req.url ?? '', headers: req.headers, body });
      const a = answers.shift();
      const out = a ? a(req, body) : { code: -1, message: 'no answer queued' };
      if (out === 'destroy') return req.socket.destroy();
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(out));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
after(() => server.close());

describe('bilibili client contract', () => {
  test('video/init is signed as documented and answers the upload_token (response-upload-init-valid)', async () => {
    answers = [() => ({ code: 0, data: { upload_token: 'fixture-upload-token-000000000000' }, message: '0', request_id: 'fixture-request-id-upload-init', ttl: 1 })];
    seen.length = 0;
    assert.equal(await client().uploadInit('a.mp4', '0'), 'fixture-upload-token-000000000000');
    const h = seen[0].headers as Record<string, string>;
    assert.equal(seen[0].body, JSON.stringify({ name: 'a.mp4', utype: '0' }));
    assert.equal(h['x-bili-content-md5'], createHash('md5').update(seen[0].body).digest('hex'));
    assert.equal(h['x-bili-signature-version'], '2.0');
    assert.equal(h['access-token'], 'stale');
    const keys = ['x-bili-accesskeyid', 'x-bili-content-md5', 'x-bili-signature-method', 'x-bili-signature-nonce', 'x-bili-signature-version', 'x-bili-timestamp'];
    const text = keys.map((k) => `${k}:${h[k]}`).join('\n');
    assert.equal(h.authorization, createHmac('sha256', 'secret').update(text).digest('hex'));
  });

  test('viewlist (response-archive-viewlist-valid): 开放浏览 → published, 审核中 -30 → publishing', async () => {
    answers = [() => ({ code: 0, data: { list: [
      { addit_info: { reject_reason: '', state: 0, state_desc: '开放浏览' }, copyright: 1, cover: 'https://i1.hdslb.com/bfs/archive/fixture.jpg', ctime: 1729154751, desc: '', no_reprint: 1, ptime: 1729154822, resource_id: 'BV1MW421X7gM', tag: '生活记录', tid: 229, title: '契约样例稿件', video_info: { cid: 26300318231, duration: 5, filename: 'fixturefilename000000000000000000', iframe_url: 'player.bilibili.com/player.html?aid=0&bvid=BV1MW421X7gM&cid=26300318231&page=1', share_url: 'https://www.bilibili.com/video/BV1MW421X7gM?share_source=open_plat' } },
      { addit_info: { reject_reason: '', state: -30, state_desc: '审核中' }, copyright: 1, cover: 'https://i1.hdslb.com/bfs/archive/fixture.jpg', ctime: 1729154751, desc: '', no_reprint: 1, ptime: 0, resource_id: 'BV1Pending01', tag: '生活记录', tid: 229, title: '契约样例待审稿件', video_info: {} },
    ], page: { pn: 1, ps: 20, total: 5 } }, message: '0', request_id: 'fixture-request-id-viewlist', ttl: 1 })];
    const { list, total } = await client().viewList(1, 20);
    assert.equal(total, 5);
    assert.deepEqual(statusOf(list[0]), { state: 'published', articleId: 'BV1MW421X7gM', url: 'https://www.bilibili.com/video/BV1MW421X7gM?share_source=open_plat' });
    assert.deepEqual(statusOf(list[1]), { state: 'publishing' });
    // video_fail's state (notification-video-fail-valid): -2 已退回.
    assert.deepEqual(statusOf({ state: -2, stateDesc: '已退回', rejectReason: '', shareUrl: null, resourceId: 'BV1S9L90H082' }), { state: 'failed', code: '-2', reason: '已退回' });
  });

  test('127001 access_token验证错误 → one refresh, the call repeated with the new token', async () => {
    let refreshes = 0;
    answers = [() => ({ code: 127001, message: 'access_token验证错误', ttl: 1 }), () => ({ code: 0, message: '0', ttl: 1, data: { openid: 'op', name: 'UP' } })];
    seen.length = 0;
    const info = await client(async () => (refreshes++, grant('fresh'))).accountInfo();
    assert.equal(info.openid, 'op');
    assert.equal(refreshes, 1);
    assert.equal(seen[1].headers['access-token'], 'fresh');
    answers = [() => ({ code: 127001, message: 'access_token验证错误' }), () => ({ code: 127001, message: 'access_token验证错误' })];
    await assert.rejects(client().accountInfo(), (e) => isPlatformError(e) && e.kind === 'auth' && e.code === 127001);
  });

  test('submission errors: 123036 five a day → rate_limited; 123024 sensitive → invalid; 123026 → 30 s; lost answer → unknown_outcome', async () => {
    const add = () => client().addByUtoken('ut', { title: 't' });
    answers = [() => ({ code: 123036, message: '非正式会员单日只能投递五个稿件' })];
    await assert.rejects(add(), (e) => isPlatformError(e) && e.kind === 'rate_limited' && (e.retryAfterMs ?? 0) > 0);
    answers = [() => ({ code: 123024, message: '当前输入有敏感信息,请修正' })];
    await assert.rejects(add(), (e) => isPlatformError(e) && e.kind === 'invalid' && e.platformMessage === '当前输入有敏感信息,请修正');
    answers = [() => ({ code: 123026, message: '您投稿的频率过快，请稍等30秒' })];
    await assert.rejects(add(), (e) => isPlatformError(e) && e.kind === 'rate_limited' && e.retryAfterMs === 30_000);
    answers = [() => 'destroy'];
    await assert.rejects(add(), (e) => isPlatformError(e) && e.kind === 'unknown_outcome');
    answers = [() => ({ code: 0, message: '0', ttl: 1, data: { resource_id: 'BV17B4y1s7R1' } })];
    assert.equal(await add(), 'BV17B4y1s7R1');
  });

  test('a read whose connection is lost is transient, never unknown_outcome', async () => {
    answers = [() => 'destroy'];
    await assert.rejects(client().view('BV1'), (e) => isPlatformError(e) && e.kind === 'transient');
  });

  test('数据: follower count as today only; arc/stat totals mapped per archive; a string count read, an absent one null (not 0); 127011 → permission', async () => {
    const USER_STAT = { code: 0, message: '0', ttl: 1, request_id: 'fixture-request-id-user-stat', data: { following: 12, follower: 3456, arc_passed_total: 40 } };
    const ARC_STAT = { code: 0, message: '0', ttl: 1, request_id: 'fixture-request-id-arc-stat', data: { title: '契约样例稿件', ptime: 1729154822, view: '1024', danmaku: 9, reply: 33, favorite: 21, coin: 15, share: 4 } };
    answers = [() => USER_STAT, () => ARC_STAT];
    seen.length = 0;
    const m = bilibiliMetrics(client());
    const today = dayIn('Asia/Shanghai', new Date());
    const none = { followersGained: null, followersLost: null, views: null, likes: null, comments: null, shares: null, favorites: null };
    assert.deepEqual(await m.accountDays(today, today), [{ day: today, followers: 3456, ...none }]);
    assert.deepEqual(await m.accountDays('2024-10-01', '2024-10-01'), [], 'a past day cannot be asked for');
    const ref = { publicationId: 'pub-1', publishId: 'BV1MW421X7gM', msgDataId: null, articleId: 'BV1MW421X7gM', articleUrl: null, publishedAt: new Date() };
    assert.deepEqual(await m.postTotals?.([ref]), [{ publicationId: 'pub-1', views: 1024, likes: null, comments: 33, shares: 4, favorites: 21 }]);
    assert.deepEqual(seen.map((x) => x.url), ['/arcopen/fn/data/user/stat', '/arcopen/fn/data/arc/stat?resource_id=BV1MW421X7gM']);
    answers = [() => ({ code: 127011, message: '该接口用户未授权', ttl: 1 })];
    await assert.rejects(client().userStat(), (e) => isPlatformError(e) && e.kind === 'permission' && e.code === 127011);
  });
});
