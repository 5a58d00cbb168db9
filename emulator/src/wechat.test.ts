// WeChat OA emulator: tokens, material, drafts, protocol edges. Real HTTP, plain fetch.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Emu, type Json, RID_RE, emulator, jpeg, png } from './testkit';

describe('access_token', () => {
  let emu: Emu;
  before(async () => {
    emu = await emulator({ tokenTtlSeconds: 60, supersededGraceSeconds: 5 });
  });
  after(() => emu.close());

  test('issues a token with expires_in = TTL; errors carry errcode, errmsg and a rid', async () => {
    const { appid, secret } = await emu.app();
    const ok = await emu.wx('/cgi-bin/token', { query: { grant_type: 'client_credential', appid, secret } });
    assert.equal(typeof ok.access_token, 'string');
    assert.equal(ok.expires_in, 60);
    assert.equal(ok.errcode, undefined);

    const cases: [Record<string, string>, number, string][] = [
      [{ appid, secret }, 40002, 'invalid grant_type'],
      [{ grant_type: 'password', appid, secret }, 40002, 'invalid grant_type'],
      [{ grant_type: 'client_credential', secret }, 41002, 'appid missing'],
      [{ grant_type: 'client_credential', appid: 'wxnope', secret }, 40013, 'invalid appid'],
      [{ grant_type: 'client_credential', appid }, 41004, 'appsecret missing'],
      [{ grant_type: 'client_credential', appid, secret: 'wrong' }, 40125, 'invalid appsecret'],
    ];
    for (const [query, code, msg] of cases) {
      const r = await emu.wx('/cgi-bin/token', { query });
      assert.equal(r.errcode, code, JSON.stringify(query));
      assert.ok(r.errmsg.startsWith(msg), r.errmsg);
      assert.match(r.errmsg, RID_RE);
    }
    const res = await fetch(`${emu.url}/cgi-bin/token?grant_type=client_credential&appid=${appid}&secret=x`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/json; encoding=utf-8');
  });

  test('missing, garbage, malformed tokens: 41001, 40001, 40014', async () => {
    assert.equal((await emu.wx('/cgi-bin/draft/count')).errcode, 41001);
    const garbage = await emu.wx('/cgi-bin/draft/count', { token: '86_garbageTokenValue' });
    assert.equal(garbage.errcode, 40001);
    assert.match(garbage.errmsg, /^invalid credential, access_token is invalid or not latest/);
    assert.equal((await emu.wx('/cgi-bin/draft/count', { token: 'bad token!' })).errcode, 40014);
  });

  test('a new /token supersedes the old one, which works for the grace period, then 40001', async () => {
    const { appid, secret } = await emu.app();
    const t1 = await emu.token(appid, secret);
    const t2 = await emu.token(appid, secret);
    assert.notEqual(t1, t2);
    assert.deepEqual(await emu.wx('/cgi-bin/draft/count', { token: t1 }), { total_count: 0 });
    await emu.advance(5_100);
    assert.equal((await emu.wx('/cgi-bin/draft/count', { token: t1 })).errcode, 40001);
    assert.deepEqual(await emu.wx('/cgi-bin/draft/count', { token: t2 }), { total_count: 0 });
    await emu.advance(55_000);
    const expired = await emu.wx('/cgi-bin/draft/count', { token: t2 });
    assert.equal(expired.errcode, 42001);
    assert.ok(expired.errmsg.startsWith('access_token expired'));
  });

  test('a short real TTL expires on the wall clock (42001)', async () => {
    const short = await emulator({ tokenTtlSeconds: 0.3 });
    try {
      const { appid, secret } = await short.app();
      const t = await short.token(appid, secret);
      assert.deepEqual(await short.wx('/cgi-bin/draft/count', { token: t }), { total_count: 0 });
      await new Promise((r) => setTimeout(r, 350));
      assert.equal((await short.wx('/cgi-bin/draft/count', { token: t })).errcode, 42001);
    } finally {
      await short.close();
    }
  });
});

describe('stable_token', () => {
  let emu: Emu;
  before(async () => {
    emu = await emulator();
  });
  after(() => emu.close());
  const stable = (appid: string, secret: string, force_refresh?: boolean) =>
    emu.wx('/cgi-bin/stable_token', {
      body: { grant_type: 'client_credential', appid, secret, force_refresh },
    });

  test('normal mode returns the same token, with the remaining lifetime, until 5 min before expiry', async () => {
    const { appid, secret } = await emu.app();
    const a = await stable(appid, secret);
    assert.equal(a.expires_in, 7200);
    await emu.advance(100_000);
    const b = await stable(appid, secret);
    assert.equal(b.access_token, a.access_token);
    assert.equal(b.expires_in, 7100);
    await emu.advance((7200 - 100 - 299) * 1000);
    const c = await stable(appid, secret);
    assert.notEqual(c.access_token, a.access_token);
    assert.equal(c.expires_in, 7200);
    // The old one keeps working until its own expiry.
    assert.deepEqual(await emu.wx('/cgi-bin/draft/count', { token: a.access_token }), { total_count: 0 });
  });

  test('is isolated from /token: neither invalidates the other', async () => {
    const { appid, secret } = await emu.app();
    const st = (await stable(appid, secret)).access_token;
    const basic1 = await emu.token(appid, secret);
    await emu.token(appid, secret);
    await emu.advance(301_000);
    assert.deepEqual(await emu.wx('/cgi-bin/draft/count', { token: st }), { total_count: 0 });
    assert.equal((await emu.wx('/cgi-bin/draft/count', { token: basic1 })).errcode, 40001);
    assert.equal((await stable(appid, secret)).access_token, st);
  });

  test('force_refresh revokes at once; within 30 s it does not refresh; 20 a day, then 45009', async () => {
    const { appid, secret } = await emu.app();
    await emu.startOfBeijingDay();
    const first = (await stable(appid, secret)).access_token;
    const forced = (await stable(appid, secret, true)).access_token;
    assert.notEqual(forced, first);
    assert.equal((await emu.wx('/cgi-bin/draft/count', { token: first })).errcode, 40001);
    assert.equal((await stable(appid, secret, true)).access_token, forced, 'no refresh within 30 s');
    for (let i = 2; i <= 20; i++) {
      await emu.advance(30_000);
      assert.equal(typeof (await stable(appid, secret, true)).access_token, 'string');
    }
    await emu.advance(30_000);
    const over = await stable(appid, secret, true);
    assert.equal(over.errcode, 45009);
    assert.ok(over.errmsg.startsWith('reach max api daily quota limit'));
    // Normal mode is unaffected.
    assert.equal(typeof (await stable(appid, secret)).access_token, 'string');
  });

  test('is POST-only JSON: GET → 43002, bad JSON → 47001, empty → 44002, bad secret → 40125', async () => {
    const { appid } = await emu.app();
    assert.equal((await emu.wx('/cgi-bin/stable_token')).errcode, 43002);
    assert.equal((await emu.wx('/cgi-bin/stable_token', { body: '{"grant_type":' })).errcode, 47001);
    assert.equal((await emu.wx('/cgi-bin/stable_token', { body: '', method: 'POST' })).errcode, 44002);
    const bad = await stable(appid, 'nope');
    assert.equal(bad.errcode, 40125);
  });
});

describe('material', () => {
  let emu: Emu;
  let token: string;
  before(async () => {
    emu = await emulator();
    const { appid, secret } = await emu.app();
    token = await emu.token(appid, secret);
  });
  after(() => emu.close());

  test('image: media_id and url; 10 MB limit (40009); formats (40005)', async () => {
    const ok = await emu.upload(token, 'image', { name: 'a.png', data: png(2048) });
    assert.equal(typeof ok.media_id, 'string');
    assert.match(ok.url, /^http:\/\/mmbiz\.qpic\.cn\//);
    const gif = await emu.upload(token, 'image', { name: 'a.gif', data: Buffer.from('GIF89a....') });
    assert.equal(typeof gif.media_id, 'string');
    const noExt = await emu.upload(token, 'image', { name: 'blob', data: jpeg(100) });
    assert.equal(typeof noExt.media_id, 'string', 'format sniffed from magic bytes');
    const big = await emu.upload(token, 'image', { name: 'a.jpg', data: jpeg(10 * 1024 * 1024 + 1) });
    assert.equal(big.errcode, 40009);
    assert.equal((await emu.upload(token, 'image', { name: 'a.webp', data: jpeg(10) })).errcode, 40005);
  });

  test('thumb: 64 KB JPG only (40006 "invalid meida size", 40005)', async () => {
    const ok = await emu.upload(token, 'thumb', { name: 't.jpg', data: jpeg(64 * 1024) });
    assert.equal(typeof ok.media_id, 'string');
    assert.equal(ok.url, undefined);
    const big = await emu.upload(token, 'thumb', { name: 't.jpg', data: jpeg(64 * 1024 + 1) });
    assert.equal(big.errcode, 40006);
    assert.ok(big.errmsg.startsWith('invalid meida size'));
    assert.equal((await emu.upload(token, 'thumb', { name: 't.png', data: png(100) })).errcode, 40005);
  });

  test('type and media checks: 40004, 41005, 44001; video needs description', async () => {
    assert.equal((await emu.upload(token, '', { name: 'a.jpg', data: jpeg(10) })).errcode, 40004);
    assert.equal((await emu.upload(token, 'picture', { name: 'a.jpg', data: jpeg(10) })).errcode, 40004);
    assert.equal((await emu.upload(token, 'image', undefined)).errcode, 41005);
    assert.equal((await emu.upload(token, 'image', { name: 'a.jpg', data: Buffer.alloc(0) })).errcode, 44001);
    const mp4 = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypmp42'), Buffer.alloc(100)]);
    assert.equal((await emu.upload(token, 'video', { name: 'v.mp4', data: mp4 })).errcode, 40035);
    const v = await emu.upload(token, 'video', { name: 'v.mp4', data: mp4 }, {
      description: JSON.stringify({ title: 'clip', introduction: 'intro' }),
    });
    assert.equal(typeof v.media_id, 'string');
    assert.equal(v.url, undefined);
    const voice = await emu.upload(token, 'voice', { name: 'v.mp3', data: Buffer.from('ID3....') });
    assert.equal(typeof voice.media_id, 'string');
  });

  test('media/uploadimg: jpg/png under 1 MB → url', async () => {
    const up = (name: string, data: Buffer) => emu.upload(token, '', { name, data }, {}, '/cgi-bin/media/uploadimg');
    const ok = await up('x.png', png(500));
    assert.match(ok.url, /^http:\/\/mmbiz\.qpic\.cn\//);
    assert.equal(ok.media_id, undefined);
    assert.equal((await up('x.gif', Buffer.from('GIF89a'))).errcode, 40005);
    assert.equal((await up('x.jpg', jpeg(1024 * 1024))).errcode, 40009);
  });
});

describe('draft box', () => {
  let emu: Emu;
  let token: string;
  let thumb: string;
  before(async () => {
    emu = await emulator();
    const { appid, secret } = await emu.app();
    token = await emu.token(appid, secret);
    thumb = await emu.thumb(token);
  });
  after(() => emu.close());
  const add = (article: Record<string, unknown>, extra: Record<string, unknown>[] = []) =>
    emu.wx('/cgi-bin/draft/add', {
      token,
      body: { articles: [{ title: 'T', content: '<p>c</p>', thumb_media_id: thumb, ...article }, ...extra] },
    });

  test('field limits answer the documented errcodes', async () => {
    const zh = (n: number) => '标'.repeat(n);
    assert.equal(typeof (await add({ title: zh(32) })).media_id, 'string');
    const t = await add({ title: zh(33) });
    assert.equal(t.errcode, 45003);
    assert.ok(t.errmsg.startsWith('title size out of limit'));
    assert.equal((await add({ author: 'a'.repeat(16) })).errcode, undefined);
    assert.equal((await add({ author: 'a'.repeat(17) })).errcode, 45110);
    assert.equal((await add({ digest: 'd'.repeat(128) })).errcode, undefined);
    assert.equal((await add({ digest: 'd'.repeat(129) })).errcode, 45004);
    assert.equal((await add({ content: 'x'.repeat(19_999) })).errcode, undefined);
    assert.equal((await add({ content: 'x'.repeat(20_000) })).errcode, 45002);
    assert.equal((await add({ thumb_media_id: undefined })).errcode, 40007);
    assert.equal((await add({ thumb_media_id: 'not-a-material' })).errcode, 40007);
    assert.equal((await add({ title: '' })).errcode, 44003);
    assert.equal((await emu.wx('/cgi-bin/draft/add', { token, body: {} })).errcode, 44003);
    const nine = Array.from({ length: 8 }, () => ({ title: 'more', content: 'c', thumb_media_id: thumb }));
    assert.equal((await add({}, nine)).errcode, 45008);
    assert.equal((await emu.wx('/cgi-bin/draft/add', { token, body: '{"articles": [' })).errcode, 47001);
  });

  test("a cover must be this account's permanent image or thumb", async () => {
    const other = await emu.app();
    const otherToken = await emu.token(other.appid, other.secret);
    const foreign = await emu.thumb(otherToken);
    assert.equal((await add({ thumb_media_id: foreign })).errcode, 40007);
    const img = await emu.upload(token, 'image', { name: 'c.jpg', data: jpeg(100) });
    assert.equal(typeof (await add({ thumb_media_id: img.media_id })).media_id, 'string');
  });

  test('content: JS and outside images stripped; default digest is the first 54 characters', async () => {
    const ok = await emu.upload(token, '', { name: 'i.png', data: png(100) }, {}, '/cgi-bin/media/uploadimg');
    const content = `<p onclick="steal()">${'字'.repeat(60)}</p><script>alert(1)</script><img src="https://evil.example/x.png"><img src="${ok.url}">`;
    const { media_id } = await add({ content });
    const got = await emu.wx('/cgi-bin/draft/get', { token, body: { media_id } });
    const item = got.news_item[0];
    assert.doesNotMatch(item.content, /script|onclick|evil\.example/);
    assert.ok(item.content.includes(ok.url));
    assert.equal(item.digest, '字'.repeat(54));
    assert.equal(item.thumb_media_id, thumb);
    assert.match(item.url, /^http:\/\/mp\.weixin\.qq\.com\/s\?__biz=/);
  });

  test('get, update, batchget, count and delete', async () => {
    const fresh = await emulator();
    try {
      const { appid, secret } = await fresh.app();
      const tk = await fresh.token(appid, secret);
      const a = await fresh.draft(tk, { title: 'first' });
      await fresh.advance(1000);
      const b = await fresh.draft(tk, { title: 'second' });
      assert.deepEqual(await fresh.wx('/cgi-bin/draft/count', { token: tk }), { total_count: 2 });
      const page = await fresh.wx('/cgi-bin/draft/batchget', { token: tk, body: { offset: 0, count: 20, no_content: 1 } });
      assert.equal(page.total_count, 2);
      assert.equal(page.item_count, 2);
      assert.deepEqual(page.item.map((i: Json) => i.media_id), [b, a], 'newest first');
      assert.equal(page.item[0].content.news_item[0].content, undefined);
      assert.equal((await fresh.wx('/cgi-bin/draft/batchget', { token: tk, body: { offset: 0, count: 21 } })).errcode, 40035);

      const thumbB = await fresh.thumb(tk);
      const upd = (body: Record<string, unknown>) => fresh.wx('/cgi-bin/draft/update', { token: tk, body });
      const article = { title: 'renamed', content: 'new', thumb_media_id: thumbB };
      assert.deepEqual(await upd({ media_id: a, index: 0, articles: article }), { errcode: 0, errmsg: 'ok' });
      assert.equal((await upd({ media_id: a, index: 0, articles: [article] })).errcode, 47001);
      assert.equal((await upd({ media_id: a, index: 1, articles: article })).errcode, 40060);
      assert.equal((await upd({ media_id: 'nope', index: 0, articles: article })).errcode, 40007);
      const got = await fresh.wx('/cgi-bin/draft/get', { token: tk, body: { media_id: a } });
      assert.equal(got.news_item[0].title, 'renamed');

      assert.deepEqual(await fresh.wx('/cgi-bin/draft/delete', { token: tk, body: { media_id: a } }), { errcode: 0, errmsg: 'ok' });
      assert.equal((await fresh.wx('/cgi-bin/draft/get', { token: tk, body: { media_id: a } })).errcode, 40007);
      assert.deepEqual(await fresh.wx('/cgi-bin/draft/count', { token: tk }), { total_count: 1 });
    } finally {
      await fresh.close();
    }
  });
});

describe('protocol edges and the control API', () => {
  let emu: Emu;
  before(async () => {
    emu = await emulator();
  });
  after(() => emu.close());

  test('unknown path → 40066 invalid url (HTTP 200); POST-only path by GET → 43002', async () => {
    const r = await emu.wx('/cgi-bin/no/such/api');
    assert.equal(r.errcode, 40066);
    assert.match(r.errmsg, /^invalid url rid: /);
    const { appid, secret } = await emu.app();
    const token = await emu.token(appid, secret);
    assert.equal((await emu.wx('/cgi-bin/draft/add', { token })).errcode, 43002);
  });

  test('ipWhitelist: calls from other IPs get 40164, on /token and on APIs', async () => {
    const { appid, secret } = await emu.app({ ipWhitelist: ['10.1.2.3'] });
    const r = await emu.wx('/cgi-bin/token', { query: { grant_type: 'client_credential', appid, secret } });
    assert.equal(r.errcode, 40164);
    assert.match(r.errmsg, /^invalid ip 127\.0\.0\.1 ipv6 ::ffff:127\.0\.0\.1, not in whitelist rid: /);
    const open = await emu.app({ ipWhitelist: ['127.0.0.1'] });
    const token = await emu.token(open.appid, open.secret);
    // Tighten the whitelist afterwards: the token still works, the IP does not.
    await emu.ctl('POST', '/__control/wechat/apps', {
      appid: open.appid, secret: open.secret, type: 'service', entity: 'company', verified: true, ipWhitelist: ['10.9.9.9'],
    });
    assert.equal((await emu.wx('/cgi-bin/draft/count', { token })).errcode, 40164);
  });

  test('control API rejects bad input with 400 and a message', async () => {
    const bad = await emu.ctl('POST', '/__control/wechat/apps', { appid: 'x', secret: 's', type: 'blog', entity: 'company', verified: true });
    assert.equal(bad.status, 400);
    assert.match(bad.json.error, /type must be one of/);
    assert.equal((await emu.ctl('POST', '/__control/wechat/apps', '{oops')).status, 400);
    assert.equal((await emu.ctl('POST', '/__control/wechat/faults', { path: '*', mode: 'explode' })).status, 400);
    assert.equal((await emu.ctl('POST', '/__control/wechat/faults', { path: '*', mode: 'errcode' })).status, 400);
    assert.equal((await emu.ctl('POST', '/__control/wechat/publish-outcome', { status: 1 })).status, 400);
    assert.equal((await emu.ctl('POST', '/__control/wechat/quota', { appid: 'a', path: '/x', dailyLimit: -1 })).status, 400);
    assert.equal((await emu.ctl('GET', '/__control/nothing')).status, 404);
  });

  test('apps registration is idempotent by appid; reset clears everything', async () => {
    const { appid, secret } = await emu.app({ name: 'One' });
    await emu.app({ appid, secret, name: 'Renamed' });
    const list = (await emu.ctl('GET', '/__control/wechat/apps')).json as { appid: string; name: string }[];
    assert.equal(list.filter((a) => a.appid === appid).length, 1);
    assert.equal(list.find((a) => a.appid === appid)?.name, 'Renamed');
    const token = await emu.token(appid, secret);
    assert.deepEqual((await emu.ctl('POST', '/__control/reset')).json, { ok: true });
    assert.deepEqual((await emu.ctl('GET', '/__control/wechat/apps')).json, []);
    assert.equal((await emu.wx('/cgi-bin/draft/count', { token })).errcode, 40001);
  });

  test('instances share no state', async () => {
    const other = await emulator();
    try {
      const { appid, secret } = await emu.app();
      const r = await other.wx('/cgi-bin/token', { query: { grant_type: 'client_credential', appid, secret } });
      assert.equal(r.errcode, 40013);
    } finally {
      await other.close();
    }
  });

  test('calls are counted per app and path, with the last calls and their errcode', async () => {
    const { appid, secret } = await emu.app();
    const token = await emu.token(appid, secret);
    await emu.wx('/cgi-bin/draft/count', { token });
    await emu.wx('/cgi-bin/draft/get', { token, body: { media_id: 'x' } });
    const v = (await emu.ctl('GET', `/__control/wechat/calls?appid=${appid}`)).json;
    assert.deepEqual(v.counts, { '/cgi-bin/token': 1, '/cgi-bin/draft/count': 1, '/cgi-bin/draft/get': 1 });
    assert.equal(v.total, 3);
    assert.deepEqual(v.recent.map((c: Json) => c.errcode), [0, 0, 40007]);
    const one = (await emu.ctl('GET', `/__control/wechat/calls?appid=${appid}&path=/cgi-bin/draft/get`)).json;
    assert.deepEqual(one.counts, { '/cgi-bin/draft/get': 1 });
  });
});
