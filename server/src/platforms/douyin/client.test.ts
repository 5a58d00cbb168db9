// Contract tests: the Douyin client, OAuth provider and adapter against answers copied from Douyin's
// documents and its public SDK, served by a tiny local HTTP server (not the emulator), so that the
// emulator and the adapter cannot agree on a wrong protocol. The answers, each naming its source, are
// in doc-answers.ts.
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, beforeEach, describe, test } from 'node:test';
import { type Grant, type GrantAccess, type MediaRef, type OAuthProvider, PlatformError, type PublishInput, UNMETERED } from '../adapter';
import { NotSentError } from '../keepalive';
import { DouyinClient } from './client';
import { douyinOAuth } from './oauth';
import {
  DOC_ACCESS_TOKEN,
  DOC_ITEM_DAYS,
  DOC_REFRESH,
  DOC_RENEW,
  DOC_UPLOAD,
  DOC_UPLOAD_ERROR,
  DOC_USER_DAYS,
  dyErr,
  EXTRA,
  LIVE_OFFLINE,
  oauthErr,
  ok,
  video,
} from './doc-answers';
import { douyinMetrics } from './metrics';
import { captionFingerprint, douyinAdapter } from './publisher';

interface Seen {
  method: string;
  path: string;
  q: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}
type Answer = Record<string, unknown> | 'drop' | { status: number; text: string };
let server: http.Server;
let base = '';
let seen: Seen[] = [];
let answers: Map<string, Answer[]>;
const answer = (path: string, ...a: Answer[]) => answers.set(path, [...(answers.get(path) ?? []), ...a]);

before(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://x');
      seen.push({ method: req.method ?? '', path: u.pathname, q: u.searchParams, headers: req.headers, body: Buffer.concat(chunks) });
      const queue = answers.get(u.pathname) ?? [];
      const a = queue.length > 1 ? queue.shift() : queue[0];
      if (a === undefined) return res.writeHead(404).end('{}');
      if (a === 'drop') return req.socket.destroy();
      if ('status' in a && typeof a.status === 'number') return res.writeHead(a.status).end(a.text as string);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(a));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
after(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  seen = [];
  answers = new Map();
});

const V1 = '/api/douyin/v1/video';
const grantOf = (token: string, scopes = ['video.create.bind']): Grant => ({
  accessToken: token,
  expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
  refreshToken: 'rft',
  refreshExpiresAt: null,
  openId: 'open-1',
  scopes,
  renewalsLeft: 5,
  obtainedAt: new Date().toISOString(),
});
function client(tokens = ['act.1']) {
  let i = 0;
  const calls = { refreshed: 0 };
  const grant: GrantAccess = {
    current: async () => grantOf(tokens[i]),
    refreshed: async () => {
      calls.refreshed++;
      return grantOf(tokens[++i] ?? tokens[i - 1]);
    },
  };
  return { c: new DouyinClient({ baseUrl: base, timeoutMs: 2000, meter: UNMETERED, grant }), calls };
}
const ref = (data: Buffer, filename: string, contentType: string): MediaRef => ({
  mediaId: filename,
  filename,
  contentType,
  size: data.length,
  width: null,
  height: null,
  durationMs: null,
  load: async () => data,
});
const VIDEO = Buffer.alloc(3000, 7);
const COVER = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
const input = (): PublishInput => ({
  title: 't',
  author: '',
  digest: '',
  bodyHtml: '',
  contentSourceUrl: null,
  cover: null,
  clientIp: null,
  loadMedia: async () => {
    throw new Error('unused');
  },
  variant: {
    text: '春天的第一支视频',
    images: [],
    video: ref(VIDEO, 'v.mp4', 'video/mp4'),
    cover: ref(COVER, 'c.png', 'image/png'),
    topics: ['春天'],
    tags: [],
    options: {},
  },
});

