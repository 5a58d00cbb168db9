// The Weibo emulator: authorize page → code → token, token expiry, statuses/share rules (safe
// domain, 140, duplicate 20019, 20016 limit, pic), faults, user_timeline, count, published,
// comments/show, comments/destroy.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type RunningEmulator, startEmulator } from './server';

let emu: RunningEmulator;
before(async () => {
  emu = await startEmulator({ weibo: { tokenTtlSeconds: 3600 } });
});
after(() => emu.close());

const ctl = async (method: string, path: string, body?: unknown) => {
  const r = await fetch(`${emu.url}/__control/weibo${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: r.status, json: await r.json() };
};
const form = async (path: string, params: Record<string, string>) => {
  const r = await fetch(`${emu.url}/weibo${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params).toString(),
    redirect: 'manual',
  });
  return { status: r.status, json: r.headers.get('content-type')?.includes('json') ? await r.json() : null, location: r.headers.get('location') };
};
let n = 0;
async function account(safeDomain: string | null = 'example.com') {
  n += 1;
  const appkey = `${1000 + n}`;
  const uid = `${5000000000 + n}`;
  await ctl('POST', '/apps', { appkey, secret: `s${appkey}`, name: `测试应用${n}`, ...(safeDomain ? { safeDomain } : {}) });
  await ctl('POST', '/users', { uid, name: `用户${n}` });
  const t = await ctl('POST', '/tokens', { appkey, uid });
  return { appkey, uid, token: t.json.access_token as string };
}

test('authorize page, code exchange, get_token_info, single-use code', async () => {
  await ctl('POST', '/apps', { appkey: '777', secret: 's777', name: '媒运测试', safeDomain: 'example.com', redirectUri: 'http://cb.test/' });
  await ctl('POST', '/users', { uid: '6000000001', name: '小编' });
  const q = new URLSearchParams({ client_id: '777', redirect_uri: 'http://cb.test/back', response_type: 'code', state: 'xyz', scope: 'all' });
  const page = await fetch(`${emu.url}/weibo/oauth2/authorize?${q}`);
  const html = await page.text();
  assert.equal(page.status, 200);
  assert.match(html, /媒运测试/);
  assert.match(html, /同意授权 \/ Authorise/);
  const go = await form('/oauth2/authorize', { client_id: '777', redirect_uri: 'http://cb.test/back', state: 'xyz', scope: 'all', uid: '6000000001' });
  assert.equal(go.status, 302);
  const loc = new URL(go.location as string);
  assert.equal(loc.searchParams.get('state'), 'xyz');
  const code = loc.searchParams.get('code') as string;
  const tok = await form('/oauth2/access_token', {
    client_id: '777',
    client_secret: 's777',
    grant_type: 'authorization_code',
    code,
    redirect_uri: 'http://cb.test/back',
  });
  assert.equal(tok.status, 200);
  assert.equal(tok.json.uid, '6000000001');
  assert.equal(tok.json.expires_in, 3600);
  assert.equal(tok.json.refresh_token, undefined, 'server apps get no refresh token');
  const again = await form('/oauth2/access_token', {
    client_id: '777',
    client_secret: 's777',
    grant_type: 'authorization_code',
    code,
    redirect_uri: 'http://cb.test/back',
  });
  assert.equal(again.json.error_code, 21325);
  const info = await form('/oauth2/get_token_info', { access_token: tok.json.access_token });
  assert.equal(String(info.json.uid), '6000000001');
  assert.ok(info.json.expire_in > 3500 && info.json.expire_in <= 3600);
  const badRedirect = await fetch(
    `${emu.url}/weibo/oauth2/authorize?${new URLSearchParams({ client_id: '777', redirect_uri: 'http://evil.test/', response_type: 'code' })}`,
  );
  assert.equal(badRedirect.status, 400);
  assert.equal((await badRedirect.json()).error_code, 21322);
});

