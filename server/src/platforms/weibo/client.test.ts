// Contract tests: the Weibo client and adapter against answers copied from Weibo's documents,
// served by a tiny local HTTP server (not the emulator), and the error answers' mapping.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { type Grant, type GrantAccess, type MediaRef, NotSentError, PlatformError, type PublishInput } from '../adapter';
import { WeiboClient } from './client';
import { weiboComments } from './comments';
import { WEIBO_METRICS_LIMITS, weiboMetrics } from './metrics';
import { weiboAdapter } from './publisher';
import { weiboLength } from './text';

// open.weibo.com/wiki/2/statuses/share, 返回结果 JSON示例 (abridged: the fields up to `geo`).
const SHARE_DOC = {
  created_at: 'Wed Oct 24 23:49:17 +0800 2012',
  id: 3504803600500000,
  mid: '3504803600502730',
  idstr: '3504803600502730',
  text: '分组定向图片微博',
  source: '新浪微博</a>',
  favorited: false,
  truncated: false,
  in_reply_to_status_id: '',
  in_reply_to_user_id: '',
  in_reply_to_screen_name: '',
  thumbnail_pic: 'http://ww2.sinaimg.cn/thumbnail/71666d49jw1dy6q8t3p0rj.jpg',
};
// open.weibo.com/wiki/2/statuses/repost, JSON示例 (abridged): a Status object with its `user`.
const REPOST_DOC = {
  created_at: 'Tue May 31 17:46:55 +0800 2011',
  id: 11488058246,
  text: '求关注。',
  mid: '5612814510546515491',
  reposts_count: 8,
  comments_count: 9,
  user: { id: 1404376560, screen_name: 'zaku' },
};
// open.weibo.com/wiki/C/2/media_statuses/count_sp/biz, JSON示例 (the same {id, comments, reposts, attitudes} rows as statuses/count).
const COUNT_DOC = [
  { id: 3468865533114224, comments: 37495, reposts: 39118, attitudes: 0, reads: 132 },
  { id: 3468815805141776, comments: 8551, reposts: 23858, attitudes: 0, reads: 132 },
];
// birdsofsummer/yinxing passport/weibo/index.js (get_token_info `res` and an error answer recorded there).
const TOKEN_INFO_DOC = { uid: 1111111111, appkey: '4043688639', scope: 'follow_app_official_microblog', create_at: 1564132886, expire_in: 157675024 };
// open.weibo.com/wiki/2/users/show, JSON示例 (abridged to the counts; written from the wiki's
// sample as remembered, the field names as [QQ] model/User reads them — UNVERIFIED verbatim).
const USERS_SHOW_DOC = {
  id: 1404376560,
  screen_name: 'zaku',
  name: 'zaku',
  followers_count: 1204,
  friends_count: 447,
  statuses_count: 2908,
  favourites_count: 0,
  created_at: 'Fri Aug 28 00:00:00 +0800 2009',
};
// open.weibo.com/wiki/2/comments/show, JSON示例 (abridged: the first comment, its user and status
// trimmed), and a second comment answering it with `reply_comment` as [QQ] model/Comment reads it.
const COMMENTS_SHOW_DOC = {
  comments: [
    {
      created_at: 'Wed Jun 01 00:52:25 +0800 2011',
      id: 12438492185,
      idstr: '12438492185',
      text: '回复@zaku:谢谢',
      mid: '202110601896455630',
      user: { id: 1404376561, idstr: '1404376561', screen_name: '媒运官方' },
      reply_comment: {
        created_at: 'Wed Jun 01 00:50:25 +0800 2011',
        id: 12438492184,
        idstr: '12438492184',
        text: 'love your work.......',
        user: { id: 1404376560, screen_name: 'zaku' },
      },
    },
    {
      created_at: 'Wed Jun 01 00:50:25 +0800 2011',
      id: 12438492184,
      text: 'love your work.......',
      source: '<a href="http://weibo.com" rel="nofollow">新浪微博</a>',
      mid: '202110601896455629',
      user: { id: 1404376560, screen_name: 'zaku' },
      status: { created_at: 'Tue May 31 17:46:55 +0800 2011', id: 11488058246, text: '求关注。' },
    },
  ],
  previous_cursor: 0,
  next_cursor: 0,
  total_number: 2,
};
const ERROR_DOC = { error: 'access_denied', error_code: 21330, request: '/2/account/profile/email.json' };

