// Contract tests: the Kuaishou client and adapter against answers copied from Kuaishou's own
// documents, served by a tiny local HTTP server (not the emulator), so that the emulator and the
// adapter cannot agree on a wrong protocol. Each fixture names its page.
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { Grant, GrantAccess, MediaRef, PublishInput } from '../adapter';
import { PlatformError } from '../adapter';
import { NotSentError } from '../keepalive';
import { dayIn } from '../metrics';
import { KuaishouClient } from './client';
import { kuaishouMetrics } from './metrics';
import { kuaishouOAuth } from './oauth';
import { captionFingerprint, kuaishouAdapter } from './publisher';

// open.kuaishou.com/platformDocs/openAbility/kwaiLogin (code2AccessToken, Success Response)
const DOC_ACCESS_TOKEN = { result: 1, access_token: 'xxxxxxx', expires_in: 172800, refresh_token: 'xxxxxx', refresh_token_expires_in: 15552000, open_id: 'xxxxx', scopes: ['user_info'] };
// apifox.com/apidoc/docs-site/462993/api-7075071 (refreshToken example)
const DOC_REFRESH = { result: 1, access_token: 'xxxxxxx', expires_in: 3600, refresh_token: 'xxxxxx', refresh_token_expires_in: 648000, scopes: ['user_info'] };
// mp.kuaishou.com/platformDocs/openAbility/contentManagement/createAVideo.html (发起上传 响应结果示例);
// the endpoint is replaced by this test server's host so the upload comes here.
const DOC_START_UPLOAD = { result: 1, upload_token: '3xwn3kkerxj6g9n', endpoint: 'uploader.test.gifshow.com' };
// createAVideo.html (A.1 响应结果示例)
const DOC_UPLOAD = { result: 1 };
// apifox.com/apidoc/project-462993/api-7075077 (B.1 上传分片 示例)
const DOC_FRAGMENT = { result: 1, checksum: '1e26571bfdd14604d6ece3243edbe729', size: 2367345 };
// apifox.com/apidoc/project-462993/api-7075083 (查询单一视频详情 示例)
const DOC_INFO = { result: 1, video_info: { photo_id: '3xwn3kkerxj6g9n', caption: '测试标题', cover: 'https://xxx', play_url: 'https://xxx', create_time: 1596629598574, like_count: 1, comment_count: 1, view_count: 1, pending: false } };
// Error bodies: the envelope of kwaiLogin ("当 result 不为 1 时,说明请求错误", error_msg beside it, as in
// open.kuaishou.com/docs/develop/IndustrySolutions/highLightUploadInterface.html) with codes and texts
// of the error-code page apifox.com/apidoc/project-462993/doc-355272.
const err = (result: number, error_msg: string) => ({ result, error_msg });
// kwaiLogin GetUserInfo (/openapi/user_info): user_info{name, sex, fan, follow, head, bigHead, city},
// the fields as the page lists them; values ours.
const DOC_USER_INFO = { result: 1, user_info: { name: '测试用户', sex: 'F', fan: 2333, follow: 12, head: 'https://xxx', bigHead: 'https://xxx', city: '北京' } };

interface Seen { method: string; path: string; q: URLSearchParams; type: string; body: Buffer }
type Answer = Record<string, unknown> | 'drop' | { status: number; text: string };
let server: http.Server;
let host = '';
let seen: Seen[] = [];
let answers: Map<string, Answer[]>;

const answer = (path: string, ...a: Answer[]) => answers.set(path, [...(answers.get(path) ?? []), ...a]);

before(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://x');
      seen.push({ method: req.method ?? '', path: u.pathname, q: u.searchParams, type: req.headers['content-type'] ?? '', body: Buffer.concat(chunks) });
      const queue = answers.get(u.pathname) ?? [];
      const a = queue.length > 1 ? queue.shift() : queue[0];
      if (a === undefined) return res.writeHead(404).end('{}');
      if (a === 'drop') return req.socket.destroy();
      if ('status' in a && typeof a.status === 'number') return res.writeHead(a.status).end(a.text as string);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(a));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address() as { port: number };
  host = `127.0.0.1:${addr.port}`;
});
after(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  seen = [];
  answers = new Map();
});

