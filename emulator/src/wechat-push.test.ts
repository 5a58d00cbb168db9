// WeChat OA emulator: 服务器配置 (echostr handshake) and the PUBLISHJOBFINISH / MASSSENDJOBFINISH
// pushes in plain, compat and safe mode, with retries, drops and pushes switched off.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Receiver, decrypt, receiver, reply, sha1Sorted, silence, xmlField } from './pushkit';
import { type Emu, type Json, emulator } from './testkit';

const TOKEN = 'meiyunToken1';
const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';

async function account(emu: Emu, over: Json = {}) {
  const { appid, secret } = await emu.app({ followers: 1000, ...over });
  return { appid, secret, token: await emu.token(appid, secret) };
}

describe('server configuration', () => {
  let emu: Emu;
  let rx: Receiver;
  before(async () => {
    emu = await emulator({ pushTimeoutMs: 500 });
    rx = await receiver();
  });
  after(async () => {
    await emu.close();
    await rx.close();
  });

  test('saving GETs the URL with a valid signature and keeps the configuration when echostr comes back', async () => {
    const { appid } = await account(emu);
    const r = await emu.ctl('PUT', `/__control/wechat/apps/${appid}/server`, { url: rx.url, token: TOKEN, mode: 'plain' });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    const [get] = rx.got.slice(-1);
    assert.equal(get.method, 'GET');
    const q = get.query;
    assert.equal(q.get('signature'), sha1Sorted(TOKEN, q.get('timestamp') ?? '', q.get('nonce') ?? ''));
    assert.match(q.get('echostr') ?? '', /^\d+$/);
    assert.deepEqual(r.json, { ok: true, status: 200, body: q.get('echostr') });
    const stored = (await emu.ctl('GET', '/__control/wechat/apps')).json.find((a: Json) => a.appid === appid);
    assert.equal(stored?.server.url, rx.url);
    assert.deepEqual((await emu.ctl('DELETE', `/__control/wechat/apps/${appid}/server`)).json, { removed: true });
  });

  test('a wrong answer is refused and nothing is stored; bad settings are 400', async () => {
    const { appid } = await account(emu);
    rx.answers.push(reply('hello'));
    const r = await emu.ctl('PUT', `/__control/wechat/apps/${appid}/server`, { url: rx.url, token: TOKEN, mode: 'plain' });
    assert.equal(r.status, 400);
    assert.equal(r.json.ok, false);
    assert.equal(r.json.body, 'hello');
    assert.match(r.json.error, /instead of the echostr/);
    rx.answers.push(reply('', 500));
    assert.match((await emu.ctl('PUT', `/__control/wechat/apps/${appid}/server`, { url: rx.url, token: TOKEN, mode: 'plain' })).json.error, /HTTP 500/);
    const stored = (await emu.ctl('GET', '/__control/wechat/apps')).json.find((a: Json) => a.appid === appid);
    assert.equal(stored?.server, undefined);
    assert.ok(stored);
    const bad: [Json, RegExp][] = [
      [{ url: rx.url, token: 'ab', mode: 'plain' }, /token must be 3 to 32 letters or digits/],
      [{ url: rx.url, token: TOKEN, mode: 'safe' }, /needs an encodingAESKey/],
      [{ url: rx.url, token: TOKEN, mode: 'safe', encodingAESKey: 'short' }, /43 letters or digits/],
      [{ url: 'ftp://x', token: TOKEN, mode: 'plain' }, /url must be/],
    ];
    for (const [body, message] of bad) {
      const res = await emu.ctl('PUT', `/__control/wechat/apps/${appid}/server`, body);
      assert.equal(res.status, 400);
      assert.match(res.json.error, message);
    }
    assert.equal((await emu.ctl('PUT', '/__control/wechat/apps/wxnobody/server', { url: rx.url, token: TOKEN, mode: 'plain' })).status, 400);
  });
});

