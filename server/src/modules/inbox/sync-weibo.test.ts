// The comment sync of a Weibo account against the emulator's comments/show: the first run stores
// the comments and the account's replies threaded under them (reply_comment); a second run stores
// nothing; a comment written later is stored once; a read that fails on its second page keeps the
// old since_id and stores nothing twice when run again; a failing platform is recorded on the
// account and the third failure in a row notifies once. comments/to_me is read beside it: comments
// on statuses not published through us are stored too (no publication), those on a publication
// linked to it, each comment once however it was read; to_me pages and keeps its own cursor.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { publishingEnv } from '../../test/publishing';
import { notificationsOf, publishedPosts } from '../../test/sync';
import { itemsOf, syncStateOf } from '../../test/inbox-sync';
import { weiboShare, weiboWorkspace } from '../../test/weibo';
import { INBOX_CURSOR, syncInbox } from './sync';

const e = await publishingEnv({ worker: false });

async function posted() {
  const ws = await weiboWorkspace(e, 1);
  const [acc] = ws.accounts;
  const idstr = await weiboShare(e, acc.token, `评论同步 ${acc.uid}`);
  const [pub] = await publishedPosts(e, ws as never, new Date(Date.now() - 60_000), [{ publishId: idstr }]);
  const comment = async (text: string, uid: string, replyTo?: string) =>
    ((await e.control('POST', '/weibo/comments', { idstr, uid, text, ...(replyTo ? { replyTo } : {}) })) as { idstr: string }).idstr;
  return { ws, acc, pub, comment, run: () => syncInbox(e.deps, ws.team.workspaceId, acc.id) };
}

test('Weibo: comments and the account replies threaded; a rerun stores nothing; a later comment once', async () => {
  const c = await posted();
  const first = await c.comment('有优惠吗', '7000000001');
  const reply = await c.comment('回复@用户:下周有', c.acc.uid, first);
  const again = await c.comment('回复@微博号1:好的', '7000000001', reply);

  const r1 = await c.run();
  // One page of comments/show, one of comments/to_me (the same comments: stored once).
  assert.deepEqual([r1.posts, r1.pages, r1.stored, r1.duplicates], [1, 2, 3, 2]);
  assert.deepEqual(
    (await itemsOf(e, c.acc.id)).map((i) => [i.externalId, i.fromAccount, i.parent, i.root, i.publicationId]),
    [
      [first, false, null, first, c.pub],
      [reply, true, first, first, c.pub],
      [again, false, reply, first, c.pub],
    ],
  );
  assert.deepEqual((await syncStateOf(e, c.acc.id)).cursors, { [c.pub]: again, [INBOX_CURSOR]: again });
  assert.equal((await c.run()).stored, 0);
  const later = await c.comment('还有货吗', '7000000002');
  const r3 = await c.run();
  assert.deepEqual([r3.stored, r3.duplicates], [1, 1], 'only the comment above since_id is read, by each API once');
  assert.equal((await itemsOf(e, c.acc.id)).find((i) => i.externalId === later)?.parent, null);
});

test('Weibo: a read failing on its second page keeps the old since_id; run again, it stores each comment once', async () => {
  const c = await posted();
  for (let i = 0; i < 60; i++) await c.comment(`第${i}条`, String(7100000000 + i));
  await e.control('POST', '/weibo/faults', {
    path: '/2/comments/show.json',
    appkey: c.acc.appid,
    mode: 'errcode',
    error_code: 10023,
    error: 'User requests out of rate limit!',
    skip: 1,
  });
  await assert.rejects(c.run(), /10023/);
  assert.equal((await itemsOf(e, c.acc.id)).length, 50, 'the first page was stored');
  assert.deepEqual((await syncStateOf(e, c.acc.id)).cursors, {}, 'the cursor did not move');
  const r = await c.run();
  // comments/show again from the old since_id (50 stored, 10 new), then comments/to_me from the start (60, all stored).
  assert.deepEqual([r.pages, r.stored, r.duplicates], [4, 10, 110]);
  assert.equal((await itemsOf(e, c.acc.id)).length, 60);
  assert.equal((await c.run()).stored, 0);
});

test('Weibo: a failing platform is recorded on the account; the third failure notifies once; a success clears it', async () => {
  const c = await posted();
  await e.control('POST', '/weibo/faults', {
    path: '/2/comments/show.json',
    appkey: c.acc.appid,
    mode: 'errcode',
    error_code: 10001,
    error: 'system error!',
    times: 4,
  });
  for (let i = 0; i < 4; i++) await assert.rejects(c.run());
  const s = await syncStateOf(e, c.acc.id);
  assert.equal(s.consecutiveFailures, 4);
  assert.match(s.lastError ?? '', /10001/);
  const sent = await notificationsOf(e, c.ws.team.workspaceId, 'inbox.sync_failing');
  assert.ok(sent.length >= 1);
  assert.equal(new Set(sent.map((n) => n.user_id)).size, sent.length, 'one notice per recipient, not one per failed run');
  await c.run();
  const ok = await syncStateOf(e, c.acc.id);
  assert.deepEqual([ok.consecutiveFailures, ok.lastError, ok.failureNotifiedAt], [0, null, null]);
});

test('Weibo comments/to_me: comments on a status not published through us are stored too; paged, its own cursor, each comment once', async () => {
  const c = await posted();
  const other = await weiboShare(e, c.acc.token, `不是媒运发的 ${c.acc.uid}`);
  const onPub = await c.comment('发布的微博下的评论', '7000000001');
  const elsewhere: string[] = [];
  for (let i = 0; i < 55; i++)
    elsewhere.push(
      ((await e.control('POST', '/weibo/comments', { idstr: other, uid: String(7200000000 + i), text: `别处第${i}条` })) as { idstr: string }).idstr,
    );
  const r1 = await c.run();
  assert.deepEqual([r1.stored, r1.duplicates], [56, 1], 'the publication’s comment read twice, stored once');
  const items = await itemsOf(e, c.acc.id);
  assert.equal(items.length, 56);
  assert.equal(items.find((i) => i.externalId === onPub)?.publicationId, c.pub, 'linked by its status id');
  assert.ok(
    elsewhere.every((id) => items.find((i) => i.externalId === id)?.publicationId === null),
    'a status not published here: no publication',
  );
  const newest = elsewhere.reduce((a, b) => (BigInt(a) > BigInt(b) ? a : b));
  assert.equal((await syncStateOf(e, c.acc.id)).cursors[INBOX_CURSOR], newest);
  assert.equal((await c.run()).stored, 0);
  const late = ((await e.control('POST', '/weibo/comments', { idstr: other, uid: '7300000000', text: '后来的' })) as { idstr: string }).idstr;
  const r3 = await c.run();
  assert.deepEqual([r3.stored, r3.duplicates], [1, 0]);
  assert.ok((await itemsOf(e, c.acc.id)).some((i) => i.externalId === late));
});