test('share: safe domain, rip, 140, duplicate, content refusal; Status object answered; published list', async () => {
  const a = await account();
  const ok = await form('/2/statuses/share.json', { access_token: a.token, status: '你好 https://www.example.com/a', rip: '203.0.113.9' });
  assert.equal(ok.status, 200);
  assert.equal(typeof ok.json.idstr, 'string');
  assert.equal(ok.json.user.idstr, a.uid);
  assert.match(ok.json.created_at, /^\w{3} \w{3} \d{2} \d{2}:\d{2}:\d{2} \+0800 \d{4}$/);
  assert.equal(
    (await form('/2/statuses/share.json', { access_token: a.token, status: '你好 https://www.example.com/a', rip: '203.0.113.9' })).json.error_code,
    20019,
  );
  const noLink = await form('/2/statuses/share.json', { access_token: a.token, status: '没有链接 https://other.org/', rip: '1.2.3.4' });
  assert.deepEqual([noLink.status, noLink.json.error_code, noLink.json.error], [400, 10017, 'text not find domain!']);
  assert.equal((await form('/2/statuses/share.json', { access_token: a.token, status: 'x https://example.com/' })).json.error_code, 10016);
  const long = `${'长'.repeat(140)} https://example.com/`;
  assert.equal((await form('/2/statuses/share.json', { access_token: a.token, status: long, rip: '1.2.3.4' })).json.error_code, 20012);
  // 278 ASCII letters count 139, plus a 20-character link counts 10: over.
  assert.equal(
    (await form('/2/statuses/share.json', { access_token: a.token, status: `${'a'.repeat(260)} https://example.com/`, rip: '1.2.3.4' })).json.error_code,
    20012,
  );
  assert.equal(
    (await form('/2/statuses/share.json', { access_token: a.token, status: `${'a'.repeat(250)} https://example.com/`, rip: '1.2.3.4' })).status,
    200,
  );
  await ctl('POST', '/rejects', { contains: '违禁', error: '内容违规' });
  const rej = await form('/2/statuses/share.json', { access_token: a.token, status: '违禁 https://example.com/', rip: '1.2.3.4' });
  assert.deepEqual([rej.json.error_code, rej.json.error], [20021, '内容违规']);
  const unbound = await account(null);
  assert.equal(
    (await form('/2/statuses/share.json', { access_token: unbound.token, status: 'x https://example.com/', rip: '1.2.3.4' })).json.error,
    'appkey not bind domain!',
  );
  const pub = await ctl('GET', `/published?appkey=${a.appkey}`);
  assert.deepEqual(
    pub.json.map((p: { title: string }) => p.title),
    ['你好 https://www.example.com/a', `${'a'.repeat(250)} https://example.com/`],
  );
});

test('share with a pic (multipart); a non-image is refused', async () => {
  const a = await account();
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
  const send = async (data: Buffer) => {
    const fd = new FormData();
    fd.append('access_token', a.token);
    fd.append('status', `图 ${data.length} https://example.com/`);
    fd.append('rip', '1.2.3.4');
    fd.append('pic', new Blob([new Uint8Array(data)], { type: 'image/png' }), 'p.png');
    const r = await fetch(`${emu.url}/weibo/2/statuses/share.json`, { method: 'POST', body: fd });
    return { status: r.status, json: await r.json() };
  };
  const ok = await send(png);
  assert.equal(ok.status, 200);
  assert.ok(ok.json.thumbnail_pic);
  assert.equal((await send(Buffer.from('not an image'))).json.error_code, 20005);
});

test('token expiry and unknown tokens answer 21327 / 21332 with HTTP 401', async () => {
  const a = await account();
  await ctl('POST', '/tokens/expire', { access_token: a.token });
  const r = await form('/2/statuses/share.json', { access_token: a.token, status: 'x https://example.com/', rip: '1.2.3.4' });
  assert.deepEqual([r.status, r.json.error_code, r.json.error], [401, 21327, 'expired_token']);
  assert.equal((await form('/2/statuses/share.json', { access_token: 'nope', status: 'x' })).json.error_code, 21332);
  const short = await ctl('POST', '/tokens', { appkey: a.appkey, uid: a.uid, expires_in: 60 });
  await ctl('POST', '/clock', { advanceSeconds: 61 });
  assert.equal(
    (await form('/2/statuses/share.json', { access_token: short.json.access_token, status: 'y https://example.com/', rip: '1.2.3.4' })).json.error_code,
    21327,
  );
});