interface Seen {
  method: string;
  url: string;
  type: string;
  body: string;
}
let handler: (req: Seen, res: http.ServerResponse) => void = (_q, res) => res.end('{}');
const seen: Seen[] = [];
let base = '';
const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const s = { method: req.method ?? '', url: req.url ?? '', type: String(req.headers['content-type'] ?? ''), body: Buffer.concat(chunks).toString('latin1') };
    seen.push(s);
    handler(s, res);
  });
});
before(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((r) => server.close(() => r())));

const json = (status: number, body: unknown) => (_q: Seen, res: http.ServerResponse) => {
  res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8' });
  res.end(JSON.stringify(body));
};
const err = (status: number, code: number | string, error: string, path = '/2/statuses/share.json') => json(status, { request: path, error_code: code, error });

function grant(token = 'tok-1'): Grant {
  return {
    accessToken: token,
    expiresAt: new Date(Date.now() + 3600_000).toISOString(),
    refreshToken: null,
    refreshExpiresAt: null,
    openId: '1404376561',
    scopes: ['all'],
    renewalsLeft: null,
    obtainedAt: new Date().toISOString(),
  };
}
function access(opts: { next?: Grant } = {}) {
  const calls = { refreshed: 0 };
  const g: GrantAccess = {
    current: async () => grant(),
    refreshed: async () => {
      calls.refreshed += 1;
      if (opts.next) return opts.next;
      throw new PlatformError({ kind: 'auth', platform: 'weibo', message: 'cannot refresh' });
    },
  };
  return { g, calls };
}
const client = (g: GrantAccess) => new WeiboClient({ baseUrl: base, grant: g, timeoutMs: 1000 });
const APP = { clientId: 'k', clientSecret: 's', settings: { safeDomain: 'example.com' } };
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const img = (id: string): MediaRef => ({
  mediaId: id,
  filename: `${id}.png`,
  contentType: 'image/png',
  size: png.length,
  width: 1,
  height: 1,
  durationMs: null,
  load: async () => png,
});
function input(over: { text?: string; topics?: string[]; images?: MediaRef[]; clientIp?: string | null } = {}): PublishInput {
  return {
    title: 't',
    author: '',
    digest: '',
    bodyHtml: '',
    contentSourceUrl: null,
    cover: null,
    loadMedia: async () => ({ data: png, filename: 'x', contentType: 'image/png' }),
    variant: {
      text: over.text ?? '新品上市 https://www.example.com/p/1',
      images: over.images ?? [],
      video: null,
      cover: null,
      topics: over.topics ?? [],
      tags: [],
      options: {},
    },
    clientIp: over.clientIp === undefined ? '203.0.113.7' : over.clientIp,
  };
}
const kindOf = async (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e) => (e instanceof PlatformError ? `${e.kind}:${e.code}` : e instanceof NotSentError ? 'not_sent' : String(e)),
  );

test('prepare writes the exact status (the text alone: statuses/share forbids #话题词#, so topics are not added) and its sha256; submit sends it as a form and settles from the documented Status', async () => {
  const a = weiboAdapter(client(access().g), APP);
  const p = await a.prepare(input({ topics: ['新品', '#上新'] }), { coverRemoteId: null });
  const status = '新品上市 https://www.example.com/p/1';
  assert.equal(JSON.parse(p.draftRemoteId).status, status);
  assert.equal(p.fingerprint, createHash('sha256').update(status).digest('hex'));
  seen.length = 0;
  handler = json(200, SHARE_DOC);
  const r = await a.submit(p.draftRemoteId, { mode: 'publish' }, 'k');
  assert.equal(seen[0].url, '/2/statuses/share.json');
  assert.match(seen[0].type, /application\/x-www-form-urlencoded/);
  const sent = new URLSearchParams(seen[0].body);
  assert.equal(sent.get('status'), status);
  assert.equal(sent.get('rip'), '203.0.113.7');
  assert.equal(sent.get('access_token'), 'tok-1');
  // The doc's `id` lost digits as a double (…500000); idstr is the id.
  assert.deepEqual(r, {
    remoteId: '3504803600502730',
    msgDataId: '3504803600502730',
    status: { state: 'published', articleId: '3504803600502730', url: 'https://weibo.com/1404376561/3504803600502730' },
  });
});

