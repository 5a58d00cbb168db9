// Contract tests for the WeChat client against a local HTTP server that answers with the example
// bodies of WeChat's documentation (developers.weixin.qq.com: getStableAccessToken, draft_add,
// getDraft, freepublish_submit / get / batchget, addMaterial, uploadImage, the global errcodes).

import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, test } from 'node:test';
import { isRetryable, MemoryTokenStore, PlatformError, type TokenStore } from '../adapter';
import {
  publishStatusError,
  WECHAT_DRAFT_LIMITS,
  WechatClient,
  type WechatArticle,
  type WechatClientOptions,
} from './client';
import { msUntilShanghaiMidnight } from './errors';
import { parseJsonKeepingLongIntegers } from './http';

const APP_ID = 'wx0123456789abcdef';
const SECRET = 'S3cr3t-AppSecret-Never-Leak-9f8e7d';
const TOKEN_1 = 'TOKEN-ONE-81_abcdefghijklmnop';
const TOKEN_2 = 'TOKEN-TWO-82_qrstuvwxyz012345';

interface Seen {
  method: string;
  path: string;
  query: URLSearchParams;
  contentType: string;
  raw: Buffer;
  json?: Record<string, unknown>;
}

type Reply =
  | { status?: number; body: string | object; delayMs?: number; headers?: Record<string, string> }
  | { hang: true }
  | { destroy: true };
type Responder = Reply | Reply[] | ((req: Seen) => Reply);

class FakeWechat {
  readonly seen: Seen[] = [];
  private routes = new Map<string, { responder: Responder; calls: number }>();
  private server!: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  reset(): void {
    this.seen.length = 0;
    this.routes.clear();
    this.on('/cgi-bin/stable_token', { body: { access_token: TOKEN_1, expires_in: 7200 } });
  }

  on(path: string, responder: Responder): void {
    this.routes.set(path, { responder, calls: 0 });
  }

  requests(path: string): Seen[] {
    return this.seen.filter((s) => s.path === path);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://x');
    const raw = Buffer.concat(chunks);
    const contentType = req.headers['content-type'] ?? '';
    const seen: Seen = { method: req.method ?? '', path: url.pathname, query: url.searchParams, contentType, raw };
    if (contentType.startsWith('application/json')) seen.json = JSON.parse(raw.toString('utf8'));
    this.seen.push(seen);

    const route = this.routes.get(url.pathname);
    if (!route) {
      res.writeHead(404).end('no route');
      return;
    }
    const r = route.responder;
    const reply = typeof r === 'function' ? r(seen) : Array.isArray(r) ? r[Math.min(route.calls, r.length - 1)] : r;
    route.calls++;
    if ('hang' in reply) return;
    if ('destroy' in reply) {
      req.socket.destroy();
      return;
    }
    if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
    const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    res.writeHead(reply.status ?? 200, { 'content-type': 'application/json; charset=utf-8', ...reply.headers });
    res.end(text);
  }
}

const wx = new FakeWechat();
before(() => wx.start());
after(() => wx.stop());
beforeEach(() => wx.reset());

function makeClient(over: Partial<WechatClientOptions> = {}): WechatClient {
  return new WechatClient({
    baseUrl: wx.url,
    appId: APP_ID,
    appSecret: SECRET,
    tokenStore: new MemoryTokenStore(),
    timeoutMs: 2_000,
    ...over,
  });
}

async function rejectsWith(promise: Promise<unknown>, kind: PlatformError['kind']): Promise<PlatformError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof PlatformError, `expected PlatformError, got ${String(err)}`);
    assert.equal(err.kind, kind, err.message);
    assertNoSecrets(err);
    return err;
  }
  assert.fail(`expected a PlatformError of kind ${kind}`);
}

function assertNoSecrets(err: PlatformError): void {
  const texts = [err.message, err.platformMessage, String(err.stack), JSON.stringify(err), String(err)];
  for (const text of texts) {
    for (const secret of [SECRET, TOKEN_1, TOKEN_2]) {
      assert.ok(!text.includes(secret), `error text leaks a secret: ${text}`);
    }
  }
}

