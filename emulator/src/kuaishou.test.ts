// Kuaishou emulator: OAuth (authorize page, code, refresh semantics), upload (whole, fragments),
// publish and review (delay, forced rejection), list/count/user_info, faults, control.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type RunningEmulator, startEmulator } from './server';

// biome-ignore lint/suspicious/noExplicitAny: loose test JSON
type Json = Record<string, any>;
let emu: RunningEmulator;
let n = 0;

const ks = async (path: string, q: Json = {}, init: RequestInit = {}): Promise<Json> => {
  const r = await fetch(`${emu.url}/kuaishou${path}?${new URLSearchParams(q)}`, init);
  assert.equal(r.status, 200);
  return r.json();
};
const ctl = async (method: string, path: string, body?: unknown) => {
  const r = await fetch(`${emu.url}/__control/kuaishou${path}`, { method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined });
  return { status: r.status, json: (await r.json()) as Json };
};
async function account() {
  n += 1;
  const app_id = `ks${Date.now()}${n}`;
  await ctl('POST', '/apps', { app_id, app_secret: `sec-${app_id}`, name: `测试应用${n}` });
  const g = (await ctl('POST', '/grants', { app_id })).json;
  return { app_id, secret: `sec-${app_id}`, token: g.access_token as string, refresh: g.refresh_token as string };
}
const gateway = (endpoint: string, path: string, q: Json, body: Buffer | FormData, type?: string) =>
  fetch(`http://${endpoint}${path}?${new URLSearchParams(q)}`, { method: 'POST', headers: type ? { 'content-type': type } : {}, body: body instanceof FormData ? body : new Blob([new Uint8Array(body)]) }).then((r) => r.json() as Promise<Json>);
function coverForm(caption: string) {
  const f = new FormData();
  f.append('cover', new Blob([new Uint8Array([1, 2, 3])], { type: 'image/jpeg' }), 'c.jpg');
  f.append('caption', caption);
  return f;
}
async function uploaded(a: { app_id: string; token: string }) {
  const st = await ks('/openapi/photo/start_upload', { app_id: a.app_id, access_token: a.token }, { method: 'POST' });
  assert.equal(st.result, 1);
  assert.equal((await gateway(st.endpoint, '/api/upload', { upload_token: st.upload_token }, Buffer.alloc(1000, 7), 'video/mp4')).result, 1);
  return st.upload_token as string;
}
const publish = (a: { app_id: string; token: string }, upload_token: string, caption: string) =>
  ks('/openapi/photo/publish', { app_id: a.app_id, access_token: a.token, upload_token }, { method: 'POST', body: coverForm(caption) });