test('one picture goes multipart as `pic`; the Status user names the uid in the URL', async () => {
  const a = weiboAdapter(client(access().g), APP);
  const p = await a.prepare(input({ images: [img('m1')] }), { coverRemoteId: null });
  seen.length = 0;
  handler = json(200, { ...REPOST_DOC, idstr: '11488058246' });
  const r = await a.submit(p.draftRemoteId, { mode: 'publish' }, 'k');
  assert.match(seen[0].type, /multipart\/form-data/);
  assert.match(seen[0].body, /name="pic"; filename="m1.png"/);
  assert.match(seen[0].body, /name="rip"/);
  assert.equal(r.status?.state === 'published' && r.status.url, 'https://weibo.com/1404376560/11488058246');
});

test('local refusals: no safe domain, no link to it, no rip, two pictures, over 140 by Weibo count', async () => {
  const a = weiboAdapter(client(access().g), APP);
  const none = weiboAdapter(client(access().g), { ...APP, settings: {} });
  assert.equal(await kindOf(none.prepare(input(), { coverRemoteId: null })), 'invalid:local');
  assert.equal(await kindOf(a.prepare(input({ text: '链接不对 https://evil.example.org/' }), { coverRemoteId: null })), 'invalid:local');
  assert.equal(await kindOf(a.prepare(input({ text: '假域名 https://notexample.com/' }), { coverRemoteId: null })), 'invalid:local');
  assert.equal(await kindOf(a.prepare(input({ clientIp: null }), { coverRemoteId: null })), 'invalid:local');
  assert.equal(await kindOf(a.prepare(input({ images: [img('a'), img('b')] }), { coverRemoteId: null })), 'invalid:local');
  assert.equal(await kindOf(a.prepare(input({ text: `${'字'.repeat(130)} https://example.com/` }), { coverRemoteId: null })), 'invalid:local');
  assert.equal(await kindOf(a.prepare(input({ text: `${'字'.repeat(129)} https://example.com/` }), { coverRemoteId: null })), 'ok');
  assert.equal(weiboLength('ab字'), 2);
  assert.equal(weiboLength(`x https://example.com/${'a'.repeat(40)}`), 11);
});

test('error answers map to kinds', async () => {
  const share = (c: WeiboClient) => c.share({ status: 's https://example.com/', rip: '1.1.1.1' });
  const cases: [(q: Seen, r: http.ServerResponse) => void, string][] = [
    [err(400, 20016, 'Update weibo too fast!'), 'rate_limited:20016'],
    [err(400, '10023', 'User requests out of rate limit!'), 'rate_limited:10023'],
    [err(400, 20019, 'Repeat content!'), 'invalid:20019'],
    [err(400, 20021, 'Content is illegal!'), 'invalid:20021'],
    [err(400, 10017, 'text not find domain!'), 'invalid:10017'],
    [err(400, 20012, 'Text too long'), 'invalid:20012'],
    [err(400, 20032, 'Post success, but server is slow'), 'unknown_outcome:20032'],
    [err(403, ERROR_DOC.error_code, ERROR_DOC.error, ERROR_DOC.request), 'invalid:21330'],
    [err(400, 10014, 'Insufficient app permissions!'), 'permission:10014'],
    [err(500, 10001, 'system error!'), 'rate_limited:10001'],
    [(_q, res) => res.writeHead(502).end('bad gateway'), 'unknown_outcome:502'],
    [(_q, res) => res.socket?.destroy(), 'unknown_outcome:ECONNRESET'],
  ];
  for (const [h, want] of cases) {
    handler = h;
    assert.equal(await kindOf(share(client(access().g))), want, want);
  }
  handler = err(400, 20016, 'Update weibo too fast!');
  const e = (await share(client(access().g)).catch((x) => x)) as PlatformError;
  assert.equal(e.retryAfterMs, 60_000);
  assert.match(e.message, /发微博太频繁/);
  // A read that fails on the network is safe to repeat.
  handler = (_q, res) => res.socket?.destroy();
  assert.equal(await kindOf(client(access().g).userTimeline()), 'transient:ECONNRESET');
  const refused = new WeiboClient({ baseUrl: 'http://127.0.0.1:1', grant: access().g, timeoutMs: 1000 });
  assert.equal(await kindOf(share(refused)), 'transient:ECONNREFUSED');
});