describe('event pushes', () => {
  let emu: Emu;
  let rx: Receiver;
  before(async () => {
    emu = await emulator({ publishDelayMs: 100, pushTimeoutMs: 300, pushRetryDelayMs: 10 });
    rx = await receiver();
  });
  after(async () => {
    await emu.close();
    await rx.close();
  });

  async function configured(mode: 'plain' | 'compat' | 'safe', over: Json = {}) {
    const a = await account(emu, over);
    const cfg = mode === 'plain' ? { url: rx.url, token: TOKEN, mode } : { url: rx.url, token: TOKEN, mode, encodingAESKey: AES_KEY };
    const r = await emu.ctl('PUT', `/__control/wechat/apps/${a.appid}/server`, cfg);
    assert.equal(r.status, 200, JSON.stringify(r.json));
    return a;
  }
  const pushesOf = async (appid: string) => (await emu.ctl('GET', `/__control/wechat/pushes?appid=${appid}`)).json as Json[];
  async function submitAndFinish(token: string, title = 'Launch') {
    const sub = await emu.wx('/cgi-bin/freepublish/submit', { token, body: { media_id: await emu.draft(token, { title }) } });
    await emu.advance(150);
    return sub;
  }

  test('PUBLISHJOBFINISH in plain mode: signed query, the doc example fields, delivered once', async () => {
    const { appid, token } = await configured('plain');
    const before = rx.got.length;
    const sub = await submitAndFinish(token);
    const post = (await rx.waitFor(before + 1))[before];
    assert.equal(post.method, 'POST');
    const q = post.query;
    assert.equal(q.get('signature'), sha1Sorted(TOKEN, q.get('timestamp') ?? '', q.get('nonce') ?? ''));
    assert.match(q.get('openid') ?? '', /^o[\w-]{27}$/);
    assert.equal(q.get('encrypt_type'), null);
    const status = await emu.wx('/cgi-bin/freepublish/get', { token, body: { publish_id: sub.publish_id } });
    assert.match(xmlField(post.body, 'ToUserName') ?? '', /^gh_/);
    assert.equal(xmlField(post.body, 'FromUserName'), q.get('openid'));
    assert.equal(xmlField(post.body, 'MsgType'), 'event');
    assert.equal(xmlField(post.body, 'Event'), 'PUBLISHJOBFINISH');
    assert.equal(xmlField(post.body, 'publish_id'), String(sub.publish_id));
    assert.equal(xmlField(post.body, 'publish_status'), '0');
    assert.equal(xmlField(post.body, 'article_id'), status.article_id);
    assert.equal(xmlField(post.body, 'count'), '1');
    assert.equal(xmlField(post.body, 'article_url'), status.article_detail.item[0].article_url);
    const [p] = await pushesOf(appid);
    assert.equal(p.event, 'PUBLISHJOBFINISH');
    assert.equal(p.ref, String(sub.publish_id));
    assert.equal(p.state, 'delivered');
    assert.equal(p.attempts.length, 1);
    assert.equal(p.attempts[0].status, 200);
  });

  test('safe mode: only ToUserName and Encrypt; msg_signature checks out and the message decrypts', async () => {
    const { appid, token } = await configured('safe');
    await emu.ctl('POST', '/__control/wechat/publish-outcome', { appid, status: 2 });
    const before = rx.got.length;
    const sub = await submitAndFinish(token);
    const post = (await rx.waitFor(before + 1))[before];
    const q = post.query;
    assert.equal(q.get('encrypt_type'), 'aes');
    const encrypt = xmlField(post.body, 'Encrypt') ?? '';
    assert.equal(q.get('msg_signature'), sha1Sorted(TOKEN, q.get('timestamp') ?? '', q.get('nonce') ?? '', encrypt));
    assert.equal(q.get('signature'), sha1Sorted(TOKEN, q.get('timestamp') ?? '', q.get('nonce') ?? ''));
    assert.equal(xmlField(post.body, 'Event'), undefined);
    const { message, appid: trailer } = decrypt(AES_KEY, encrypt);
    assert.equal(trailer, appid);
    assert.equal(xmlField(message, 'Event'), 'PUBLISHJOBFINISH');
    assert.equal(xmlField(message, 'publish_id'), String(sub.publish_id));
    assert.equal(xmlField(message, 'publish_status'), '2');
    assert.match(message, /<fail_idx>1<\/fail_idx>/);
  });

  test('compat mode carries the plaintext fields and Encrypt', async () => {
    const { appid, token } = await configured('compat');
    const before = rx.got.length;
    await submitAndFinish(token);
    const post = (await rx.waitFor(before + 1))[before];
    assert.equal(xmlField(post.body, 'Event'), 'PUBLISHJOBFINISH');
    assert.equal(post.query.get('encrypt_type'), 'aes');
    const { message, appid: trailer } = decrypt(AES_KEY, xmlField(post.body, 'Encrypt') ?? '');
    assert.equal(trailer, appid);
    assert.equal(xmlField(message, 'publish_status'), '0');
  });

  test('a failing receiver is tried three times in all; a slow one never slows the API', async () => {
    const { appid, token } = await configured('plain');
    rx.answers.push(reply('oops', 500), silence, reply('success'));
    await submitAndFinish(token, 'retried');
    const t0 = Date.now();
    assert.deepEqual(await emu.wx('/cgi-bin/draft/count', { token }), { total_count: 0 });
    assert.ok(Date.now() - t0 < 200, 'the API answered while the push waited');
    for (let i = 0; i < 100 && (await pushesOf(appid))[0]?.state === 'pending'; i++) await new Promise((r) => setTimeout(r, 20));
    const [p] = await pushesOf(appid);
    assert.equal(p.state, 'delivered');
    assert.deepEqual(
      p.attempts.map((a: Json) => a.status),
      [500, null, 200],
    );
    assert.match(p.attempts[1].error, /no answer within 300 ms/);

    rx.answers.push(reply('oops'), reply('oops'), reply('oops'));
    await submitAndFinish(token, 'never');
    for (let i = 0; i < 100 && (await pushesOf(appid))[1]?.state === 'pending'; i++) await new Promise((r) => setTimeout(r, 20));
    const failed = (await pushesOf(appid))[1];
    assert.equal(failed.state, 'failed');
    assert.equal(failed.attempts.length, 3);
    assert.match(failed.attempts[0].error, /not "success" or empty/);
  });

  test('pushes off: WeChat never pushes; a drop fault loses the next push only', async () => {
    const off = await configured('plain', { pushes: 'off' });
    const before = rx.got.length;
    await submitAndFinish(off.token);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(rx.got.length, before);
    assert.deepEqual(await pushesOf(off.appid), []);

    const { appid, token } = await configured('plain');
    await emu.ctl('POST', '/__control/wechat/push-drop', { appid, times: 1 });
    const start = rx.got.length;
    await submitAndFinish(token, 'lost');
    await submitAndFinish(token, 'kept');
    await rx.waitFor(start + 1);
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(rx.got.length, start + 1);
    const rows = await pushesOf(appid);
    assert.deepEqual(
      rows.map((p) => [p.state, p.attempts.length]),
      [
        ['dropped', 0],
        ['delivered', 1],
      ],
    );
  });

  test('MASSSENDJOBFINISH after a mass send: MsgID, Status, counts and article URLs; err(n) when refused', async () => {
    const { appid, token } = await configured('plain');
    const before = rx.got.length;
    const sent = await emu.wx('/cgi-bin/message/mass/sendall', {
      token,
      body: { filter: { is_to_all: true }, mpnews: { media_id: await emu.draft(token) }, msgtype: 'mpnews', send_ignore_reprint: 0 },
    });
    await emu.advance(150);
    const post = (await rx.waitFor(before + 1))[before];
    assert.equal(xmlField(post.body, 'Event'), 'MASSSENDJOBFINISH');
    assert.equal(xmlField(post.body, 'MsgID'), String(sent.msg_id));
    assert.equal(xmlField(post.body, 'Status'), 'send success');
    assert.deepEqual(
      ['TotalCount', 'FilterCount', 'SentCount', 'ErrorCount'].map((f) => xmlField(post.body, f)),
      ['1000', '1000', '1000', '0'],
    );
    assert.match(xmlField(post.body, 'ArticleUrl') ?? '', /^http:\/\/mp\.weixin\.qq\.com\/s\//);

    await emu.ctl('POST', '/__control/wechat/mass-outcome', { appid, status: 'SEND_FAIL', reason: 10001 });
    await emu.wx('/cgi-bin/message/mass/send', { token, body: { touser: ['o1', 'o2'], mpnews: { media_id: await emu.draft(token) }, msgtype: 'mpnews' } });
    await emu.advance(150);
    const refused = (await rx.waitFor(before + 2))[before + 1];
    assert.equal(xmlField(refused.body, 'Status'), 'err(10001)');
    assert.equal(xmlField(refused.body, 'ArticleUrl'), undefined);
  });
});

describe('close() with pushes pending', () => {
  test('abandons a push in flight and a scheduled event at once', async () => {
    const emu = await emulator({ publishDelayMs: 60_000, pushTimeoutMs: 30_000 });
    const rx = await receiver();
    try {
      const { appid, token } = await account(emu);
      assert.equal((await emu.ctl('PUT', `/__control/wechat/apps/${appid}/server`, { url: rx.url, token: TOKEN, mode: 'plain' })).status, 200);
      rx.answers.push(silence);
      await emu.wx('/cgi-bin/freepublish/submit', { token, body: { media_id: await emu.draft(token) } });
      await emu.advance(61_000);
      await rx.waitFor(2);
      // A second job still waiting for its instant.
      await emu.wx('/cgi-bin/freepublish/submit', { token, body: { media_id: await emu.draft(token) } });
      const t0 = Date.now();
      await emu.close();
      assert.ok(Date.now() - t0 < 1000, `close took ${Date.now() - t0} ms`);
    } finally {
      await emu.close();
      await rx.close();
    }
  });
});
