// Bilibili emulator: authorize page and tokens, the signature check, chunked upload, review,
// the five-a-day limit for non-formal members, forced rejection, faults, webhooks.
import assert from 'node:assert/strict';
import { createHash, createHmac, randomUUID } from 'node:crypto';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import { type RunningEmulator, startEmulator } from './server';

const APP = { clientId: 'bili-client-1', clientSecret: 'bili-secret-1' };
let emu: RunningEmulator;

async function control(method: string, path: string, body?: unknown) {
  const r = await fetch(`${emu.url}/__control/bilibili${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return (await r.json()) as Record<string, any>;
}

// The documented signature, written again here (the emulator must check what the doc says).
function headers(token: string, body: string, secret = APP.clientSecret) {
  const x: Record<string, string> = {
    'x-bili-accesskeyid': APP.clientId,
    'x-bili-content-md5': createHash('md5').update(body).digest('hex'),
    'x-bili-signature-method': 'HMAC-SHA256',
    'x-bili-signature-nonce': randomUUID(),
    'x-bili-signature-version': '2.0',
    'x-bili-timestamp': String(Math.floor(Date.now() / 1000)),
  };
  const text = Object.keys(x).sort().map((k) => `${k}:${x[k]}`).join('\n');
  return { ...x, Authorization: createHmac('sha256', secret).update(text).digest('hex'), 'access-token': token, 'content-type': 'application/json', accept: 'application/json' };
}

async function api(token: string, method: 'GET' | 'POST', path: string, json?: unknown, secret?: string) {
  const body = json === undefined ? '' : JSON.stringify(json);
  const r = await fetch(`${emu.url}/bilibili${path}`, { method, headers: headers(token, body, secret), body: method === 'GET' ? undefined : body });
  return (await r.json()) as { code: number; message: string; data?: any };
}

async function account(formal: boolean) {
  const openid = `op-${randomUUID()}`;
  const r = await control('POST', '/accounts', { openid, formal, clientId: APP.clientId });
  return r.grant.access_token as string;
}

async function submit(token: string, title: string) {
  const init = await api(token, 'POST', '/arcopen/fn/archive/video/init', { name: 'a.mp4', utype: '0' });
  assert.equal(init.code, 0);
  const ut = init.data.upload_token;
  for (const n of [1, 2]) {
    const r = await fetch(`${emu.url}/bilibili/video/v2/part/upload?upload_token=${ut}&part_number=${n}`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: new Uint8Array(1000) });
    assert.equal(((await r.json()) as { code: number }).code, 0);
  }
  assert.equal((await api(token, 'POST', `/arcopen/fn/archive/video/complete?upload_token=${ut}`)).code, 0);
  return api(token, 'POST', `/arcopen/fn/archive/add-by-utoken?upload_token=${ut}`, { title, tid: 21, tag: '生活,日常', desc: 'd', copyright: 1, no_reprint: 1 });
}

describe('bilibili emulator', () => {
  before(async () => {
    emu = await startEmulator({ bilibiliReviewDelayMs: 100 });
    await control('POST', '/apps', { ...APP, name: '媒运测试应用' });
  });
  after(() => emu.close());

  test('authorize page → code → token; refresh token works once', async () => {
    await control('POST', '/accounts', { openid: 'op-auth', name: 'UP主甲' });
    const page = await fetch(`${emu.url}/bilibili/pc/account-pc/auth/oauth?client_id=${APP.clientId}&gourl=${encodeURIComponent('http://cb.test/back')}&state=s1`);
    const html = await page.text();
    assert.match(html, /媒运测试应用/);
    assert.match(html, /同意授权/);
    const confirm = await fetch(`${emu.url}/bilibili/pc/account-pc/auth/oauth/confirm`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ client_id: APP.clientId, gourl: 'http://cb.test/back', state: 's1', openid: 'op-auth' }) });
    assert.equal(confirm.status, 302);
    const back = new URL(confirm.headers.get('location') ?? '');
    assert.equal(back.searchParams.get('state'), 's1');
    const form = (o: Record<string, string>) => fetch(`${emu.url}/bilibili-api/x/account-oauth2/v1/${o.grant_type === 'refresh_token' ? 'refresh_token' : 'token'}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(o) }).then((r) => r.json() as Promise<any>);
    const tok = await form({ ...{ client_id: APP.clientId, client_secret: APP.clientSecret }, grant_type: 'authorization_code', code: back.searchParams.get('code') ?? '' });
    assert.equal(tok.code, 0);
    assert.ok(tok.data.expires_in > Date.now() / 1000, 'expires_in is an absolute time');
    assert.equal((await api(tok.data.access_token, 'GET', '/arcopen/fn/user/account/info')).data.openid, 'op-auth');
    const again = await form({ client_id: APP.clientId, client_secret: APP.clientSecret, grant_type: 'authorization_code', code: back.searchParams.get('code') ?? '' });
    assert.equal(again.code, 122002);
    const r1 = await form({ client_id: APP.clientId, client_secret: APP.clientSecret, grant_type: 'refresh_token', refresh_token: tok.data.refresh_token });
    assert.equal(r1.code, 0);
    const r2 = await form({ client_id: APP.clientId, client_secret: APP.clientSecret, grant_type: 'refresh_token', refresh_token: tok.data.refresh_token });
    assert.equal(r2.code, 122007);
  });

  test('bad signature → 4002; expired token → 127001', async () => {
    const token = await account(true);
    assert.equal((await api(token, 'GET', '/arcopen/fn/user/account/info', undefined, 'wrong-secret')).code, 4002);
    await control('POST', '/tokens/expire', { accessToken: token });
    assert.equal((await api(token, 'GET', '/arcopen/fn/user/account/info')).code, 127001);
  });

  test('chunked upload, add-by-utoken → 审核中 (-30) → 开放浏览 (0); forced rejection → -2 with reason', async () => {
    const token = await account(true);
    const added = await submit(token, '第一支视频');
    assert.equal(added.code, 0);
    const id = added.data.resource_id;
    assert.match(id, /^BV1[0-9A-Za-z]{9}$/);
    assert.equal((await api(token, 'GET', `/arcopen/fn/archive/view?resource_id=${id}`)).data.addit_info.state, -30);
    await new Promise((r) => setTimeout(r, 150));
    const open = await api(token, 'GET', `/arcopen/fn/archive/view?resource_id=${id}`);
    assert.equal(open.data.addit_info.state, 0);
    assert.match(open.data.video_info.share_url, new RegExp(id));
    await control('POST', '/review', { outcome: 'reject', reason: '标题党' });
    const rej = await submit(token, '第二支视频');
    await new Promise((r) => setTimeout(r, 150));
    const view = await api(token, 'GET', `/arcopen/fn/archive/view?resource_id=${rej.data.resource_id}`);
    assert.equal(view.data.addit_info.state, -2);
    assert.equal(view.data.addit_info.reject_reason, '标题党');
    const list = await api(token, 'GET', '/arcopen/fn/archive/viewlist?pn=1&ps=10&status=all');
    assert.deepEqual(list.data.list.map((a: any) => a.title), ['第二支视频', '第一支视频']);
    const published = await control('GET', '/published');
    assert.ok((published as unknown as any[]).some((p) => p.title === '第一支视频' && p.state === 0));
  });

  test('a member who is not formal may submit five a day: the sixth answers 123036', async () => {
    const token = await account(false);
    for (let i = 0; i < 5; i++) assert.equal((await submit(token, `限额 ${i}`)).code, 0);
    const sixth = await submit(token, '限额 5');
    assert.equal(sixth.code, 123036);
  });

  test('faults: errcode answers without effect; drop_after_accept creates the archive and cuts the connection', async () => {
    const token = await account(true);
    await control('POST', '/faults', { path: '/arcopen/fn/archive/add-by-utoken', mode: 'errcode', code: 4011, times: 1 });
    assert.equal((await submit(token, '故障一')).code, 4011);
    await control('POST', '/faults', { path: '/arcopen/fn/archive/add-by-utoken', mode: 'drop_after_accept', times: 1 });
    await assert.rejects(submit(token, '故障二'));
    const published = (await control('GET', '/published')) as unknown as any[];
    assert.equal(published.filter((p) => p.title === '故障一').length, 0);
    assert.equal(published.filter((p) => p.title === '故障二').length, 1);
  });

  test('webhook video_open signed SHA1(secret + body)', async () => {
    const got: { sig: string; body: string }[] = [];
    const srv = http.createServer((req, res) => {
      let b = '';
      req.on('data', (c) => (b += c));
      req.on('end', () => {
        got.push({ sig: String(req.headers['x-bilibili-signature']), body: b });
        res.end('ok');
      });
    });
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
    const port = (srv.address() as { port: number }).port;
    await control('POST', '/apps', { ...APP, name: '媒运测试应用', webhookUrl: `http://127.0.0.1:${port}/hook` });
    const token = await account(true);
    const added = await submit(token, '推送');
    const ours = () => got.filter((g) => JSON.parse(g.body).content.resource_id === added.data.resource_id);
    for (let i = 0; i < 40 && ours().length === 0; i++) await new Promise((r) => setTimeout(r, 25));
    srv.close();
    await control('POST', '/apps', { ...APP, name: '媒运测试应用' });
    assert.equal(ours().length, 1);
    const push = JSON.parse(ours()[0].body);
    assert.equal(push.event, 'video_open');
    assert.equal(push.content.state, 0);
    assert.equal(ours()[0].sig, createHash('sha1').update(APP.clientSecret + ours()[0].body).digest('hex'));
  });

  test("数据: user/stat and arc/stat answer the set totals; another member's archive is 123004; without USER_DATA / ARC_DATA 127011", async () => {
    const openid = `op-${randomUUID()}`;
    const { grant } = await control('POST', '/accounts', { openid, clientId: APP.clientId });
    const token = grant.access_token as string;
    const { resourceId } = await control('POST', '/archives', { clientId: APP.clientId, openid, title: '数据稿件' });
    await control('POST', '/stats', { openid, follower: 4321, following: 7 });
    await control('POST', '/stats', { resourceId, view: 900, like: 80, reply: 12 });
    await control('POST', '/stats', { resourceId, favorite: 5 });
    const user = await api(token, 'GET', '/arcopen/fn/data/user/stat');
    assert.deepEqual([user.code, user.data], [0, { following: 7, follower: 4321, arc_passed_total: 1 }]);
    const arc = await api(token, 'GET', `/arcopen/fn/data/arc/stat?resource_id=${resourceId}`);
    assert.equal(arc.code, 0);
    assert.deepEqual(arc.data, { title: '数据稿件', ptime: arc.data.ptime, view: 900, danmaku: 0, reply: 12, favorite: 5, coin: 0, share: 0, like: 80 });
    const other = await account(true);
    assert.equal((await api(other, 'GET', `/arcopen/fn/data/arc/stat?resource_id=${resourceId}`)).code, 123004);
    const narrow = (await control('POST', '/accounts', { openid: `op-${randomUUID()}`, clientId: APP.clientId, scopes: ['ARC_BASE'] })).grant.access_token as string;
    assert.equal((await api(narrow, 'GET', '/arcopen/fn/data/user/stat')).code, 127011);
    assert.equal((await api(narrow, 'GET', `/arcopen/fn/data/arc/stat?resource_id=${resourceId}`)).code, 127011);
  });
});