describe('OAuth (account-permission)', () => {
  const app = { clientId: 'tt10abc', clientSecret: 'app-secret', settings: {} };
  const o = () => douyinOAuth({ baseUrl: base, timeoutMs: 2000 });

  test('code exchange is form-encoded and reads the documented answer; lifetimes from it', async () => {
    answer('/oauth/access_token/', DOC_ACCESS_TOKEN);
    const t0 = Date.now();
    const g = await o().exchange(app, { code: 'ffab5ec26cd958fd', redirectUri: 'https://m.example/cb' });
    assert.equal(seen[0].headers['content-type'], 'application/x-www-form-urlencoded');
    assert.deepEqual(Object.fromEntries(new URLSearchParams(seen[0].body.toString())), {
      client_key: 'tt10abc',
      client_secret: 'app-secret',
      code: 'ffab5ec26cd958fd',
      grant_type: 'authorization_code',
    });
    assert.equal(g.accessToken, DOC_ACCESS_TOKEN.data.access_token);
    assert.equal(g.openId, 'b9b71865-7fea-44cc-****');
    assert.deepEqual(g.scopes, ['user_info', 'video.create.bind']);
    assert.equal(g.renewalsLeft, 5);
    assert.ok(Math.abs(Date.parse(g.expiresAt) - (t0 + 1296000_000)) < 5000);
    assert.ok(Math.abs(Date.parse(g.refreshExpiresAt as string) - (t0 + 2592000_000)) < 5000);
  });

  test('refresh: string lifetimes read as numbers, the refresh token keeps its expiry; renew counts down', async () => {
    const stored = { ...grantOf('old'), refreshExpiresAt: '2030-01-01T00:00:00.000Z', renewalsLeft: 2 };
    answer('/oauth/refresh_token/', DOC_REFRESH);
    const r = await o().refresh?.(app, stored);
    assert.deepEqual(Object.fromEntries(new URLSearchParams(seen[0].body.toString())), {
      client_key: 'tt10abc',
      grant_type: 'refresh_token',
      refresh_token: 'rft',
    });
    assert.equal(r?.accessToken, 'access_token');
    assert.ok(Math.abs(Date.parse(r?.expiresAt as string) - (Date.now() + 86400_000)) < 5000);
    assert.equal(r?.refreshExpiresAt, '2030-01-01T00:00:00.000Z', 'a refresh does not extend the refresh token (refresh-access-token)');
    answer('/oauth/renew_refresh_token/', DOC_RENEW);
    const n = await o().renew?.(app, stored);
    assert.deepEqual(Object.fromEntries(new URLSearchParams(seen[1].body.toString())), { client_key: 'tt10abc', refresh_token: 'rft' });
    assert.equal(n?.refreshToken, 'refresh_token');
    assert.equal(n?.renewalsLeft, 1);
    assert.ok(Math.abs(Date.parse(n?.refreshExpiresAt as string) - (Date.now() + 86400_000)) < 5000);
  });

  test('10020 (renewals used up) and 10010 (refresh token expired) are auth errors, the secret never in the message', async () => {
    answer('/oauth/renew_refresh_token/', oauthErr(10020, '超过刷新次数限制'));
    await assert.rejects(
      (o().renew as NonNullable<OAuthProvider['renew']>)(app, grantOf('a')),
      (e: PlatformError) => e.kind === 'auth' && e.code === 10020 && e.platformMessage === '超过刷新次数限制',
    );
    answer('/oauth/refresh_token/', oauthErr(10010, 'refresh_token 过期'));
    await assert.rejects(
      (o().refresh as NonNullable<OAuthProvider['refresh']>)(app, grantOf('a')),
      (e: PlatformError) => e.kind === 'auth' && e.code === 10010 && !e.message.includes('app-secret'),
    );
  });
});