const grantOf = (token: string): Grant => ({ accessToken: token, expiresAt: new Date(Date.now() + 3_600_000).toISOString(), refreshToken: 'r', refreshExpiresAt: null, openId: 'o', scopes: [], renewalsLeft: null, obtainedAt: new Date().toISOString() });
function grants(tokens: string[]) {
  let i = 0;
  const calls = { refreshed: 0 };
  const access: GrantAccess = { current: async () => grantOf(tokens[i]), refreshed: async () => (calls.refreshed++, grantOf(tokens[++i] ?? tokens[i - 1])) };
  return { access, calls };
}
const client = (tokens = ['tok-1'], fragmentBytes?: number) => {
  const g = grants(tokens);
  return { c: new KuaishouClient({ baseUrl: `http://${host}`, appId: 'ks_app', grant: g.access, timeoutMs: 2000, fragmentBytes }), g };
};
const ref = (data: Buffer, filename: string, contentType: string): MediaRef => ({ mediaId: filename, filename, contentType, size: data.length, width: null, height: null, durationMs: null, load: async () => data });
const VIDEO = Buffer.alloc(2500, 9);
const COVER = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
const input = (over: Partial<PublishInput['variant']> = {}): PublishInput => ({
  title: 't', author: '', digest: '', bodyHtml: '', contentSourceUrl: null, cover: null, loadMedia: async () => { throw new Error('unused'); }, clientIp: null,
  variant: { text: '春已至,花已开', images: [], video: ref(VIDEO, 'v.mp4', 'video/mp4'), cover: ref(COVER, 'c.jpg', 'image/jpeg'), topics: ['春天'], tags: [], options: {}, ...over },
});

describe('OAuth (kwaiLogin)', () => {
  const app = { clientId: 'ks_app', clientSecret: 'app-secret', settings: {} };
  test('authorize URL, code exchange and refresh as documented; lifetimes from the answers', async () => {
    const o = kuaishouOAuth({ baseUrl: `http://${host}`, timeoutMs: 2000 });
    const url = new URL(o.authorizeUrl(app, { state: 's1', redirectUri: 'https://m.example/cb', scopes: ['user_info', 'user_video_publish'] }));
    assert.equal(url.pathname, '/oauth2/authorize');
    assert.deepEqual(Object.fromEntries(url.searchParams), { app_id: 'ks_app', scope: 'user_info,user_video_publish', response_type: 'code', redirect_uri: 'https://m.example/cb', state: 's1' });

    answer('/oauth2/access_token', DOC_ACCESS_TOKEN);
    const t0 = Date.now();
    const g = await o.exchange(app, { code: 'c0de', redirectUri: 'https://m.example/cb' });
    assert.equal(seen[0].method, 'GET');
    assert.deepEqual(Object.fromEntries(seen[0].q), { app_id: 'ks_app', app_secret: 'app-secret', code: 'c0de', grant_type: 'authorization_code' });
    assert.equal(g.accessToken, 'xxxxxxx');
    assert.equal(g.openId, 'xxxxx');
    assert.deepEqual(g.scopes, ['user_info']);
    assert.ok(Math.abs(Date.parse(g.expiresAt) - (t0 + 172800_000)) < 5000);
    assert.ok(Math.abs(Date.parse(g.refreshExpiresAt as string) - (t0 + 15552000_000)) < 5000);

    answer('/oauth2/refresh_token', DOC_REFRESH);
    const r = await o.refresh?.(app, g);
    assert.deepEqual(Object.fromEntries(seen[1].q), { app_id: 'ks_app', app_secret: 'app-secret', refresh_token: 'xxxxxx', grant_type: 'refresh_token' });
    assert.equal(r?.openId, 'xxxxx', 'the refresh answer has no open_id: the stored one stays');
    assert.ok(Math.abs(Date.parse(r?.expiresAt as string) - (Date.now() + 3600_000)) < 5000);
  });

  test('a bad code and an expired refresh token are auth errors, the secret never in the message', async () => {
    const o = kuaishouOAuth({ baseUrl: `http://${host}`, timeoutMs: 2000 });
    answer('/oauth2/access_token', err(100200105, '请求的 code 错误'));
    await assert.rejects(o.exchange(app, { code: 'x', redirectUri: 'r' }), (e: PlatformError) => e.kind === 'auth' && e.code === 100200105 && !e.message.includes('app-secret'));
    answer('/oauth2/refresh_token', err(100200113, 'refresh_token过期'));
    await assert.rejects(o.refresh!(app, grantOf('a')), (e: PlatformError) => e.kind === 'auth' && e.code === 100200113);
  });
});