const article: WechatArticle = {
  title: '春季新品发布',
  author: '媒运编辑部',
  digest: '三款新品一次看全',
  content: '<p>正文 <img src="http://mmbiz.qpic.cn/mmbiz_png/x/0"></p>',
  contentSourceUrl: 'https://example.com/spring',
  thumbMediaId: 'THUMB_MEDIA_ID',
  needOpenComment: true,
  onlyFansCanComment: false,
};

describe('stable access token', () => {
  test('POST /cgi-bin/stable_token with the documented body, cached under wechat:<appId>', async () => {
    const store = new MemoryTokenStore();
    const client = makeClient({ tokenStore: store });
    const before = Date.now();
    assert.equal(await client.getToken(), TOKEN_1);
    assert.equal(await client.getToken(), TOKEN_1);

    const calls = wx.requests('/cgi-bin/stable_token');
    assert.equal(calls.length, 1);
    assert.equal(calls[0].method, 'POST');
    assert.equal(calls[0].query.toString(), '');
    assert.deepEqual(calls[0].json, {
      grant_type: 'client_credential',
      appid: APP_ID,
      secret: SECRET,
      force_refresh: false,
    });
    const stored = await store.get(`wechat:${APP_ID}`);
    assert.equal(stored?.token, TOKEN_1);
    const ttl = (stored?.expiresAt.getTime() ?? 0) - before;
    assert.ok(ttl > 7_190_000 && ttl <= 7_200_000 + 1_000, `ttl ${ttl}`);
  });

  test('a cached token within 5 minutes of expiry is fetched again', async () => {
    const store = new MemoryTokenStore();
    await store.set(`wechat:${APP_ID}`, 'OLD-TOKEN', new Date(Date.now() + 4 * 60_000));
    assert.equal(await makeClient({ tokenStore: store }).getToken(), TOKEN_1);
    assert.equal(wx.requests('/cgi-bin/stable_token').length, 1);

    await store.set(`wechat:${APP_ID}`, 'STILL-GOOD', new Date(Date.now() + 6 * 60_000));
    assert.equal(await makeClient({ tokenStore: store }).getToken(), 'STILL-GOOD');
    assert.equal(wx.requests('/cgi-bin/stable_token').length, 1);
  });

  test('concurrent getToken calls share one request', async () => {
    wx.on('/cgi-bin/stable_token', { body: { access_token: TOKEN_1, expires_in: 7200 }, delayMs: 50 });
    const store = new MemoryTokenStore();
    const a = makeClient({ tokenStore: store });
    const b = makeClient({ tokenStore: store });
    const tokens = await Promise.all([a.getToken(), a.getToken(), a.getToken(), b.getToken(), b.getToken()]);
    assert.deepEqual(tokens, [TOKEN_1, TOKEN_1, TOKEN_1, TOKEN_1, TOKEN_1]);
    assert.equal(wx.requests('/cgi-bin/stable_token').length, 1);
  });

  test('force sends force_refresh=true; testConnection returns the expiry', async () => {
    const client = makeClient();
    await client.getToken({ force: true });
    assert.equal(wx.requests('/cgi-bin/stable_token')[0].json?.force_refresh, true);
    const result = await client.testConnection();
    assert.equal(result.ok, true);
    assert.ok(result.expiresAt.getTime() > Date.now() + 7_000_000);
    assert.equal(wx.requests('/cgi-bin/stable_token')[1].json?.force_refresh, false);
  });

  test('a wrong secret is an auth error that does not leak the secret, even if echoed', async () => {
    wx.on('/cgi-bin/stable_token', { body: { errcode: 40125, errmsg: `invalid appsecret ${SECRET} rid: 6650-1` } });
    const err = await rejectsWith(makeClient().testConnection(), 'auth');
    assert.equal(err.code, 40125);
    assert.match(err.platformMessage, /invalid appsecret \*\*\* rid/);
    wx.on('/cgi-bin/stable_token', { body: { errcode: 40164, errmsg: 'invalid ip 1.2.3.4, not in whitelist' } });
    await rejectsWith(makeClient().getToken(), 'permission');
  });
});