describe('publishing (video-management)', () => {
  test('upload_video (multipart `video`) → upload_image → create_video (JSON) with the token header and open_id', async () => {
    answer(`${V1}/upload_video/`, DOC_UPLOAD);
    answer(`${V1}/upload_image/`, ok({ image: { image_id: 'img-001', width: 1, height: 1 } }));
    answer(`${V1}/create_video/`, ok({ item_id: '@9VwKzuuES8gmaXS9ZohyQcV9+Ao=' }));
    const a = douyinAdapter(client().c);
    const p = await a.prepare(input(), { coverRemoteId: null });
    const [up, img] = seen;
    assert.deepEqual([up.method, up.headers['access-token'], up.q.get('open_id')], ['POST', 'act.1', 'open-1']);
    assert.match(String(up.headers['content-type']), /^multipart\/form-data/);
    assert.match(up.body.toString('latin1'), /name="video"; filename="v.mp4"/);
    assert.ok(up.body.includes(VIDEO));
    assert.match(img.body.toString('latin1'), /name="image"; filename="c.png"/);
    assert.equal(p.coverRemoteId, 'c.png:img-001');
    assert.equal(p.fingerprint, captionFingerprint('春天的第一支视频 #春天'));

    let asked = 0;
    const s = await a.submit(p.draftRemoteId, { mode: 'publish' }, 'k', { beforeSend: async () => ++asked > 0 });
    assert.equal(asked, 1);
    assert.equal(s.remoteId, '@9VwKzuuES8gmaXS9ZohyQcV9+Ao=');
    const create = seen[2];
    assert.equal(create.headers['content-type'], 'application/json');
    assert.deepEqual(JSON.parse(create.body.toString()), {
      video_id: 'v0200f450000bn8c6aa0ifki8fikg1b0',
      text: '春天的第一支视频 #春天',
      custom_cover_image_url: 'img-001',
    });
  });

  test('above 50 MB: init_video_part_upload → parts 1..n of 20 MB (the last holds the rest) → complete', async () => {
    answer(`${V1}/init_video_part_upload/`, ok({ upload_id: '@8hxdhauTCMppanGnM4ltGM780mDqPP+KPpR0qQOmLVAXb/T060zdRmYqig357zEBq6CZRp4NVe6qLIJW/V/x1w==' }));
    answer(`${V1}/upload_video_part/`, ok({}));
    answer(`${V1}/complete_video_part_upload/`, DOC_UPLOAD);
    const big = Buffer.alloc(51 * 1024 * 1024, 1);
    const id = await client().c.uploadVideo(big, 'big.mp4', 'video/mp4');
    assert.equal(id, 'v0200f450000bn8c6aa0ifki8fikg1b0');
    assert.deepEqual(
      seen.map((x) => [x.path.slice(V1.length), x.q.get('part_number')]),
      [
        ['/init_video_part_upload/', null],
        ['/upload_video_part/', '1'],
        ['/upload_video_part/', '2'],
        ['/upload_video_part/', '3'],
        ['/complete_video_part_upload/', null],
      ],
    );
    assert.equal(
      seen[1].q.get('upload_id'),
      '@8hxdhauTCMppanGnM4ltGM780mDqPP+KPpR0qQOmLVAXb/T060zdRmYqig357zEBq6CZRp4NVe6qLIJW/V/x1w==',
      'the upload id travels intact (url-encoded)',
    );
    assert.deepEqual(
      seen.slice(1, 4).map((x) => Math.round(x.body.length / (1024 * 1024))),
      [20, 20, 11],
      'multipart bodies of 20, 20 and the remaining 11 MB',
    );
  });

  test('video_data: 4 审核中 → publishing, 5 → published with the share URL, 2 不适宜公开 → failed with the reason', async () => {
    const a = douyinAdapter(client().c);
    answer(
      `${V1}/video_data/`,
      ok({ list: [video('i1', 'x', 1700000000, 4)] }),
      ok({ list: [video('i1', 'x', 1700000000, 5)] }),
      ok({ list: [{ ...video('i1', 'x', 1700000000, 2), status_reason: '视频含有违规内容' }] }),
    );
    assert.deepEqual(await a.status('i1', { mode: 'publish' }), { state: 'publishing' });
    assert.deepEqual(JSON.parse(seen[0].body.toString()), { item_ids: ['i1'] });
    assert.deepEqual(await a.status('i1', { mode: 'publish' }), { state: 'published', articleId: 'i1', url: 'https://www.iesdouyin.com/share/video/i1/' });
    assert.deepEqual(await a.status('i1', { mode: 'publish' }), { state: 'failed', code: 'rejected', reason: '视频含有违规内容' });
  });

  test('reconcile finds the caption in video_list since the submit, skips excluded items, and leaves one in review to the status poll', async () => {
    const now = Math.floor(Date.now() / 1000);
    const cap = '春天的第一支视频 #春天';
    answer(
      `${V1}/video_list/`,
      ok({ list: [video('i3', cap, now, 5), video('i2', cap, now - 5, 4), video('i1', 'other', now - 9, 5)], cursor: 0, has_more: false }),
    );
    const a = douyinAdapter(client().c);
    const q = { fingerprint: captionFingerprint(cap), since: new Date(Date.now() - 60_000), delivery: { mode: 'publish' } };
    assert.deepEqual(await a.reconcile({ ...q, exclude: [] }), {
      found: true,
      remoteId: 'i3',
      articleId: 'i3',
      url: 'https://www.iesdouyin.com/share/video/i3/',
    });
    assert.deepEqual(await a.reconcile({ ...q, exclude: ['i3'] }), {
      found: true,
      remoteId: 'i2',
      articleId: 'i2',
      url: 'https://www.iesdouyin.com/share/video/i2/',
      inReview: true,
    });
    assert.deepEqual(await a.reconcile({ ...q, since: new Date(Date.now() + 3_600_000), exclude: [] }), { found: false });
    assert.deepEqual([seen[0].method, seen[0].q.get('cursor'), seen[0].q.get('count'), seen[0].q.get('open_id')], ['GET', '0', '20', 'open-1']);
  });
});