describe('kuaishou emulator', () => {
  before(async () => {
    emu = await startEmulator({ kuaishouReviewDelayMs: 150 });
  });
  after(() => emu.close());

  test('authorize page → approve → code (single use) → tokens; refresh retires the old refresh token and keeps its expiry', async () => {
    const app_id = `ksauth${Date.now()}`;
    await ctl('POST', '/apps', { app_id, app_secret: 's3cret', name: '媒运测试' });
    const page = await fetch(`${emu.url}/kuaishou/oauth2/authorize?${new URLSearchParams({ app_id, scope: 'user_info,user_video_publish', response_type: 'code', redirect_uri: 'http://cb.example/back', state: 'st1' })}`);
    const html = await page.text();
    assert.match(html, /媒运测试/);
    assert.match(html, /user_video_publish/);
    assert.match(html, /同意授权 \/ Authorise/);
    const action = /action="([^"]+)"/.exec(html)?.[1] as string;
    const fields = new URLSearchParams([...html.matchAll(/name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1], m[2].replace(/&#(\d+);/g, (_x, c) => String.fromCharCode(Number(c)))]));
    const approve = await fetch(`${emu.url}${action}?${fields}`, { redirect: 'manual' });
    assert.equal(approve.status, 302);
    const back = new URL(approve.headers.get('location') as string);
    assert.equal(back.origin + back.pathname, 'http://cb.example/back');
    assert.equal(back.searchParams.get('state'), 'st1');
    const code = back.searchParams.get('code') as string;
    const q = { app_id, app_secret: 's3cret', code, grant_type: 'authorization_code' };
    const tok = await ks('/oauth2/access_token', q);
    assert.equal(tok.result, 1);
    assert.equal(tok.expires_in, 172800);
    assert.equal(tok.refresh_token_expires_in, 15552000);
    assert.deepEqual(tok.scopes, ['user_info', 'user_video_publish']);
    assert.equal((await ks('/oauth2/access_token', q)).result, 100200105, 'a code works once');
    assert.equal((await ks('/oauth2/access_token', { ...q, app_secret: 'wrong' })).result, 100200101);

    await ctl('POST', '/clock', { advanceMs: 10_000 });
    const r1 = await ks('/oauth2/refresh_token', { app_id, app_secret: 's3cret', refresh_token: tok.refresh_token, grant_type: 'refresh_token' });
    assert.equal(r1.result, 1);
    assert.notEqual(r1.access_token, tok.access_token);
    assert.ok(r1.refresh_token_expires_in <= 15552000 - 9, 'the new refresh token inherits the old expiry');
    assert.equal((await ks('/oauth2/refresh_token', { app_id, app_secret: 's3cret', refresh_token: tok.refresh_token, grant_type: 'refresh_token' })).result, 100200102, 'old refresh token retired');
    // Both access tokens work: they expire independently.
    assert.equal((await ks('/openapi/user_info', { app_id, access_token: tok.access_token })).result, 1);
    assert.equal((await ks('/openapi/user_info', { app_id, access_token: r1.access_token })).result, 1);
  });

  test('expired and unknown access tokens; missing scope', async () => {
    const a = await account();
    await ctl('POST', '/tokens/expire', { access_token: a.token });
    assert.equal((await ks('/openapi/user_info', { app_id: a.app_id, access_token: a.token })).result, 100200108);
    assert.equal((await ks('/openapi/user_info', { app_id: a.app_id, access_token: 'nope' })).result, 100200102);
    const g = (await ctl('POST', '/grants', { app_id: a.app_id, scopes: ['user_info'] })).json;
    assert.equal((await ks('/openapi/photo/start_upload', { app_id: a.app_id, access_token: g.access_token }, { method: 'POST' })).result, 100200106);
  });

  test('whole upload → publish → pending → published with play_url; list, count, published log', async () => {
    const a = await account();
    const ut = await uploaded(a);
    const pub = await publish(a, ut, '春已至 #花');
    assert.equal(pub.result, 1);
    const id = pub.video_info.photo_id;
    assert.equal(pub.video_info.pending, true);
    assert.equal((await publish(a, ut, 'again')).result, 100400, 'an upload token publishes once');
    const info1 = await ks('/openapi/photo/info', { app_id: a.app_id, access_token: a.token, photo_id: id });
    assert.equal(info1.video_info.pending, true);
    await new Promise((r) => setTimeout(r, 200));
    const info2 = await ks('/openapi/photo/info', { app_id: a.app_id, access_token: a.token, photo_id: id });
    assert.equal(info2.video_info.pending, false);
    assert.match(info2.video_info.play_url, /^https:\/\//);
    const list = await ks('/openapi/photo/list', { app_id: a.app_id, access_token: a.token, count: 10 });
    assert.deepEqual(list.video_list.map((v: Json) => v.caption), ['春已至 #花']);
    assert.equal((await ks('/openapi/photo/count', { app_id: a.app_id, access_token: a.token })).all_count, 1);
    const logged = (await ctl('GET', `/published?app_id=${a.app_id}`)).json as unknown as Json[];
    assert.deepEqual(logged.map((p) => [p.title, p.status]), [['春已至 #花', 'published']]);
    assert.equal((await ks('/openapi/photo/info', { app_id: a.app_id, access_token: a.token, photo_id: 'nope' })).result, 120001);
  });

  test('fragments 0..n-1 then complete; publish before complete is 120002', async () => {
    const a = await account();
    const st = await ks('/openapi/photo/start_upload', { app_id: a.app_id, access_token: a.token }, { method: 'POST' });
    const f0 = await gateway(st.endpoint, '/api/upload/fragment', { upload_token: st.upload_token, fragment_id: 0 }, Buffer.alloc(500), 'video/mp4');
    assert.deepEqual([f0.result, f0.size], [1, 500]);
    assert.equal((await publish(a, st.upload_token, 'x')).result, 120002);
    assert.equal((await gateway(st.endpoint, '/api/upload/complete', { upload_token: st.upload_token, fragment_count: 2 }, Buffer.alloc(0))).result, 100400, 'fragment 1 missing');
    await gateway(st.endpoint, '/api/upload/fragment', { upload_token: st.upload_token, fragment_id: 1 }, Buffer.alloc(20), 'video/mp4');
    assert.equal((await gateway(st.endpoint, '/api/upload/complete', { upload_token: st.upload_token, fragment_count: 2 }, Buffer.alloc(0))).result, 1);
    assert.equal((await publish(a, st.upload_token, 'chunked')).result, 1);
  });

  test('forced rejection: info answers 120003 with the reason after review; list leaves it out', async () => {
    const a = await account();
    await ctl('POST', '/review', { app_id: a.app_id, outcome: 'reject', reason: '含有违规内容' });
    const pub = await publish(a, await uploaded(a), 'bad one');
    await new Promise((r) => setTimeout(r, 200));
    const info = await ks('/openapi/photo/info', { app_id: a.app_id, access_token: a.token, photo_id: pub.video_info.photo_id });
    assert.equal(info.result, 120003);
    assert.match(info.error_msg, /含有违规内容/);
    assert.equal((await ks('/openapi/photo/list', { app_id: a.app_id, access_token: a.token })).video_list.length, 0);
  });

  test('faults: errcode answers without effect; drop_after_accept publishes and cuts the answer', async () => {
    const a = await account();
    await ctl('POST', '/faults', { path: '/openapi/photo/publish', app_id: a.app_id, mode: 'errcode', errcode: 100200500 });
    const ut = await uploaded(a);
    assert.equal((await publish(a, ut, 'f1')).result, 100200500);
    await ctl('POST', '/faults', { path: '/openapi/photo/publish', app_id: a.app_id, mode: 'drop_after_accept' });
    await assert.rejects(publish(a, ut, 'f1'));
    const logged = (await ctl('GET', `/published?app_id=${a.app_id}`)).json as unknown as Json[];
    assert.deepEqual(logged.map((p) => p.title), ['f1']);
    assert.equal((await ctl('POST', '/faults', { path: 'x', mode: 'errcode' })).status, 400);
  });

  test('user_info answers the fan count set; photo/info the set like, comment and view counts (0 where unset)', async () => {
    const a = await account();
    const openId = (await ctl('POST', '/users', { app_id: a.app_id, name: '数据号', fan: 10 })).json.open_id as string;
    const g = (await ctl('POST', '/grants', { app_id: a.app_id, open_id: openId })).json;
    assert.equal((await ctl('POST', '/figures', { open_id: openId, fan: 8800 })).status, 200);
    const info = await ks('/openapi/user_info', { app_id: a.app_id, access_token: g.access_token });
    assert.deepEqual([info.result, info.user_info.fan, info.user_info.name], [1, 8800, '数据号']);
    const { photo_id } = (await ctl('POST', '/photos', { app_id: a.app_id, open_id: openId, caption: '数据视频' })).json;
    await ctl('POST', '/figures', { photo_id, view_count: 1500, like_count: 90 });
    const v = await ks('/openapi/photo/info', { app_id: a.app_id, access_token: g.access_token, photo_id });
    assert.deepEqual([v.result, v.video_info.view_count, v.video_info.like_count, v.video_info.comment_count, v.video_info.pending], [1, 1500, 90, 0, false]);
    assert.equal((await ctl('POST', '/figures', { photo_id: 'nope', view_count: 1 })).status, 400);
  });
});