describe('drafts', () => {
  test('addDraft posts the documented snake_case article fields', async () => {
    wx.on('/cgi-bin/draft/add', { body: { media_id: 'MEDIA_ID' } });
    const result = await makeClient().addDraft([article, { title: '第二篇', content: '<p>二</p>', thumbMediaId: 'T2' }]);
    assert.deepEqual(result, { mediaId: 'MEDIA_ID' });
    const [call] = wx.requests('/cgi-bin/draft/add');
    assert.equal(call.method, 'POST');
    assert.equal(call.query.get('access_token'), TOKEN_1);
    assert.match(call.contentType, /^application\/json/);
    assert.deepEqual(call.json, {
      articles: [
        {
          title: '春季新品发布',
          author: '媒运编辑部',
          digest: '三款新品一次看全',
          content: '<p>正文 <img src="http://mmbiz.qpic.cn/mmbiz_png/x/0"></p>',
          content_source_url: 'https://example.com/spring',
          thumb_media_id: 'THUMB_MEDIA_ID',
          need_open_comment: 1,
          only_fans_can_comment: 0,
        },
        { title: '第二篇', content: '<p>二</p>', thumb_media_id: 'T2' },
      ],
    });
  });

  test('limits are checked locally, naming field and limit, before any request', async () => {
    const client = makeClient();
    const cases: [Partial<WechatArticle>, RegExp][] = [
      [{ title: '题'.repeat(33) }, /articles\[0\]\.title: 33 characters, at most 32/],
      [{ author: 'a'.repeat(17) }, /articles\[0\]\.author: 17 characters, at most 16/],
      [{ digest: '摘'.repeat(129) }, /articles\[0\]\.digest: 129 characters, at most 128/],
      [{ content: '字'.repeat(20_000) }, /articles\[0\]\.content: 20000 characters, must be fewer than 20000/],
      [{ thumbMediaId: '' }, /articles\[0\]\.thumbMediaId: required/],
    ];
    for (const [patch, message] of cases) {
      const err = await rejectsWith(client.addDraft([{ ...article, ...patch }]), 'invalid');
      assert.match(err.message, message);
    }
    await rejectsWith(client.addDraft([]), 'invalid');
    // Exactly at the limits is fine (32 Chinese characters, emoji counted as one).
    wx.on('/cgi-bin/draft/add', { body: { media_id: 'MEDIA_ID' } });
    await client.addDraft([{ ...article, title: `${'题'.repeat(31)}🎉`, author: '作'.repeat(16), digest: 'd'.repeat(128) }]);
    assert.equal(wx.requests('/cgi-bin/draft/add').length, 1);
    assert.equal(wx.seen.filter((s) => s.path !== '/cgi-bin/stable_token' && s.path !== '/cgi-bin/draft/add').length, 0);
    assert.equal(WECHAT_DRAFT_LIMITS.titleMaxChars, 32);
  });

  test('getDraft and deleteDraft', async () => {
    wx.on('/cgi-bin/draft/get', {
      body: {
        news_item: [
          {
            title: 'TITLE',
            author: 'AUTHOR',
            digest: 'DIGEST',
            content: 'CONTENT',
            content_source_url: 'CONTENT_SOURCE_URL',
            thumb_media_id: 'THUMB_MEDIA_ID',
            show_cover_pic: 1,
            need_open_comment: 0,
            only_fans_can_comment: 0,
            url: 'URL',
          },
        ],
      },
    });
    wx.on('/cgi-bin/draft/delete', { body: { errcode: 0, errmsg: 'ok' } });
    const client = makeClient();
    const draft = await client.getDraft('MEDIA_ID');
    assert.deepEqual(draft.articles, [
      {
        title: 'TITLE',
        author: 'AUTHOR',
        digest: 'DIGEST',
        content: 'CONTENT',
        contentSourceUrl: 'CONTENT_SOURCE_URL',
        thumbMediaId: 'THUMB_MEDIA_ID',
        needOpenComment: false,
        onlyFansCanComment: false,
        url: 'URL',
      },
    ]);
    await client.deleteDraft('MEDIA_ID');
    assert.deepEqual(wx.requests('/cgi-bin/draft/get')[0].json, { media_id: 'MEDIA_ID' });
    assert.deepEqual(wx.requests('/cgi-bin/draft/delete')[0].json, { media_id: 'MEDIA_ID' });
    assert.equal(wx.requests('/cgi-bin/draft/delete')[0].query.get('access_token'), TOKEN_1);
  });
});

