// 发布 and 群发, the push of results (服务器配置), and the daily quota of status polls, against
// the emulator in WeChat's live answer shapes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { as } from '../../test/app';
import { uploadImage } from '../../test/fixtures';
import { planBurst, publishingEnv, waitFor, wechatWorkspace } from '../../test/publishing';

const e = await publishingEnv({ publishDelayMs: 300, env: { MEIYUN_PLATFORM_TIMEOUT_MS: '1500' } });
// The platform's pushes need a real address.
const base = await e.app.listen({ host: '127.0.0.1', port: 0 });
const pubOf = async (id: string) => (await e.deps.db.execute(sql`select * from publications where id = ${id}`)).rows[0] as Record<string, unknown>;
const steps = async (id: string) =>
  ((await e.deps.db.execute(sql`select step || ':' || outcome as s from publish_attempts where publication_id = ${id} order by id`)).rows as { s: string }[]).map((r) => r.s);
const massSends = async (appid: string) => (await e.control('GET', `/wechat/mass?appid=${appid}`)) as { clientmsgid: string | null; to: unknown; status: string }[];

/** An approved post for one account, scheduled through the API with the given delivery. */
async function schedule(ws: Awaited<ReturnType<typeof wechatWorkspace>>, accountId: string, delivery: Record<string, unknown> | undefined, title: string) {
  const cover = await uploadImage(e, ws.team.editor);
  const p = (await as(e, ws.team.editor)({ method: 'POST', url: '/api/v1/posts', payload: { title, bodyHtml: `<p>${title}的正文</p>`, coverMediaId: cover.id, accountIds: [accountId] } })).json();
  await as(e, ws.team.editor)({ method: 'POST', url: `/api/v1/posts/${p.id}/submit` });
  await as(e, ws.team.reviewer)({ method: 'POST', url: `/api/v1/posts/${p.id}/review`, payload: { decision: 'approved' } });
  const s = await as(e, ws.team.editor)({
    method: 'POST',
    url: `/api/v1/posts/${p.id}/schedule`,
    payload: { scheduledAt: new Date(Date.now() + 500).toISOString(), ...(delivery ? { deliveries: { [accountId]: delivery } } : {}) },
  });
  assert.equal(s.statusCode, 200, s.body);
  return s.json().publications[0].id as string;
}

test('群发 to a tag goes out through the mass-send API once, with the publication as its clientmsgid; 发布 does not', async () => {
  const ws = await wechatWorkspace(e, 1);
  const { appid, id: accountId } = ws.accounts[0];
  await e.control('POST', '/wechat/apps', { appid, secret: `s-${appid}`, type: 'subscription', entity: 'company', verified: true, followers: 50, tags: [{ id: 7, name: '老客户', count: 20 }] });
  const tags = await as(e, ws.team.editor)({ method: 'GET', url: `/api/v1/accounts/${accountId}/audience-tags` });
  assert.deepEqual(tags.json().items, [{ id: 7, name: '老客户', count: 20 }]);
  const id = await schedule(ws, accountId, { mode: 'mass_send', tagId: 7 }, '会员专享');
  const p = await waitFor('published', () => pubOf(id), (r) => r.state === 'published' || r.state === 'failed', 20_000);
  assert.equal(p.state, 'published', String(p.state_reason));
  const sends = await massSends(appid);
  assert.equal(sends.length, 1);
  assert.equal(sends[0].clientmsgid, `${id}.0`);
  assert.equal((await e.published(appid)).length, 0, 'no freepublish for a mass send');
  // A plain 发布 of another post the same day goes through freepublish and spends no allowance.
  const other = await schedule(ws, accountId, undefined, '日常发布');
  await waitFor('published', () => pubOf(other), (r) => r.state === 'published', 20_000);
  assert.equal((await e.published(appid)).length, 1);
  assert.equal((await massSends(appid)).length, 1);
});

test('a mass send whose answer was lost is repeated with the same clientmsgid: WeChat names the job, nothing is sent twice', async () => {
  const ws = await wechatWorkspace(e, 1);
  const { appid, id: accountId } = ws.accounts[0];
  await e.control('POST', '/wechat/faults', { path: '/cgi-bin/message/mass/sendall', appid, mode: 'drop_after_accept', times: 1 });
  const id = await schedule(ws, accountId, { mode: 'mass_send' }, '全员推送');
  const p = await waitFor('published', () => pubOf(id), (r) => ['published', 'failed', 'needs_attention'].includes(String(r.state)), 30_000);
  assert.equal(p.state, 'published', String(p.state_reason));
  assert.equal((await massSends(appid)).length, 1, 'sent exactly once');
  const seq = await steps(id);
  assert.ok(seq.includes('submit:unknown') && seq.includes('reconcile:ok'), seq.join(' '));
  assert.ok(seq.lastIndexOf('submit:ok') > seq.indexOf('submit:unknown'), seq.join(' '));
});