describe('publishing (createAVideo)', () => {
  test('start_upload → whole upload to http://{endpoint}/api/upload → publish with cover file and caption #topics → info', async () => {
    answer('/openapi/photo/start_upload', { ...DOC_START_UPLOAD, endpoint: host });
    answer('/api/upload', DOC_UPLOAD);
    answer('/openapi/photo/publish', { result: 1, video_info: { ...DOC_INFO.video_info, pending: true } });
    answer('/openapi/photo/info', DOC_INFO);
    const { c } = client();
    const a = kuaishouAdapter(c);
    const p = await a.prepare(input(), { coverRemoteId: null });
    const [start, up] = seen;
    assert.deepEqual([start.method, start.q.get('app_id'), start.q.get('access_token')], ['POST', 'ks_app', 'tok-1']);
    assert.deepEqual([up.method, up.q.get('upload_token'), up.type], ['POST', '3xwn3kkerxj6g9n', 'video/mp4']);
    assert.ok(up.body.equals(VIDEO), 'the raw bytes, no multipart boundary');
    assert.equal(p.fingerprint, captionFingerprint('春已至,花已开 #春天'));

    let asked = 0;
    const s = await a.submit(p.draftRemoteId, { mode: 'publish' }, 'k', { beforeSend: async () => (asked++, true) });
    assert.equal(asked, 1);
    assert.equal(s.remoteId, '3xwn3kkerxj6g9n');
    const pub = seen[2];
    assert.equal(pub.q.get('upload_token'), '3xwn3kkerxj6g9n');
    assert.match(pub.type, /^multipart\/form-data/);
    const text = pub.body.toString('latin1');
    assert.match(text, /name="cover"; filename="c.jpg"/);
    assert.ok(pub.body.includes(COVER));
    assert.ok(pub.body.toString('utf8').includes('春已至,花已开 #春天'));
    assert.deepEqual(await a.status(s.remoteId, { mode: 'publish' }), { state: 'published', articleId: '3xwn3kkerxj6g9n', url: 'https://xxx' });
  });

  test('big files go in fragments 0..n-1, then complete with fragment_count', async () => {
    answer('/api/upload/fragment', DOC_FRAGMENT);
    answer('/api/upload/complete', DOC_UPLOAD);
    const { c } = client(['t'], 1000);
    assert.deepEqual(await c.uploadVideo(host, 'ut', { data: VIDEO, filename: 'v.mp4', contentType: 'video/mp4' }), { fragments: 3 });
    assert.deepEqual(seen.map((x) => [x.path, x.q.get('fragment_id') ?? x.q.get('fragment_count'), x.body.length]), [
      ['/api/upload/fragment', '0', 1000],
      ['/api/upload/fragment', '1', 1000],
      ['/api/upload/fragment', '2', 500],
      ['/api/upload/complete', '3', 0],
    ]);
  });

  test('an expired token is refreshed once and the call repeated; refused again it is auth', async () => {
    answer('/openapi/photo/info', err(100200108, 'access_token过期'), DOC_INFO);
    const { c, g } = client(['old', 'new']);
    const r = await c.photoInfo('3xwn3kkerxj6g9n');
    assert.equal(r.ok, true);
    assert.deepEqual(seen.map((x) => x.q.get('access_token')), ['old', 'new']);
    assert.equal(g.calls.refreshed, 1);
    answers = new Map();
    answer('/openapi/photo/info', err(100200108, 'access_token过期'));
    const b = client(['a', 'b']);
    await assert.rejects(b.c.photoInfo('x'), (e: PlatformError) => e.kind === 'auth' && b.g.calls.refreshed === 1);
  });

  test('error answers map to kinds', async () => {
    const { c } = client();
    const cases: [number, string, string][] = [
      [100200106, '请求的 scope 错误', 'permission'],
      [400002, 'api限速', 'rate_limited'],
      [100200500, '服务内部错误', 'rate_limited'],
      [100400, '参数错误', 'invalid'],
      [100200111, '用户未授权过', 'auth'],
    ];
    for (const [code, msg, kind] of cases) {
      answers = new Map();
      answer('/openapi/photo/start_upload', err(code, msg));
      await assert.rejects(c.startUpload(), (e: PlatformError) => e instanceof PlatformError && e.kind === kind && e.code === code && e.platformMessage === msg, `${code} → ${kind}`);
    }
  });

  test('review refusal on photo/info (120003) is failed with the reason; pending is publishing', async () => {
    const { c } = client();
    const a = kuaishouAdapter(c);
    answer('/openapi/photo/info', err(120003, '视频发布失败'));
    const s = await a.status('p1', { mode: 'publish' });
    assert.equal(s.state, 'failed');
    assert.equal(s.state === 'failed' && s.code, '120003');
    assert.match(s.state === 'failed' ? s.reason : '', /视频发布失败/);
    answers = new Map();
    answer('/openapi/photo/info', { ...DOC_INFO, video_info: { ...DOC_INFO.video_info, pending: true } });
    assert.deepEqual(await a.status('p1', { mode: 'publish' }), { state: 'publishing' });
  });

  test('publish: a lost answer or a 5xx is unknown_outcome; beforeSend false sends nothing', async () => {
    const draft = JSON.stringify({ u: 'ut', c: 'cap', cover: { n: 'c.jpg', t: 'image/jpeg', b64: COVER.toString('base64') } });
    const { c } = client();
    const a = kuaishouAdapter(c);
    answer('/openapi/photo/publish', 'drop');
    await assert.rejects(a.submit(draft, { mode: 'publish' }, 'k'), (e: PlatformError) => e.kind === 'unknown_outcome');
    answers = new Map();
    answer('/openapi/photo/publish', { status: 502, text: 'bad gateway' });
    await assert.rejects(a.submit(draft, { mode: 'publish' }, 'k'), (e: PlatformError) => e.kind === 'unknown_outcome');
    answers = new Map();
    answer('/openapi/photo/publish', err(100400, '参数错误'));
    await assert.rejects(a.submit(draft, { mode: 'publish' }, 'k'), (e: PlatformError) => e.kind === 'invalid');
    const before = seen.length;
    await assert.rejects(a.submit(draft, { mode: 'publish' }, 'k', { beforeSend: async () => false }), NotSentError);
    assert.equal(seen.length, before);
  });

  test('reconcile finds the video in photo/list by caption fingerprint since the submit, skipping excluded ids', async () => {
    const now = Date.now();
    const v = (id: string, caption: string, t: number) => ({ ...DOC_INFO.video_info, photo_id: id, caption, create_time: t, play_url: `https://k/${id}` });
    answer('/openapi/photo/list', { result: 1, video_list: [v('p3', '春已至,花已开 #春天', now), v('p2', '春已至,花已开 #春天', now - 1000), v('p1', 'other', now - 2000)] });
    const a = kuaishouAdapter(client().c);
    const fp = captionFingerprint('春已至,花已开 #春天');
    assert.deepEqual(await a.reconcile({ fingerprint: fp, since: new Date(now - 60_000), delivery: { mode: 'publish' }, exclude: ['p3'] }), { found: true, remoteId: 'p2', articleId: 'p2', url: 'https://k/p2', inReview: true });
    assert.deepEqual(await a.reconcile({ fingerprint: fp, since: new Date(now + 3_600_000), delivery: { mode: 'publish' }, exclude: [] }), { found: false });
    assert.equal(seen[0].q.get('count'), '20');
  });

  test('a post without a video is invalid before any call', async () => {
    const a = kuaishouAdapter(client().c);
    await assert.rejects(a.prepare(input({ video: null }), { coverRemoteId: null }), (e: PlatformError) => e.kind === 'invalid');
    assert.equal(seen.length, 0);
  });
});