describe('uploads', () => {
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 1, 2, 255]);

  async function formOf(seen: Seen): Promise<FormData> {
    return new Response(new Uint8Array(seen.raw), { headers: { 'content-type': seen.contentType } }).formData();
  }

  test('uploadImage: add_material?type=image, multipart field "media"', async () => {
    wx.on('/cgi-bin/material/add_material', {
      body: { media_id: 'MEDIA_ID', url: 'http://mmbiz.qpic.cn/mmbiz_png/abc/0?wx_fmt=png' },
    });
    const result = await makeClient().uploadImage({ data: png, filename: 'cover.png', contentType: 'image/png' });
    assert.deepEqual(result, { mediaId: 'MEDIA_ID', url: 'http://mmbiz.qpic.cn/mmbiz_png/abc/0?wx_fmt=png' });
    const [call] = wx.requests('/cgi-bin/material/add_material');
    assert.equal(call.query.get('type'), 'image');
    assert.equal(call.query.get('access_token'), TOKEN_1);
    assert.match(call.contentType, /^multipart\/form-data; boundary=/);
    const form = await formOf(call);
    assert.deepEqual([...form.keys()], ['media']);
    const media = form.get('media') as File;
    assert.equal(media.name, 'cover.png');
    assert.equal(media.type, 'image/png');
    assert.deepEqual(Buffer.from(await media.arrayBuffer()), png);
  });

  test('uploadArticleImage: media/uploadimg, multipart field "media"', async () => {
    wx.on('/cgi-bin/media/uploadimg', { body: { url: 'http://mmbiz.qpic.cn/mmbiz_jpg/xyz/0' } });
    const result = await makeClient().uploadArticleImage({ data: png, filename: 'a.jpg', contentType: 'image/jpeg' });
    assert.deepEqual(result, { url: 'http://mmbiz.qpic.cn/mmbiz_jpg/xyz/0' });
    const [call] = wx.requests('/cgi-bin/media/uploadimg');
    assert.deepEqual([...call.query.keys()], ['access_token']);
    const media = (await formOf(call)).get('media') as File;
    assert.equal(media.name, 'a.jpg');
    assert.equal(media.type, 'image/jpeg');
  });
});