test('an expired token is handed to grant.refreshed once: auth when it cannot refresh, retried when re-authorised', async () => {
  handler = err(401, 21327, 'expired_token');
  const none = access();
  assert.equal(await kindOf(client(none.g).userTimeline()), 'auth:null');
  assert.equal(none.calls.refreshed, 1);
  seen.length = 0;
  handler = (q, res) => (q.url.includes('tok-2') ? json(200, { statuses: [REPOST_DOC], total_number: 1 }) : err(401, 21332, 'invalid_access_token'))(q, res);
  const again = access({ next: grant('tok-2') });
  const list = await client(again.g).userTimeline();
  assert.equal(again.calls.refreshed, 1);
  assert.equal(list[0].idstr, '11488058246');
  assert.equal(list[0].createdAt?.toISOString(), '2011-05-31T09:46:55.000Z');
  handler = err(401, 21327, 'expired_token');
  const twice = access({ next: grant('tok-3') });
  assert.equal(await kindOf(client(twice.g).userTimeline()), 'auth:21327');
  assert.equal(twice.calls.refreshed, 1, 'never more than one refresh');
});

test('beforeSend false: nothing is written', async () => {
  seen.length = 0;
  handler = json(200, SHARE_DOC);
  const a = weiboAdapter(client(access().g), APP);
  const p = await a.prepare(input(), { coverRemoteId: null });
  assert.equal(await kindOf(a.submit(p.draftRemoteId, { mode: 'publish' }, 'k', { beforeSend: async () => false })), 'not_sent');
  assert.equal(seen.length, 0);
});

test('counts(ids) reads statuses/count (split by 100); get_token_info gives the expiry', async () => {
  seen.length = 0;
  handler = json(200, COUNT_DOC);
  const ids = Array.from({ length: 150 }, (_, i) => String(3468865533114224 + i));
  const c = await client(access().g).counts(ids);
  assert.equal(seen.length, 2);
  assert.equal(new URL(seen[0].url, base).searchParams.get('ids')?.split(',').length, 100);
  assert.deepEqual(c[0], { id: '3468865533114224', comments: 37495, reposts: 39118, attitudes: 0 });
  handler = json(200, TOKEN_INFO_DOC);
  const info = await client(access().g).tokenInfo();
  assert.equal(info.uid, '1111111111');
  assert.ok(Math.abs(info.expiresAt.getTime() - (Date.now() + 157675024_000)) < 5000);
  assert.equal(seen.at(-1)?.method, 'POST');
});

test('reconcile finds the exact text since the submit, skipping matched ids; not the same text elsewhere', async () => {
  const a = weiboAdapter(client(access().g), APP);
  const p = await a.prepare(input(), { coverRemoteId: null });
  const text = JSON.parse(p.draftRemoteId).status as string;
  const at = (ms: number) => new Date(ms).toUTCString().replace(/GMT$/, '+0000');
  const now = Date.now();
  handler = json(200, {
    statuses: [
      { created_at: at(now), idstr: '3', mid: '3', text: `${text} `, user: { idstr: '9' } },
      { created_at: at(now), idstr: '2', mid: '2', text, user: { idstr: '9' } },
      { created_at: at(now), idstr: '1', mid: '1', text, user: { idstr: '9' } },
      { created_at: at(now - 3600_000), idstr: '0', mid: '0', text, user: { idstr: '9' } },
    ],
  });
  const since = new Date(now - 60_000);
  assert.deepEqual(await a.reconcile({ fingerprint: p.fingerprint, since, delivery: { mode: 'publish' }, exclude: ['2'] }), {
    found: true,
    remoteId: '1',
    articleId: '1',
    url: 'https://weibo.com/9/1',
  });
  assert.deepEqual(await a.reconcile({ fingerprint: p.fingerprint, since, delivery: { mode: 'publish' }, exclude: ['2', '1'] }), { found: false });
});

