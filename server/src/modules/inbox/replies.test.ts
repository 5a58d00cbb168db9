// Replies from the inbox sent exactly once, against the emulator (counted at the platform): a
// reply is sent once and threaded, and the next sync adds no copy; a 5xx (the call may or may not
// have been processed) is read back, then sent once; an answer lost after WeChat accepted it is
// found by reading back and not sent again; a reply left `sending` by a dead worker is read back
// before anything is sent; WeChat's one reply per comment; Weibo: sent once, threaded, and a
// refused text fails with Weibo's reason and can be retried; bad input, other workspaces, guests.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { as } from '../../test/app';
import { createAccount } from '../../test/fixtures';
import { itemsOf } from '../../test/inbox-sync';
import { wechatCommented, weiboCommented } from '../../test/inbox-replies';
import { publishingEnv } from '../../test/publishing';
import { processReply } from './reply-send';

const e = await publishingEnv({ worker: false });
const LATER = () => new Date(Date.now() + 3_600_000);

type Reply = { id: string; state: string; error: string | null; attemptCount: number; platformReplyId: string | null };

async function reply(c: Awaited<ReturnType<typeof wechatCommented>>, text: string) {
  const r = await as(e, c.team.editor)({ method: 'POST', url: `/api/v1/inbox/${c.item.id}/replies`, payload: { text } });
  assert.equal(r.statusCode, 200, r.body);
  return r.json() as Reply;
}
const repliesOf = async (c: { team: { editor: Parameters<typeof as>[1] }; item: { id: string } }) =>
  (await as(e, c.team.editor)({ method: 'GET', url: `/api/v1/inbox/${c.item.id}/replies` })).json() as Reply[];

test('a reply is sent once, threaded under its comment, the item opened; the next sync stores no copy; a second reply is refused', async () => {
  const c = await wechatCommented(e);
  const r = await reply(c, '下周一发货');
  assert.equal(r.state, 'queued');
  assert.equal(await processReply(e.deps, r.id), 'sent');
  assert.equal(await processReply(e.deps, r.id), null, 'a sent reply is not claimed again');
  assert.deepEqual(
    (await c.replies()).map((x) => x.content),
    ['下周一发货'],
  );
  const [sent] = await repliesOf(c);
  assert.deepEqual([sent.state, sent.platformReplyId], ['sent', `${c.item.externalId}_reply`]);
  const thread = await itemsOf(e, c.acc.id);
  assert.deepEqual(
    thread.map((i) => [i.externalId, i.fromAccount, i.parent]),
    [
      [c.item.externalId, false, null],
      [`${c.item.externalId}_reply`, true, c.item.externalId],
    ],
  );
  const again = await c.sync();
  assert.equal(again.stored, 0, 'the sync reads the reply back under the same id');
  const item = (await as(e, c.team.editor)({ method: 'GET', url: `/api/v1/inbox/${c.item.id}` })).json() as { item: { status: string } };
  assert.equal(item.item.status, 'open');
  const second = await as(e, c.team.editor)({ method: 'POST', url: `/api/v1/inbox/${c.item.id}/replies`, payload: { text: '再补充一句' } });
  assert.equal(second.statusCode, 409, 'WeChat keeps one reply per comment');
  assert.match(second.body, /一条回复/);
});

test('HTTP 502 on reply/add: read back (absent), then sent once on the next attempt', async () => {
  const c = await wechatCommented(e);
  await e.control('POST', '/wechat/faults', { path: '/cgi-bin/comment/reply/add', mode: 'http_status', status: 502 });
  const r = await reply(c, '已为您登记');
  assert.equal(await processReply(e.deps, r.id), 'unknown');
  assert.equal((await c.replies()).length, 0);
  assert.equal(await processReply(e.deps, r.id, { now: LATER() }), 'sent');
  assert.deepEqual(
    (await c.replies()).map((x) => x.content),
    ['已为您登记'],
  );
});

test('drop after accept: WeChat took the reply, the answer was lost; read back as sent, never sent again', async () => {
  const c = await wechatCommented(e);
  await e.control('POST', '/wechat/faults', { path: '/cgi-bin/comment/reply/add', mode: 'drop_after_accept' });
  const r = await reply(c, '感谢反馈');
  assert.equal(await processReply(e.deps, r.id), 'sent');
  assert.equal(await processReply(e.deps, r.id, { now: LATER() }), null);
  assert.equal((await c.replies()).length, 1, 'one reply at the platform');
  assert.equal((await itemsOf(e, c.acc.id)).filter((i) => i.fromAccount).length, 1);
});