test('20016 limit, faults (errcode, drop_after_accept, 20032 after storing), timeline and counts', async () => {
  const a = await account();
  await ctl('POST', '/settings', { shareLimit: { limit: 2, windowSeconds: 3600 } });
  const post = (i: number) => form('/2/statuses/share.json', { access_token: a.token, status: `第${i}条 https://example.com/${i}`, rip: '1.2.3.4' });
  assert.equal((await post(1)).status, 200);
  assert.equal((await post(2)).status, 200);
  assert.equal((await post(3)).json.error_code, 20016);
  const rl = await fetch(`${emu.url}/weibo/2/account/rate_limit_status.json?access_token=${a.token}`);
  assert.equal((await rl.json()).remaining_user_hits, 0);
  await ctl('POST', '/settings', { shareLimit: null });

  await ctl('POST', '/faults', { path: '/2/statuses/share.json', appkey: a.appkey, mode: 'errcode', error_code: 10001, error: 'system error!' });
  assert.equal((await post(4)).json.error_code, 10001);
  await ctl('POST', '/faults', { path: '/2/statuses/share.json', appkey: a.appkey, mode: 'drop_after_accept' });
  await assert.rejects(post(5));
  await ctl('POST', '/faults', { path: '/2/statuses/share.json#after', appkey: a.appkey, mode: 'errcode', error_code: 20032 });
  assert.equal((await post(6)).json.error_code, 20032);
  const tl = await (await fetch(`${emu.url}/weibo/2/statuses/user_timeline.json?access_token=${a.token}&count=2`)).json();
  assert.deepEqual(
    tl.statuses.map((s: { text: string }) => s.text),
    ['第6条 https://example.com/6', '第5条 https://example.com/5'],
  );
  assert.equal(tl.total_number, 4);
  const id = tl.statuses[0].idstr;
  await ctl('POST', '/counts', { idstr: id, comments: 3, reposts: 2, attitudes: 7 });
  const c = await (await fetch(`${emu.url}/weibo/2/statuses/count.json?access_token=${a.token}&ids=${id},123`)).json();
  assert.deepEqual(c, [{ id: Number(id), idstr: id, comments: 3, reposts: 2, attitudes: 7 }]);
  const calls = await ctl('GET', '/calls?path=/2/statuses/share.json');
  assert.ok(calls.json.some((x: { errorCode: number | null }) => x.errorCode === 20016));
});

test('comments/show: newest first in the Comment shape, reply_comment on a reply, since_id and max_id paging, 20101 for no such status', async () => {
  const a = await account();
  const st = await form('/2/statuses/share.json', { access_token: a.token, status: `评论测试 https://www.example.com/c${n}`, rip: '203.0.113.9' });
  const idstr = st.json.idstr as string;
  const add = async (text: string, uid: string, replyTo?: string) =>
    (await ctl('POST', '/comments', { idstr, uid, text, ...(replyTo ? { replyTo } : {}) })).json.idstr as string;
  const c1 = await add('第一条', '7000000001');
  const r1 = await add('回复第一条', a.uid, c1);
  const c2 = await add('第二条', '7000000002');
  const show = async (q: Record<string, string>) =>
    (await fetch(`${emu.url}/weibo/2/comments/show.json?${new URLSearchParams({ access_token: a.token, id: idstr, ...q })}`)).json();
  const all = await show({});
  assert.equal(all.total_number, 3);
  assert.deepEqual(
    all.comments.map((c: { idstr: string }) => c.idstr),
    [c2, r1, c1],
  );
  const reply = all.comments[1];
  assert.equal(typeof reply.id, 'number');
  assert.deepEqual([reply.text, reply.user.idstr, reply.reply_comment.idstr, reply.status.idstr], ['回复第一条', a.uid, c1, idstr]);
  assert.match(reply.created_at, /^\w{3} \w{3} \d{2} \d{2}:\d{2}:\d{2} \+0800 \d{4}$/);
  assert.deepEqual(
    (await show({ since_id: c1 })).comments.map((c: { idstr: string }) => c.idstr),
    [c2, r1],
  );
  assert.deepEqual(
    (await show({ max_id: String(BigInt(c2) - 1n), count: '1' })).comments.map((c: { idstr: string }) => c.idstr),
    [r1],
  );
  assert.equal((await show({ id: '123' })).error_code, 20101);
});