test("metrics: followers_count from users/show is today's figure; statuses/count gives running totals (attitudes = likes, reposts = shares)", async () => {
  seen.length = 0;
  handler = json(200, USERS_SHOW_DOC);
  const m = weiboMetrics(client(access().g), async () => '1404376560');
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: WEIBO_METRICS_LIMITS.timeZone }).format(new Date());
  assert.deepEqual(await m.accountDays('2020-01-01', '2020-01-01'), [], 'a past day cannot be asked for: no call');
  assert.equal(seen.length, 0);
  const [day] = await m.accountDays(today, today);
  assert.deepEqual([day.day, day.followers, day.followersGained, day.views], [today, 1204, null, null]);
  assert.equal(new URL(seen[0].url, base).searchParams.get('uid'), '1404376560');
  handler = json(200, COUNT_DOC);
  const at = new Date();
  const ref = (publicationId: string, publishId: string) => ({ publicationId, publishId, msgDataId: null, articleId: null, articleUrl: null, publishedAt: at });
  const totals = await m.postTotals?.([ref('p1', '3468865533114224'), ref('p2', '3468815805141776'), ref('p3', null as unknown as string)]);
  assert.deepEqual(totals, [
    { publicationId: 'p1', views: null, favorites: null, likes: 0, comments: 37495, shares: 39118 },
    { publicationId: 'p2', views: null, favorites: null, likes: 0, comments: 8551, shares: 23858 },
  ]);
});

test("comments/show: each Comment an item, reply_comment its parent, the account's own comments from it; the cursor moves to the newest id on the last page only", async () => {
  const full = {
    ...COMMENTS_SHOW_DOC,
    comments: Array.from({ length: 50 }, (_, i) => ({ ...COMMENTS_SHOW_DOC.comments[1], id: 12438492300 - i, idstr: String(12438492300 - i) })),
  };
  handler = (q, res) => json(200, new URL(q.url, base).searchParams.get('max_id') ? COMMENTS_SHOW_DOC : full)(q, res);
  seen.length = 0;
  const reader = weiboComments(client(access().g), async () => '1404376561');
  const ref = { publicationId: 'pub-1', publishId: '11488058246', msgDataId: null, articleId: null, articleUrl: null, publishedAt: new Date() };
  const pages = [];
  for await (const p of reader.postComments([ref], { 'pub-1': '12438492000' })) pages.push(p);
  const q = seen.map((x) => Object.fromEntries(new URL(x.url, base).searchParams));
  assert.deepEqual(
    q.map((x) => [x.id, x.since_id, x.max_id, x.count]),
    [
      ['11488058246', '12438492000', undefined, '50'],
      ['11488058246', '12438492000', '12438492250', '50'],
    ],
  );
  assert.deepEqual(
    pages.map((p) => p.cursor),
    ['12438492000', '12438492300'],
    'a full page keeps the old cursor; the last page moves it to the newest id read',
  );
  assert.deepEqual(
    pages[1].items.map((i) => [i.externalId, i.parentExternalId, i.authorId, i.authorName, i.fromAccount, i.text, i.at.toISOString(), i.publicationId]),
    [
      ['12438492185', '12438492184', '1404376561', '媒运官方', true, '回复@zaku:谢谢', '2011-05-31T16:52:25.000Z', 'pub-1'],
      ['12438492184', null, '1404376560', 'zaku', false, 'love your work.......', '2011-05-31T16:50:25.000Z', 'pub-1'],
    ],
  );
});