test('a reply left sending by a dead worker is read back before anything is sent: there already, it is recorded, not resent', async () => {
  const c = await wechatCommented(e);
  const r = await reply(c, '已经处理');
  // What a worker killed after WeChat took the reply leaves: the reply on the platform, the row
  // `sending` with its send started, the lease lapsed.
  const [, , userCommentId] = /^(.+)_0_(\d+)$/.exec(c.item.externalId) ?? [];
  await e.control('POST', '/wechat/comments/reply', {
    appid: c.acc.appid,
    msgDataId: c.item.externalId.split('_')[0],
    userCommentId: Number(userCommentId),
    content: '已经处理',
  });
  await e.deps.db.execute(
    sql`update inbox_replies set state = 'sending', send_started_at = now(), lease_until = now() - interval '1 second' where id = ${r.id}`,
  );
  assert.equal(await processReply(e.deps, r.id), 'sent');
  assert.equal((await c.replies()).length, 0, 'no comment/reply/add call took effect');
});

test('Weibo: sent once as a comment of its own answering the comment, threaded; the next sync stores no copy', async () => {
  const c = await weiboCommented(e);
  const r = await reply(c as never, '本周有');
  assert.equal(await processReply(e.deps, r.id), 'sent');
  const at = await c.replies();
  assert.deepEqual(
    at.map((x) => x.text),
    ['本周有'],
  );
  assert.deepEqual(
    (await itemsOf(e, c.acc.id)).map((i) => [i.externalId, i.fromAccount, i.parent]),
    [
      [c.item.externalId, false, null],
      [at[0].idstr, true, c.item.externalId],
    ],
  );
  assert.equal((await c.sync()).stored, 0);
});

test("Weibo: refused content fails at once with Weibo's reason; retry only for failed; unknown is not retried by hand", async () => {
  const c = await weiboCommented(e);
  await e.control('POST', '/weibo/rejects', { contains: '加微信', error_code: 20021, error: 'Content is illegal!' });
  const r = await reply(c as never, '加微信领券');
  assert.equal(await processReply(e.deps, r.id), 'failed');
  const [failed] = await repliesOf(c);
  assert.match(failed.error ?? '', /Content is illegal!/);
  assert.equal((await c.replies()).length, 0);
  const retry = await as(e, c.team.editor)({ method: 'POST', url: `/api/v1/inbox/replies/${r.id}/retry` });
  assert.equal(retry.statusCode, 200, retry.body);
  assert.equal((retry.json() as Reply).state, 'unknown', 'a send was started: read back before sending again');
  const twice = await as(e, c.team.editor)({ method: 'POST', url: `/api/v1/inbox/replies/${r.id}/retry` });
  assert.equal(twice.statusCode, 409, twice.body);
});

test('bad input is refused in both languages; a platform without replies 409; other workspaces 404; guests 403', async () => {
  const c = await wechatCommented(e);
  const post = (payload: Record<string, unknown>, m = c.team.editor, id = c.item.id) =>
    as(e, m)({ method: 'POST', url: `/api/v1/inbox/${id}/replies`, payload });
  const empty = await post({ text: '   ' });
  assert.equal(empty.statusCode, 400, empty.body);
  assert.match(empty.body, /不能为空/);
  assert.match(empty.body, /empty/);
  const long = await post({ text: '长'.repeat(601) });
  assert.equal(long.statusCode, 400, long.body);
  assert.match(long.body, /600/);
  assert.equal((await post({ text: '好' }, c.team.guest)).statusCode, 403);
  const other = await wechatCommented(e);
  assert.equal((await post({ text: '好' }, other.team.editor)).statusCode, 404);
  assert.equal((await as(e, other.team.editor)({ method: 'GET', url: `/api/v1/inbox/${c.item.id}/replies` })).statusCode, 404);
  const manual = await createAccount(e, c.team.owner, { platform: 'xiaohongshu', name: '小红书号' });
  const imported = await as(
    e,
    c.team.editor,
  )({
    method: 'POST',
    url: '/api/v1/inbox/import',
    payload: { accountId: manual.id, items: [{ kind: 'comment', text: '好用吗', at: new Date().toISOString() }] },
  });
  assert.equal(imported.statusCode, 200, imported.body);
  const [item] = (await e.deps.db.execute<{ id: string }>(sql`select id from inbox_items where account_id = ${manual.id}`)).rows;
  const none = await post({ text: '好用' }, c.team.editor, item.id);
  assert.equal(none.statusCode, 409, none.body);
  assert.match(none.body, /回复评论/);
  assert.match(none.body, /cannot reply/);
});

test('Weibo: two replies to one comment at once: one goes on its way, the other is refused (409), never a 500', async () => {
  const c = await weiboCommented(e);
  const post = (text: string) => as(e, c.team.editor)({ method: 'POST', url: `/api/v1/inbox/${c.item.id}/replies`, payload: { text } });
  const codes = (await Promise.all([post('第一条'), post('第二条'), post('第三条')])).map((r) => r.statusCode).sort();
  assert.deepEqual(codes, [200, 409, 409]);
  const [only] = await repliesOf(c);
  assert.equal(await processReply(e.deps, only.id), 'sent');
  const next = await post('发完后可以再回复');
  assert.equal(next.statusCode, 200, 'Weibo keeps every reply: a new one once the first is sent');
});