describe('publishing', () => {
  test('submitPublish posts media_id; 19-digit bare numbers come back as exact strings', async () => {
    wx.on('/cgi-bin/freepublish/submit', {
      body: '{"errcode":0,"errmsg":"ok","publish_id":2247503051123456789,"msg_data_id":9223372036854775807}',
    });
    const client = makeClient();
    assert.deepEqual(await client.submitPublish('MEDIA_ID'), {
      publishId: '2247503051123456789',
      msgDataId: '9223372036854775807',
    });
    const [call] = wx.requests('/cgi-bin/freepublish/submit');
    assert.deepEqual(call.json, { media_id: 'MEDIA_ID' });
    assert.equal(call.query.get('access_token'), TOKEN_1);

    wx.on('/cgi-bin/freepublish/submit', {
      body: '{"errcode":0,"errmsg":"ok","publish_id":"2247503051123456789","msg_data_id":"2247483848"}',
    });
    assert.deepEqual(await client.submitPublish('MEDIA_ID'), {
      publishId: '2247503051123456789',
      msgDataId: '2247483848',
    });
    wx.on('/cgi-bin/freepublish/submit', { body: '{"errcode":0,"errmsg":"ok","publish_id":2247503051,"msg_data_id":2247483848}' });
    assert.deepEqual(await client.submitPublish('MEDIA_ID'), { publishId: '2247503051', msgDataId: '2247483848' });
  });

  test('submitPublish accepts the live answer: a bare publish_id above 2^31 and no msg_data_id', async () => {
    // Captured from the live API (API-REFERENCE §0).
    wx.on('/cgi-bin/freepublish/submit', { body: '{"errcode":0,"errmsg":"ok","publish_id":2650177668}' });
    assert.deepEqual(await makeClient().submitPublish('MEDIA_ID'), { publishId: '2650177668', msgDataId: null });
    // Accepted without any id: only reconciliation can tell which job it was.
    wx.on('/cgi-bin/freepublish/submit', { body: '{"errcode":0,"errmsg":"ok"}' });
    await rejectsWith(makeClient().submitPublish('MEDIA_ID'), 'unknown_outcome');
  });

  test('listPublished reads update_time inside content (live) as well as beside it (doc)', async () => {
    wx.on('/cgi-bin/freepublish/batchget', {
      body: '{"total_count":1,"item_count":1,"item":[{"article_id":"A1","content":{"news_item":[{"title":"T","url":"U","content":"<p>x</p>","is_deleted":false}],"create_time":1692000000,"update_time":1692000100}}]}',
    });
    const live = await makeClient().listPublished(0, 20, false);
    assert.equal(live.items[0].updateTime, 1692000100);
    assert.equal(live.items[0].news[0].content, '<p>x</p>');
  });

  const statusExamples: [number, object, Partial<Record<string, unknown>>][] = [
    [
      0,
      {
        publish_id: '100000001',
        publish_status: 0,
        article_id: 'b5O2OUs25HBxRceL7hfReg-U9QGeq9zQjiDvyWP4Hq4',
        article_detail: {
          count: 2,
          item: [
            { idx: 2, article_url: 'https://mp.weixin.qq.com/s/second' },
            { idx: 1, article_url: 'https://mp.weixin.qq.com/s/first' },
          ],
        },
        fail_idx: [],
      },
      {
        status: 'published',
        articleId: 'b5O2OUs25HBxRceL7hfReg-U9QGeq9zQjiDvyWP4Hq4',
        articleUrls: ['https://mp.weixin.qq.com/s/first', 'https://mp.weixin.qq.com/s/second'],
        failIdx: [],
      },
    ],
    [1, { publish_id: '100000001', publish_status: 1, fail_idx: [] }, { status: 'publishing', failIdx: [] }],
    [2, { publish_id: '100000001', publish_status: 2, fail_idx: [1, 2] }, { status: 'failed', failIdx: [1, 2] }],
    [3, { publish_id: '100000001', publish_status: 3, fail_idx: [] }, { status: 'failed' }],
    [4, { publish_id: '100000001', publish_status: 4, fail_idx: [1] }, { status: 'failed', failIdx: [1] }],
    [5, { publish_id: '100000001', publish_status: 5, fail_idx: [] }, { status: 'failed' }],
    [6, { publish_id: '100000001', publish_status: 6, fail_idx: [] }, { status: 'failed' }],
  ];
  const reasons = [/发布成功.*published/, /发布中.*publishing/, /原创.*originality/, /失败.*failure/, /审核不通过.*review/, /删除.*deleted/, /封禁.*banned/];

  test('getPublishStatus maps every documented publish_status', async () => {
    const client = makeClient();
    for (const [code, body, expected] of statusExamples) {
      wx.on('/cgi-bin/freepublish/get', { body });
      const result = await client.getPublishStatus('100000001');
      assert.equal(result.code, code);
      assert.match(result.reason, reasons[code]);
      for (const [key, value] of Object.entries(expected)) {
        assert.deepEqual(result[key as keyof typeof result], value, `status ${code}: ${key}`);
      }
      if (code !== 0) assert.equal(result.articleId, undefined);
      const err = publishStatusError(result);
      if (code >= 2) assert.equal(err?.kind, 'rejected');
      else assert.equal(err, null);
    }
    for (const call of wx.requests('/cgi-bin/freepublish/get')) {
      assert.deepEqual(call.json, { publish_id: '100000001' });
      assert.equal(call.query.get('access_token'), TOKEN_1);
    }
    // publish_id is sent as the exact string, however long.
    await client.getPublishStatus('2247503051123456789');
    assert.deepEqual(wx.requests('/cgi-bin/freepublish/get').at(-1)?.json, { publish_id: '2247503051123456789' });
  });

  test('listPublished posts offset/count/no_content and maps the batchget example', async () => {
    wx.on('/cgi-bin/freepublish/batchget', {
      body:
        '{"total_count":1,"item_count":1,"item":[{"article_id":"ARTICLE_ID","content":{"news_item":[' +
        '{"title":"TITLE","author":"AUTHOR","digest":"DIGEST","content":"","content_source_url":"CONTENT_SOURCE_URL",' +
        '"thumb_media_id":"THUMB_MEDIA_ID","show_cover_pic":1,"need_open_comment":0,"only_fans_can_comment":0,' +
        '"url":"URL","is_deleted":false}]},"update_time":1692000000}]}',
    });
    const client = makeClient();
    assert.deepEqual(await client.listPublished(0, 20), {
      total: 1,
      items: [{ articleId: 'ARTICLE_ID', updateTime: 1692000000, news: [{ title: 'TITLE', url: 'URL', isDeleted: false }] }],
    });
    await client.listPublished(20, 5, false);
    const calls = wx.requests('/cgi-bin/freepublish/batchget');
    assert.deepEqual(calls[0].json, { offset: 0, count: 20, no_content: 1 });
    assert.deepEqual(calls[1].json, { offset: 20, count: 5, no_content: 0 });
    await rejectsWith(client.listPublished(0, 21), 'invalid');
    await rejectsWith(client.listPublished(-1, 5), 'invalid');
    assert.equal(wx.requests('/cgi-bin/freepublish/batchget').length, 2);
  });
});

