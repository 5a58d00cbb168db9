// Douyin emulator: OAuth page and token semantics, uploads (whole and in parts), review, share flow.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type RunningEmulator, startEmulator } from './server';

// biome-ignore lint/suspicious/noExplicitAny: answers read loosely
type J = Record<string, any>;
let emu: RunningEmulator;
const D = () => `${emu.url}/douyin`;
const ctl = async (path: string, body?: unknown): Promise<J> => {
  const r = await fetch(`${emu.url}/__control/douyin${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return r.json();
};
const form = async (path: string, f: Record<string, string>): Promise<J> =>
  (
    await fetch(D() + path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(f).toString() })
  ).json();
const call = async (
  path: string,
  token: string,
  openId: string,
  init: { json?: unknown; file?: [string, number]; query?: J; get?: boolean } = {},
): Promise<J> => {
  const q = new URLSearchParams({ open_id: openId, ...init.query });
  let body: string | FormData | undefined;
  const headers: Record<string, string> = { 'access-token': token };
  if (init.json !== undefined) {
    body = JSON.stringify(init.json);
    headers['content-type'] = 'application/json';
  } else if (init.file) {
    body = new FormData();
    body.append(init.file[0], new Blob([new Uint8Array(init.file[1])], { type: 'video/mp4' }), 'a.mp4');
  }
  return (await fetch(`${D()}${path}?${q}`, { method: init.get ? 'GET' : 'POST', headers, body })).json();
};
const V = '/api/douyin/v1/video';

before(async () => {
  emu = await startEmulator({ douyinReviewDelayMs: 200 });
});
after(() => emu.close());

describe('douyin oauth', () => {
  test('authorize page → code → token; refresh keeps the refresh token; renew is capped at 5 (10020)', async () => {
    const app = await ctl('/apps', { name: '媒运测试' });
    const page = await fetch(
      `${D()}/platform/oauth/connect/?client_key=${app.client_key}&response_type=code&scope=user_info,video.create.bind&optionalScope=h5.share&redirect_uri=${encodeURIComponent('http://cb.test/cb')}&state=s1`,
    );
    const html = await page.text();
    assert.match(html, /媒运测试/);
    assert.match(html, /video\.create\.bind/);
    assert.match(html, /同意授权 \/ Authorise/);
    const approve = await fetch(
      `${D()}/platform/oauth/authorize?client_key=${app.client_key}&redirect_uri=${encodeURIComponent('http://cb.test/cb')}&state=s1&scope=user_info&scope=video.create.bind&open_id=o1`,
      { redirect: 'manual' },
    );
    assert.equal(approve.status, 302);
    const loc = new URL(approve.headers.get('location') ?? '');
    assert.equal(loc.searchParams.get('state'), 's1');
    const tok = await form('/oauth/access_token/', {
      client_key: app.client_key,
      client_secret: app.client_secret,
      code: loc.searchParams.get('code') ?? '',
      grant_type: 'authorization_code',
    });
    assert.equal(tok.data.error_code, 0);
    assert.equal(tok.data.expires_in, 1_296_000);
    assert.equal(tok.data.open_id, 'o1');
    assert.equal(tok.data.scope, 'user_info,video.create.bind');
    assert.equal(typeof tok.extra.logid, 'string');
    const again = await form('/oauth/access_token/', {
      client_key: app.client_key,
      client_secret: app.client_secret,
      code: loc.searchParams.get('code') ?? '',
      grant_type: 'authorization_code',
    });
    assert.notEqual(again.data.error_code, 0, 'a code is used once');

    const ref = await form('/oauth/refresh_token/', { client_key: app.client_key, grant_type: 'refresh_token', refresh_token: tok.data.refresh_token });
    assert.equal(ref.data.refresh_token, tok.data.refresh_token);
    assert.notEqual(ref.data.access_token, tok.data.access_token);
    let rt = tok.data.refresh_token;
    for (let i = 0; i < 5; i++) {
      const r = await form('/oauth/renew_refresh_token/', { client_key: app.client_key, refresh_token: rt });
      assert.equal(r.data.error_code, 0, `renewal ${i + 1}`);
      rt = r.data.refresh_token;
    }
    const sixth = await form('/oauth/renew_refresh_token/', { client_key: app.client_key, refresh_token: rt });
    assert.equal(sixth.data.error_code, 10020);
    await ctl('/expire', { refresh_token: rt });
    const expired = await form('/oauth/refresh_token/', { client_key: app.client_key, grant_type: 'refresh_token', refresh_token: rt });
    assert.equal(expired.data.error_code, 10010);
  });
});

describe('douyin publishing', () => {
  test('upload, part upload, create_video, review in time; a forced rejection carries its reason', async () => {
    const app = await ctl('/apps', {});
    const acc = await ctl('/accounts', { client_key: app.client_key, open_id: 'o2' });
    const up = await call(`${V}/upload_video/`, acc.access_token, 'o2', { file: ['video', 1000] });
    assert.equal(up.data.error_code, 0);
    const init = await call(`${V}/init_video_part_upload/`, acc.access_token, 'o2', { json: {} });
    const MB = 1024 * 1024;
    for (const [n, size] of [
      [1, 6 * MB],
      [2, MB],
    ] as const) {
      const p = await call(`${V}/upload_video_part/`, acc.access_token, 'o2', {
        query: { upload_id: init.data.upload_id, part_number: String(n) },
        file: ['video', size],
      });
      assert.equal(p.data.error_code, 0);
    }
    const done = await call(`${V}/complete_video_part_upload/`, acc.access_token, 'o2', { query: { upload_id: init.data.upload_id }, json: {} });
    assert.equal(typeof done.data.video.video_id, 'string');

    const c1 = await call(`${V}/create_video/`, acc.access_token, 'o2', { json: { video_id: up.data.video.video_id, text: '第一条 #话题' } });
    await ctl('/review', { outcome: 'rejected', reason: '含有违规内容' });
    const c2 = await call(`${V}/create_video/`, acc.access_token, 'o2', { json: { video_id: done.data.video.video_id, text: '第二条' } });
    const early = await call(`${V}/video_data/`, acc.access_token, 'o2', { json: { item_ids: [c1.data.item_id] } });
    assert.equal(early.data.list[0].video_status, 4);
    await new Promise((r) => setTimeout(r, 250));
    const later = await call(`${V}/video_data/`, acc.access_token, 'o2', { json: { item_ids: [c1.data.item_id, c2.data.item_id] } });
    const byId = Object.fromEntries(later.data.list.map((i: J) => [i.item_id, i]));
    assert.equal(byId[c1.data.item_id].video_status, 5);
    assert.equal(byId[c2.data.item_id].video_status, 2);
    assert.equal(byId[c2.data.item_id].status_reason, '含有违规内容');
    const list = await call(`${V}/video_list/`, acc.access_token, 'o2', { get: true, query: { cursor: '0', count: '10' } });
    assert.deepEqual(
      list.data.list.map((i: J) => i.title),
      ['第二条', '第一条 #话题'],
    );
    const pub = await ctl('/published');
    assert.ok(pub.some((p: J) => p.title === '第一条 #话题'));
  });

  test('token expiry 28001008, missing scope 28001012, injected faults and a dropped answer', async () => {
    const app = await ctl('/apps', {});
    const acc = await ctl('/accounts', { client_key: app.client_key, open_id: 'o3', scopes: ['user_info'] });
    const up = await call(`${V}/upload_video/`, acc.access_token, 'o3', { file: ['video', 10] });
    const noScope = await call(`${V}/create_video/`, acc.access_token, 'o3', { json: { video_id: up.data.video.video_id, text: 'x' } });
    assert.equal(noScope.data.error_code, 28001012);
    await ctl('/faults', { path: `${V}/video_list/`, mode: 'errcode', errorCode: 28001005 });
    const busy = await call(`${V}/video_list/`, acc.access_token, 'o3', { get: true });
    assert.equal(busy.extra.error_code, 28001005);
    await ctl('/faults', { path: `${V}/video_list/`, mode: 'drop_after_accept' });
    await assert.rejects(call(`${V}/video_list/`, acc.access_token, 'o3', { get: true }));
    await ctl('/expire', { access_token: acc.access_token });
    const exp = await call(`${V}/video_list/`, acc.access_token, 'o3', { get: true });
    assert.equal(exp.data.error_code, 28001008);
  });

  test('share flow: client_token → share-id → the member finishes the share → the item carries share_id', async () => {
    const app = await ctl('/apps', {});
    const acc = await ctl('/accounts', { client_key: app.client_key, open_id: 'o4', scopes: ['user_info', 'video.list.bind'] });
    const ct = await form('/oauth/client_token/', { client_key: app.client_key, client_secret: app.client_secret, grant_type: 'client_credential' });
    const sid = await (await fetch(`${D()}/share-id/?need_callback=true`, { headers: { 'access-token': ct.data.access_token } })).json();
    assert.equal(typeof sid.data.share_id, 'string');
    const done = await ctl('/share-complete', { share_id: sid.data.share_id, open_id: 'o4', text: '分享的视频 #抖音' });
    assert.equal(typeof done.item_id, 'string');
    const list = await call(`${V}/video_list/`, acc.access_token, 'o4', { get: true });
    assert.equal(list.data.list[0].share_id, sid.data.share_id);
    assert.equal(list.data.list[0].title, '分享的视频 #抖音');
  });
});
