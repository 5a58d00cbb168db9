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

describe('douyin data/external', () => {
  const beijing = (daysAgo: number) => new Date(Date.now() + 8 * 3_600_000 - daysAgo * 86_400_000).toISOString().slice(0, 10);

  test('user series: date_type days ending yesterday in Beijing, set figures, totals carried, 0 where unset; bad date_type 28001007, no scope 28001012', async () => {
    const app = await ctl('/apps', {});
    const acc = await ctl('/accounts', { client_key: app.client_key, open_id: 'o5', scopes: ['user_info', 'data.external.user'] });
    await ctl('/data', {
      open_id: 'o5',
      days: [
        { date: beijing(3), total_fans: 100, new_fans: 4 },
        { date: beijing(1), total_fans: 105, new_fans: 5, new_play: 900 },
      ],
    });
    await ctl('/data', { open_id: 'o5', days: [{ date: beijing(1), new_like: 30 }] });
    const fans = await call('/data/external/user/fans/', acc.access_token, 'o5', { get: true, query: { date_type: '7' } });
    assert.equal(fans.data.error_code, 0);
    assert.deepEqual(
      fans.data.result_list.map((r: J) => [r.date, r.new_fans, r.total_fans]),
      [7, 6, 5, 4, 3, 2, 1].map((n) => [beijing(n), n === 3 ? 4 : n === 1 ? 5 : 0, n > 3 ? 0 : n === 1 ? 105 : 100]),
    );
    const item = await call('/data/external/user/item/', acc.access_token, 'o5', { get: true, query: { date_type: '30' } });
    assert.equal(item.data.result_list.length, 30);
    assert.deepEqual(item.data.result_list.at(-1), { date: beijing(1), new_issue: 0, new_play: 900, total_issue: 0 });
    const like = await call('/data/external/user/like/', acc.access_token, 'o5', { get: true, query: { date_type: '15' } });
    assert.deepEqual(like.data.result_list.at(-1), { date: beijing(1), new_like: 30 }, 'a second control call merges into the day');
    const bad = await call('/data/external/user/fans/', acc.access_token, 'o5', { get: true, query: { date_type: '10' } });
    assert.deepEqual([bad.data.error_code, bad.extra.error_code], [28001007, 28001007]);
    const other = await ctl('/accounts', { client_key: app.client_key, open_id: 'o6', scopes: ['user_info'] });
    const noScope = await call('/data/external/user/fans/', other.access_token, 'o6', { get: true, query: { date_type: '7' } });
    assert.equal(noScope.data.error_code, 28001012);
  });

  test("item series: 7 or 15 days (30 is refused), the token's own items only; item/base sums the last 30 days", async () => {
    const app = await ctl('/apps', {});
    const acc = await ctl('/accounts', { client_key: app.client_key, open_id: 'o7', scopes: ['user_info', 'data.external.item'] });
    const { item_id } = await ctl('/items', { open_id: 'o7', title: '数据视频' });
    await ctl('/data', {
      item_id,
      days: [
        { date: beijing(2), play: 400, like: 20 },
        { date: beijing(1), play: 100, share: 3 },
      ],
    });
    const play = await call('/data/external/item/play/', acc.access_token, 'o7', { get: true, query: { item_id, date_type: '15' } });
    assert.equal(play.data.result_list.length, 15);
    assert.deepEqual(play.data.result_list.slice(-2), [
      { date: beijing(2), play: 400 },
      { date: beijing(1), play: 100 },
    ]);
    const share = await call('/data/external/item/share/', acc.access_token, 'o7', { get: true, query: { item_id, date_type: '7' } });
    assert.deepEqual(share.data.result_list.at(-1), { date: beijing(1), share: 3 });
    const month = await call('/data/external/item/play/', acc.access_token, 'o7', { get: true, query: { item_id, date_type: '30' } });
    assert.equal(month.data.error_code, 28001007);
    const base = await call('/data/external/item/base/', acc.access_token, 'o7', { get: true, query: { item_id } });
    assert.deepEqual([base.data.result.total_play, base.data.result.total_like, base.data.result.total_share], [500, 20, 3]);
    const stranger = await ctl('/accounts', { client_key: app.client_key, open_id: 'o8', scopes: ['data.external.item'] });
    const notMine = await call('/data/external/item/play/', stranger.access_token, 'o8', { get: true, query: { item_id, date_type: '7' } });
    assert.equal(notMine.data.error_code, 28001007);
  });
});