describe('errors (openapi/status-code)', () => {
  test('an expired token (28001008) is refreshed once and the call repeated; refused again it is auth', async () => {
    answer(`${V1}/video_data/`, dyErr(28001008, 'access_token过期'), ok({ list: [] }));
    const { c, calls } = client(['act.old', 'act.new']);
    assert.deepEqual(await c.videoData(['i1']), []);
    assert.deepEqual(
      seen.map((x) => x.headers['access-token']),
      ['act.old', 'act.new'],
    );
    assert.equal(calls.refreshed, 1);
    answers = new Map();
    answer(`${V1}/video_data/`, dyErr(2190008, 'access_token过期'));
    const b = client(['a', 'b']);
    await assert.rejects(b.c.videoData(['i1']), (e: PlatformError) => e.kind === 'auth' && e.code === 2190008 && b.calls.refreshed === 1);
  });

  test('codes map to kinds, read from data or, when data has none, from extra', async () => {
    const { c } = client();
    const cases: [Record<string, unknown>, number, string][] = [
      [DOC_UPLOAD_ERROR, 2100005, 'invalid'],
      [dyErr(28001012, 'scope 未授权'), 28001012, 'permission'],
      [dyErr(28001005, '服务繁忙'), 28001005, 'rate_limited'],
      [dyErr(28003018, '触发限流'), 28003018, 'rate_limited'],
      [dyErr(28001052, '风控拦截'), 28001052, 'permission'],
      [{ data: {}, extra: { ...EXTRA, error_code: 2100004, description: '系统繁忙' } }, 2100004, 'rate_limited'],
      [LIVE_OFFLINE, 28001056, 'permission'],
    ];
    for (const [body, code, kind] of cases) {
      answers = new Map();
      answer(`${V1}/upload_video/`, body);
      await assert.rejects(
        c.uploadVideo(VIDEO, 'v.mp4', 'video/mp4'),
        (e: PlatformError) => e instanceof PlatformError && e.kind === kind && e.code === code,
        `${code} → ${kind}`,
      );
    }
  });

  test('28003017 (quota used up) waits until midnight in Beijing', async () => {
    answer(`${V1}/video_data/`, dyErr(28003017, 'quota 已用完'));
    await assert.rejects(client().c.videoData(['i1']), (e: PlatformError) => {
      const beijing = new Date(Date.now() + 8 * 3_600_000 + (e.retryAfterMs ?? 0));
      return e.kind === 'rate_limited' && beijing.getUTCHours() === 0 && beijing.getUTCMinutes() === 0;
    });
  });

  test('create_video: a lost answer or a 5xx is unknown_outcome, a read is transient; beforeSend false sends nothing', async () => {
    const draft = JSON.stringify({ videoId: 'v1', text: 'cap' });
    const a = douyinAdapter(client().c);
    answer(`${V1}/create_video/`, 'drop');
    await assert.rejects(a.submit(draft, { mode: 'publish' }, 'k'), (e: PlatformError) => e.kind === 'unknown_outcome');
    answers = new Map();
    answer(`${V1}/create_video/`, { status: 502, text: 'bad gateway' });
    await assert.rejects(a.submit(draft, { mode: 'publish' }, 'k'), (e: PlatformError) => e.kind === 'unknown_outcome');
    answers = new Map();
    answer(`${V1}/create_video/`, { status: 200, text: '<html>gateway</html>' });
    await assert.rejects(a.submit(draft, { mode: 'publish' }, 'k'), (e: PlatformError) => e.kind === 'unknown_outcome');
    answers = new Map();
    answer(`${V1}/video_data/`, 'drop');
    await assert.rejects(a.status('i1', { mode: 'publish' }), (e: PlatformError) => e.kind === 'transient');
    const before = seen.length;
    await assert.rejects(a.submit(draft, { mode: 'publish' }, 'k', { beforeSend: async () => false }), NotSentError);
    assert.equal(seen.length, before);
  });

  test('a post without a video, or a draft without a video id, is invalid before any call', async () => {
    const a = douyinAdapter(client().c);
    await assert.rejects(
      a.prepare({ ...input(), variant: { ...input().variant, video: null } }, { coverRemoteId: null }),
      (e: PlatformError) => e.kind === 'invalid',
    );
    await assert.rejects(a.submit(JSON.stringify({ videoId: null, text: 'x' }), { mode: 'publish' }, 'k'), (e: PlatformError) => e.kind === 'invalid');
    assert.equal(seen.length, 0);
  });
});

