// The real engine publishing to Weibo at the emulator: bursts, faults, lost answers, refusals,
// an expired token (no refresh for server apps).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { exactlyOnce, planBurst, publishingEnv, stateCounts, waitFor } from '../../test/publishing';
import { CLIENT_IP, weiboPublished, weiboVariant, weiboWorkspace } from '../../test/weibo';

const e = await publishingEnv();
const burst = { variant: weiboVariant, clientIp: CLIENT_IP };
const pubOf = async (id: string) =>
  (await e.deps.db.execute(sql`select state, state_reason, last_error_code, article_url from publications where id = ${id}`)).rows[0] as Record<string, string | null>;
const notPublished = async (ws: string) =>
  JSON.stringify((await e.deps.db.execute(sql`select state, state_reason, last_error_code from publications where workspace_id = ${ws} and state <> 'published' limit 5`)).rows);

test('500 posts due now across 10 Weibo accounts: each published exactly once, with its weibo.com link', async () => {
  const ws = await weiboWorkspace(e, 10);
  const ids = await planBurst(e, ws, 500, new Date(), { prefix: 'wb500', ...burst });
  await waitFor('all published', () => stateCounts(e, ws.team.workspaceId), (c) => c.published === 500, 120_000).catch(async (err) => {
    throw new Error(`${err.message}; ${await notPublished(ws.team.workspaceId)}`);
  });
  const subs = await weiboPublished(e, ws.appkey);
  const expected = Array.from({ length: 500 }, (_, i) => weiboStatus(`wb500-${i}`));
  assert.deepEqual(exactlyOnce(subs, expected), { duplicates: [], missing: [] });
  assert.equal(subs.length, 500);
  const p = await pubOf(ids[0]);
  const s = subs.find((x) => x.title === weiboStatus('wb500-0'));
  assert.equal(p.article_url, `https://weibo.com/${s?.uid}/${s?.idstr}`);
});

/** The exact status text the adapter sends for a planned title: the variant's text alone (no #话题#). */
function weiboStatus(title: string): string {
  return weiboVariant(title).text;
}

test('20 % "system busy" and some answers lost after the post was stored: exactly once, none missing', async () => {
  const ws = await weiboWorkspace(e, 5);
  await e.control('POST', '/weibo/faults', { path: '/2/statuses/share.json', appkey: ws.appkey, mode: 'drop_after_accept', probability: 0.05 });
  await e.control('POST', '/weibo/faults', { path: '/2/statuses/share.json#after', appkey: ws.appkey, mode: 'errcode', error_code: 20032, probability: 0.05 });
  await e.control('POST', '/weibo/faults', { path: '*', appkey: ws.appkey, mode: 'errcode', error_code: 10001, error: 'system error!', probability: 0.2 });
  await planBurst(e, ws, 200, new Date(), { prefix: 'wbflaky', ...burst });
  const final = await waitFor('all settled', () => stateCounts(e, ws.team.workspaceId), (c) => (c.published ?? 0) + (c.failed ?? 0) + (c.needs_attention ?? 0) === 200, 120_000);
  assert.deepEqual(final, { published: 200 }, await notPublished(ws.team.workspaceId));
  const subs = await weiboPublished(e, ws.appkey);
  assert.deepEqual(exactlyOnce(subs, Array.from({ length: 200 }, (_, i) => weiboStatus(`wbflaky-${i}`))), { duplicates: [], missing: [] });
  const calls = (await e.control('GET', '/weibo/calls?path=/2/statuses/share.json')) as { appkey: string; errorCode: number | null }[];
  const mine = calls.filter((c) => c.appkey === ws.appkey);
  assert.ok(mine.filter((c) => c.errorCode === 10001).length > 10, 'the busy faults happened');
  assert.ok(mine.some((c) => c.errorCode === 20032), 'a 20032 happened');
  await e.control('DELETE', '/weibo/faults');
});

test('a content refusal (20021) ends failed at once with Weibo\'s reason', async () => {
  const ws = await weiboWorkspace(e, 1);
  await e.control('POST', '/weibo/rejects', { contains: 'wbbad-0', error: '此微博包含违规内容' });
  const [id] = await planBurst(e, ws, 1, new Date(), { prefix: 'wbbad', ...burst });
  const p = await waitFor('final', () => pubOf(id), (r) => r.state === 'failed' || r.state === 'published', 20_000);
  assert.equal(p.state, 'failed');
  assert.equal(p.last_error_code, '20021');
  assert.match(String(p.state_reason), /此微博包含违规内容/);
  assert.equal((await weiboPublished(e, ws.appkey)).length, 0);
});

test('no safe-domain link or no rip: refused before calling Weibo, with the reason', async () => {
  const ws = await weiboWorkspace(e, 1);
  const [noLink] = await planBurst(e, ws, 1, new Date(), { prefix: 'wbnolink', variant: (t) => ({ text: `${t} https://other.org/` }), clientIp: CLIENT_IP });
  const [noIp] = await planBurst(e, ws, 1, new Date(), { prefix: 'wbnoip', variant: weiboVariant });
  const a = await waitFor('failed', () => pubOf(noLink), (r) => r.state === 'failed', 20_000);
  assert.match(String(a.state_reason), /安全域名/);
  const b = await waitFor('failed', () => pubOf(noIp), (r) => r.state === 'failed', 20_000);
  assert.match(String(b.state_reason), /rip/);
  const calls = (await e.control('GET', '/weibo/calls?path=/2/statuses/share.json')) as { uid: string }[];
  assert.equal(calls.filter((c) => c.uid === ws.accounts[0].uid).length, 0);
});

test('an expired token cannot be refreshed (server apps): an auth failure asking to authorise again, nothing posted', async () => {
  const ws = await weiboWorkspace(e, 1);
  await e.control('POST', '/weibo/tokens/expire', { access_token: ws.accounts[0].token });
  const [id] = await planBurst(e, ws, 1, new Date(), { prefix: 'wbexpired', ...burst });
  const p = await waitFor('settled', () => pubOf(id), (r) => r.state !== 'scheduled' && r.state !== 'dispatching', 20_000);
  assert.notEqual(p.state, 'published');
  assert.match(String(p.state_reason), /重新授权|authorise/);
  assert.equal((await weiboPublished(e, ws.appkey)).length, 0);
});