describe('data (user_info, photo/info)', () => {
  test('fan count as today only; photo/info counts snapshotted per video (a string count read, an absent one null); a video gone (120001) is skipped', async () => {
    answer('/openapi/user_info', DOC_USER_INFO);
    answer('/openapi/photo/info', DOC_INFO, { result: 1, video_info: { ...DOC_INFO.video_info, photo_id: '3xb', view_count: '870', like_count: undefined } }, err(120001, '视频不存在'));
    const m = kuaishouMetrics(client().c);
    const today = dayIn('Asia/Shanghai', new Date());
    const none = { followersGained: null, followersLost: null, views: null, likes: null, comments: null, shares: null, favorites: null };
    assert.deepEqual(await m.accountDays(today, today), [{ day: today, followers: 2333, ...none }]);
    assert.deepEqual(await m.accountDays('2024-10-01', '2024-10-01'), [], 'a past day cannot be asked for');
    const ref = (publicationId: string, photoId: string) => ({ publicationId, publishId: photoId, msgDataId: null, articleId: photoId, articleUrl: null, publishedAt: new Date() });
    const totals = await m.postTotals?.([ref('p1', '3xwn3kkerxj6g9n'), ref('p2', '3xb'), ref('p3', '3xgone')]);
    assert.deepEqual(totals, [
      { publicationId: 'p1', views: 1, likes: 1, comments: 1, shares: null, favorites: null },
      { publicationId: 'p2', views: 870, likes: null, comments: 1, shares: null, favorites: null },
    ]);
    assert.deepEqual(
      seen.map((x) => [x.path, x.q.get('photo_id'), x.q.get('app_id'), x.q.get('access_token')]),
      [['/openapi/user_info', null, 'ks_app', 'tok-1'], ...['3xwn3kkerxj6g9n', '3xb', '3xgone'].map((id) => ['/openapi/photo/info', id, 'ks_app', 'tok-1'])],
    );
  });

  test('a scope the grant lacks (100200106) stops the read as permission', async () => {
    answer('/openapi/user_info', err(100200106, '请求的 scope 错误'));
    await assert.rejects(client().c.userInfo(), (e: PlatformError) => e.kind === 'permission' && e.code === 100200106);
  });
});