describe('data (data/external, [DG] user_data.go, item_data.go)', () => {
  const at = new Date('2023-10-06T12:00:00+08:00');
  const ref = { publicationId: 'pub-1', publishId: 'i1', msgDataId: null, articleId: 'i1', articleUrl: null, publishedAt: at };

  test('account days: the five user series merged per day; a string count read, a day a series lacks null; lost and 收藏 null', async () => {
    for (const [m, body] of Object.entries(DOC_USER_DAYS)) answer(`/data/external/user/${m}/`, body);
    const days = await douyinMetrics(client().c).accountDays('2023-10-07', '2023-10-08');
    assert.deepEqual(
      seen.map((x) => [x.method, x.path, x.q.get('date_type'), x.q.get('open_id'), x.headers['access-token']]),
      ['fans', 'item', 'like', 'comment', 'share'].map((m) => ['GET', `/data/external/user/${m}/`, '30', 'open-1', 'act.1']),
      'days that far back: the longest date_type',
    );
    const none = { followersLost: null, favorites: null };
    assert.deepEqual(days, [
      { day: '2023-10-07', followers: 3400, followersGained: 12, views: 5200, likes: 260, comments: null, shares: 8, ...none },
      { day: '2023-10-08', followers: 3409, followersGained: 9, views: 4100, likes: 190, comments: 31, shares: 5, ...none },
    ]);
  });

  test('post days: play, like, comment and share of the item per day from its publication on, date_type at most 15', async () => {
    for (const [m, body] of Object.entries(DOC_ITEM_DAYS)) answer(`/data/external/item/${m}/`, body);
    const days = await douyinMetrics(client().c).postDays?.([ref], '2023-10-01', '2023-10-08');
    assert.deepEqual(
      seen.map((x) => [x.path, x.q.get('item_id'), x.q.get('date_type')]),
      ['play', 'like', 'comment', 'share'].map((m) => [`/data/external/item/${m}/`, 'i1', '15']),
    );
    const none = { publicationId: 'pub-1', favorites: null, zaikan: null, followersGained: null };
    assert.deepEqual(days, [
      { day: '2023-10-07', views: 1800, likes: 95, comments: 7, shares: 2, ...none },
      { day: '2023-10-08', views: 700, likes: 40, comments: 3, shares: null, ...none },
    ]);
  });

  test('a data scope the grant lacks (28001012) is a permission error', async () => {
    answer('/data/external/user/fans/', dyErr(28001012, '应用未获得该能力'));
    await assert.rejects(
      douyinMetrics(client().c).accountDays('2023-10-07', '2023-10-08'),
      (e: PlatformError) => e.kind === 'permission' && e.code === 28001012,
    );
    answer('/data/external/item/play/', dyErr(28001007, 'item_id 无效'));
    await assert.rejects(client().c.itemDays('play', 'i1', 7), (e: PlatformError) => e.kind === 'invalid' && e.code === 28001007);
  });
});