test('with the server configuration in safe mode, the publish result arrives by push before any poll', async () => {
  const ws = await wechatWorkspace(e, 1);
  const { appid, id: accountId } = ws.accounts[0];
  const editor = await as(e, ws.team.editor)({ method: 'GET', url: `/api/v1/accounts/${accountId}/callback` });
  assert.equal(editor.statusCode, 403, 'the token is for managers only');
  const settings = (await as(e, ws.team.manager)({ method: 'PUT', url: `/api/v1/accounts/${accountId}/callback`, payload: { mode: 'safe' } })).json();
  assert.equal(settings.token.length, 32);
  assert.equal(settings.aesKey.length, 43);
  // What a person does in WeChat's console: paste the URL, token and key; WeChat checks the URL.
  const url = `${base}${settings.path}`;
  const ok = await e.control('PUT', `/wechat/apps/${appid}/server`, { url, token: settings.token, encodingAESKey: settings.aesKey, mode: 'safe' });
  assert.equal(ok.ok, true);
  const after = (await as(e, ws.team.manager)({ method: 'GET', url: `/api/v1/accounts/${accountId}/callback` })).json();
  assert.ok(after.verifiedAt, 'the URL check was answered and recorded');
  const id = await schedule(ws, accountId, undefined, '推送结果');
  const p = await waitFor('published', () => pubOf(id), (r) => r.state === 'published' || r.state === 'failed', 20_000);
  assert.equal(p.state, 'published');
  assert.match(String(p.article_url), /^https?:\/\/mp\.weixin\.qq\.com\//);
  const seq = await steps(id);
  assert.ok(seq.includes('push:ok'), seq.join(' '));
  assert.ok(!seq.some((s) => s.startsWith('poll')), `no poll was needed: ${seq.join(' ')}`);
  // A forged push (wrong signature) changes nothing.
  const forged = await fetch(`${url}?signature=0&timestamp=1&nonce=2&encrypt_type=aes&msg_signature=0`, {
    method: 'POST',
    headers: { 'content-type': 'text/xml' },
    body: '<xml><ToUserName>gh_x</ToUserName><Encrypt>AAAA</Encrypt></xml>',
  });
  assert.equal(forged.status, 400);
});

test('status polls never spend the last of the daily quota: past it the publication waits, saying so', async () => {
  const ws = await wechatWorkspace(e, 1);
  const { appid, id: accountId } = ws.accounts[0];
  // WeChat will not push for this account; our limit for status queries is 3 a day.
  await e.control('POST', '/wechat/apps', { appid, secret: `s-${appid}`, type: 'service', entity: 'company', verified: true, pushes: 'off' });
  const limits = await as(e, ws.team.manager)({ method: 'PUT', url: `/api/v1/accounts/${accountId}/api-limits`, payload: { limits: { '/cgi-bin/freepublish/get': 3 } } });
  assert.equal(limits.statusCode, 200, limits.body);
  const ids = await planBurst(e, ws, 5, new Date(), { prefix: 'quota' });
  await waitFor('all submitted', async () => (await Promise.all(ids.map(pubOf))).filter((p) => p.state === 'submitted' || p.state === 'published').length, (n) => n === 5, 20_000);
  await new Promise((r) => setTimeout(r, 6000));
  const calls = (await e.control('GET', `/wechat/calls?appid=${appid}`)) as { counts: Record<string, number> };
  assert.ok((calls.counts['/cgi-bin/freepublish/get'] ?? 0) <= 3, JSON.stringify(calls.counts));
  const waiting = (await Promise.all(ids.map(pubOf))).filter((p) => p.state === 'submitted');
  assert.ok(waiting.length >= 2, 'some had to wait');
  for (const w of waiting) assert.match(String(w.state_reason), /配额.*quota/s);
  const usage = (await as(e, ws.team.guest)({ method: 'GET', url: `/api/v1/accounts/${accountId}/quota` })).json();
  const get = usage.items.find((i: { api: string }) => i.api === '/cgi-bin/freepublish/get');
  assert.deepEqual([get.limit, get.defaultLimit, get.overridden], [3, 100, true]);
  assert.ok(get.usedToday <= 3 && get.usedToday >= 1, JSON.stringify(get));
});