describe('token errors', () => {
  test('40001: invalidate, fetch a new token, retry the call once', async () => {
    const store = new MemoryTokenStore();
    wx.on('/cgi-bin/stable_token', [
      { body: { access_token: TOKEN_1, expires_in: 7200 } },
      { body: { access_token: TOKEN_2, expires_in: 7200 } },
    ]);
    wx.on('/cgi-bin/draft/add', (req) =>
      req.query.get('access_token') === TOKEN_1
        ? { body: { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest rid: 1' } }
        : { body: { media_id: 'MEDIA_ID' } },
    );
    assert.deepEqual(await makeClient({ tokenStore: store }).addDraft([article]), { mediaId: 'MEDIA_ID' });
    assert.deepEqual(
      wx.seen.map((s) => `${s.path} ${s.query.get('access_token') ?? ''} ${s.json?.force_refresh ?? ''}`.trim()),
      [
        '/cgi-bin/stable_token  false',
        `/cgi-bin/draft/add ${TOKEN_1}`,
        '/cgi-bin/stable_token  false',
        `/cgi-bin/draft/add ${TOKEN_2}`,
      ],
    );
    assert.equal((await store.get(`wechat:${APP_ID}`))?.token, TOKEN_2);
  });

  test('42001 where normal mode returns the same token: force_refresh=true, then retry', async () => {
    wx.on('/cgi-bin/stable_token', (req) => ({
      body: { access_token: req.json?.force_refresh ? TOKEN_2 : TOKEN_1, expires_in: 7200 },
    }));
    wx.on('/cgi-bin/freepublish/get', (req) =>
      req.query.get('access_token') === TOKEN_1
        ? { body: { errcode: 42001, errmsg: 'access_token expired rid: 2' } }
        : { body: { publish_id: '100000001', publish_status: 1, fail_idx: [] } },
    );
    const result = await makeClient().getPublishStatus('100000001');
    assert.equal(result.status, 'publishing');
    assert.deepEqual(
      wx.requests('/cgi-bin/stable_token').map((s) => s.json?.force_refresh),
      [false, false, true],
    );
  });

  test('a second token error is an auth error, with no loop', async () => {
    wx.on('/cgi-bin/stable_token', [
      { body: { access_token: TOKEN_1, expires_in: 7200 } },
      { body: { access_token: TOKEN_2, expires_in: 7200 } },
    ]);
    wx.on('/cgi-bin/freepublish/submit', { body: { errcode: 40001, errmsg: `invalid credential ${TOKEN_2}` } });
    const err = await rejectsWith(makeClient().submitPublish('MEDIA_ID'), 'auth');
    assert.equal(err.code, 40001);
    assert.equal(wx.requests('/cgi-bin/freepublish/submit').length, 2);
    assert.equal(wx.requests('/cgi-bin/stable_token').length, 2);
  });
});

describe('error mapping', () => {
  const errorBodies: [object, PlatformError['kind'], number | string][] = [
    [{ errcode: 45009, errmsg: 'reach max api daily quota limit' }, 'rate_limited', 45009],
    [{ errcode: 45011, errmsg: 'api minute-quota reach limit, must slower, retry next minute' }, 'rate_limited', 45011],
    [{ errcode: -1, errmsg: 'system error' }, 'rate_limited', -1],
    [{ errcode: 40007, errmsg: 'invalid media_id' }, 'invalid', 40007],
    [{ errcode: 48001, errmsg: 'api unauthorized' }, 'permission', 48001],
    [{ errcode: 48004, errmsg: 'api forbidden for irregularities' }, 'permission', 48004],
    [{ errcode: 40164, errmsg: 'invalid ip 10.0.0.1, not in whitelist' }, 'permission', 40164],
  ];

  test('errcodes map to kinds, with retry hints for quotas', async () => {
    const client = makeClient();
    for (const [body, kind, code] of errorBodies) {
      wx.on('/cgi-bin/freepublish/submit', { body });
      const err = await rejectsWith(client.submitPublish('MEDIA_ID'), kind);
      assert.equal(err.code, code);
      assert.equal(err.platformMessage, (body as { errmsg: string }).errmsg);
      assert.equal(isRetryable(err), kind === 'rate_limited');
      if (code === 45009) {
        assert.ok(err.retryAfterMs !== undefined && err.retryAfterMs > 0 && err.retryAfterMs <= 86_400_000);
      }
      // "retry next minute": the wait ends just after the next whole minute, not after a few seconds.
      if (code === 45011) {
        assert.ok(err.retryAfterMs !== undefined && err.retryAfterMs >= 1_000 && err.retryAfterMs <= 61_000, String(err.retryAfterMs));
        const landsAt = Date.now() + err.retryAfterMs;
        assert.ok(landsAt % 60_000 <= 2_000, `lands ${landsAt % 60_000} ms into a minute`);
      }
      if (code === -1) assert.equal(err.retryAfterMs, 1_000);
    }
  });

  test('the daily quota resets at midnight Asia/Shanghai', () => {
    assert.equal(msUntilShanghaiMidnight(Date.UTC(2025, 0, 1, 15, 59, 0)), 60_000); // 23:59 in Shanghai
    assert.equal(msUntilShanghaiMidnight(Date.UTC(2025, 0, 1, 16, 0, 0)), 86_400_000); // 00:00 in Shanghai
  });

  test('HTTP status: 5xx is rate_limited on reads, unknown_outcome on submit; 4xx is invalid', async () => {
    const client = makeClient();
    wx.on('/cgi-bin/freepublish/get', { status: 502, body: 'Bad Gateway', headers: { 'retry-after': '3' } });
    const err = await rejectsWith(client.getPublishStatus('1'), 'rate_limited');
    assert.equal(err.code, 502);
    assert.equal(err.retryAfterMs, 3_000);
    wx.on('/cgi-bin/freepublish/get', { status: 400, body: 'Bad Request' });
    await rejectsWith(client.getPublishStatus('1'), 'invalid');
    wx.on('/cgi-bin/freepublish/submit', { status: 504, body: 'Gateway Timeout' });
    await rejectsWith(client.submitPublish('MEDIA_ID'), 'unknown_outcome');
  });

  test('timeouts and dropped connections: unknown_outcome on submit (sent once), transient on reads', async () => {
    const client = makeClient({ timeoutMs: 150 });
    await client.getToken();
    wx.on('/cgi-bin/freepublish/submit', { hang: true });
    const err = await rejectsWith(client.submitPublish('MEDIA_ID'), 'unknown_outcome');
    assert.match(err.message, /reconcile/);
    assert.equal(wx.requests('/cgi-bin/freepublish/submit').length, 1);

    wx.on('/cgi-bin/freepublish/get', { hang: true });
    await rejectsWith(client.getPublishStatus('100000001'), 'transient');
    wx.on('/cgi-bin/draft/add', { hang: true });
    await rejectsWith(client.addDraft([article]), 'transient');

    wx.on('/cgi-bin/freepublish/submit', { destroy: true });
    await rejectsWith(client.submitPublish('MEDIA_ID'), 'unknown_outcome');
    wx.on('/cgi-bin/freepublish/batchget', { destroy: true });
    await rejectsWith(client.listPublished(0, 10), 'transient');
    wx.on('/cgi-bin/material/add_material', { destroy: true });
    await rejectsWith(client.uploadImage({ data: Buffer.from('x'), filename: 'a.png', contentType: 'image/png' }), 'transient');
  });

  test('a refused connection never sent the submit: transient', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const store: TokenStore = new MemoryTokenStore();
    await store.set(`wechat:${APP_ID}`, TOKEN_1, new Date(Date.now() + 3_600_000));
    const client = makeClient({ baseUrl: `http://127.0.0.1:${port}/`, tokenStore: store });
    const err = await rejectsWith(client.submitPublish('MEDIA_ID'), 'transient');
    assert.equal(err.code, 'ECONNREFUSED');
  });

  test('a non-JSON 200 body: transient on reads, unknown_outcome on submit', async () => {
    const client = makeClient();
    wx.on('/cgi-bin/draft/get', { body: '<html>proxy error</html>' });
    await rejectsWith(client.getDraft('MEDIA_ID'), 'transient');
    wx.on('/cgi-bin/freepublish/submit', { body: '{"errcode":0,"errmsg":"ok","publish_' });
    await rejectsWith(client.submitPublish('MEDIA_ID'), 'unknown_outcome');
  });

  test('tokens echoed in error text are scrubbed', async () => {
    wx.on('/cgi-bin/draft/delete', {
      body: { errcode: 40007, errmsg: `invalid media_id, url /cgi-bin/draft/delete?access_token=${TOKEN_1}&x=1` },
    });
    const err = await rejectsWith(makeClient().deleteDraft('X'), 'invalid');
    assert.match(err.platformMessage, /access_token=\*\*\*&x=1/);
  });
});

describe('shared helpers', () => {
  test('long integers are kept exact, digits inside strings untouched', () => {
    assert.deepEqual(
      parseJsonKeepingLongIntegers('{"a":12345678901234567890,"b":"x\\"12345678901234567890","c":-9007199254740993,"d":1.5e3,"e":42}'),
      { a: '12345678901234567890', b: 'x"12345678901234567890', c: '-9007199254740993', d: 1500, e: 42 },
    );
  });

  test('MemoryTokenStore.invalidate only drops the token it was given', async () => {
    const store = new MemoryTokenStore();
    await store.set('k', 'new', new Date(Date.now() + 60_000));
    await store.invalidate('k', 'old');
    assert.equal((await store.get('k'))?.token, 'new');
    await store.invalidate('k', 'new');
    assert.equal(await store.get('k'), null);
  });

  test('isRetryable', () => {
    const make = (kind: PlatformError['kind']) => new PlatformError({ kind, platform: 'x', message: kind });
    assert.equal(isRetryable(make('transient')), true);
    assert.equal(isRetryable(make('rate_limited')), true);
    assert.equal(isRetryable(make('unknown_outcome')), false);
    assert.equal(isRetryable(make('rejected')), false);
    assert.equal(isRetryable(new Error('x')), false);
  });
});