test('comments/destroy: a comment on the account’s own status is deleted and leaves comments/show; 20201 once gone, 20203 for another’s, 10016 without cid', async () => {
  const a = await account();
  const b = await account();
  const post = async (who: typeof a) =>
    (await form('/2/statuses/share.json', { access_token: who.token, status: `删除测试 https://www.example.com/d${n}${who.uid}`, rip: '203.0.113.9' })).json
      .idstr as string;
  const mine = await post(a);
  const theirs = await post(b);
  const add = async (idstr: string, text: string) => (await ctl('POST', '/comments', { idstr, uid: '7000000009', text })).json.idstr as string;
  const spam = await add(mine, '加微信领红包');
  const kept = await add(mine, '支持');
  const other = await add(theirs, '别人的微博下的评论');
  const destroy = (cid: string) => form('/2/comments/destroy.json', { access_token: a.token, cid });

  await ctl('POST', '/faults', { path: '/2/comments/destroy.json', mode: 'errcode', error_code: 10001, error: 'system error!' });
  assert.equal((await destroy(spam)).json.error_code, 10001);
  const gone = await destroy(spam);
  assert.equal(gone.status, 200);
  assert.deepEqual([gone.json.idstr, gone.json.text, gone.json.status.idstr], [spam, '加微信领红包', mine]);
  const show = await (await fetch(`${emu.url}/weibo/2/comments/show.json?${new URLSearchParams({ access_token: a.token, id: mine })}`)).json();
  assert.deepEqual(
    show.comments.map((c: { idstr: string }) => c.idstr),
    [kept],
  );
  assert.deepEqual(
    (await ctl('GET', '/comments/destroyed')).json.map((c: { idstr: string }) => c.idstr),
    [spam],
  );
  assert.equal((await destroy(spam)).json.error_code, 20201);
  assert.equal((await destroy(other)).json.error_code, 20203);
  assert.equal((await form('/2/comments/destroy.json', { access_token: a.token })).json.error_code, 10016);
});

test('comments/to_me: comments the account received (on its statuses, or answering its comments; not its own), newest first, paged', async () => {
  const a = await account();
  const b = await account();
  const share = async (token: string, text: string) =>
    (await form('/2/statuses/share.json', { access_token: token, status: `${text} https://www.example.com/t${n}`, rip: '203.0.113.9' })).json.idstr as string;
  const s1 = await share(a.token, '第一条微博');
  const s2 = await share(a.token, '第二条微博');
  const theirs = await share(b.token, '别人的微博');
  const add = async (idstr: string, text: string, uid: string, replyTo?: string) =>
    (await ctl('POST', '/comments', { idstr, uid, text, ...(replyTo ? { replyTo } : {}) })).json.idstr as string;
  const c1 = await add(s1, '评论一', '7000000011');
  await add(s1, '账号自己的回复', a.uid, c1);
  const c2 = await add(s2, '评论二', '7000000012');
  await add(theirs, '别处的评论', '7000000013');
  const ownElsewhere = await add(theirs, '账号在别人微博下的评论', a.uid);
  const c3 = await add(theirs, '回复账号', '7000000014', ownElsewhere);
  const toMe = async (q: Record<string, string>) =>
    (await fetch(`${emu.url}/weibo/2/comments/to_me.json?${new URLSearchParams({ access_token: a.token, ...q })}`)).json();
  const all = await toMe({});
  assert.equal(all.total_number, 3);
  assert.deepEqual(
    all.comments.map((c: { idstr: string; status: { idstr: string } }) => [c.idstr, c.status.idstr]),
    [
      [c3, theirs],
      [c2, s2],
      [c1, s1],
    ],
  );
  const first = await toMe({ count: '2' });
  assert.deepEqual(
    first.comments.map((c: { idstr: string }) => c.idstr),
    [c3, c2],
  );
  assert.notEqual(first.next_cursor, 0);
  assert.deepEqual(
    (await toMe({ count: '2', max_id: String(first.next_cursor) })).comments.map((c: { idstr: string }) => c.idstr),
    [c1],
  );
  assert.deepEqual(
    (await toMe({ since_id: c2 })).comments.map((c: { idstr: string }) => c.idstr),
    [c3],
  );
});
