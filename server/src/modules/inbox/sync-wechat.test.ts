// The comment sync of an Official Account against the emulator's comment/list: the first run
// stores the comments and the account's replies threaded under them; a second run stores
// nothing; a comment written later is stored once, a reply given later by the next full read; a run stopped after its first page (45009)
// resumes after it; an article with comments closed (88000) is recorded on the account while
// the others are still read, and the third failure in a row notifies once.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { publishingEnv, wechatWorkspace } from '../../test/publishing';
import { notificationsOf, publishedPosts } from '../../test/sync';
import { itemsOf, syncStateOf } from '../../test/inbox-sync';
import { syncInbox } from './sync';
import { saveCursor } from './sync-state';

const e = await publishingEnv({ worker: false });
let seq = 0;

/** A workspace with one Official Account and `n` articles published an hour ago, known to the emulator. */
async function published(n: number) {
  const ws = await wechatWorkspace(e, 1);
  const [acc] = ws.accounts;
  const at = new Date(Date.now() - 3_600_000);
  const msgDataIds = Array.from({ length: n }, () => String(2247480000 + ++seq * 10 + Math.floor(Math.random() * 10)));
  const pubs = await publishedPosts(
    e,
    ws,
    at,
    msgDataIds.map((msgDataId) => ({ msgDataId })),
  );
  for (const msgDataId of msgDataIds) await e.control('POST', '/wechat/datacube/articles', { appid: acc.appid, msgDataId, publishedAt: at.toISOString() });
  const comment = async (i: number, content: string, at: string) =>
    (
      (await e.control('POST', '/wechat/comments', { appid: acc.appid, msgDataId: msgDataIds[i], content, openid: `o-${content}`, at })) as {
        userCommentId: number;
      }
    ).userCommentId;
  return { ws, acc, pubs, msgDataIds, comment, run: (now?: Date) => syncInbox(e.deps, ws.team.workspaceId, acc.id, { now }) };
}

test('the first run stores comments with the replies threaded; a rerun stores nothing; a later comment is stored once', async () => {
  const c = await published(1);
  const [m] = c.msgDataIds;
  const first = await c.comment(0, '写得好', '2026-03-01T01:00:00Z');
  await c.comment(0, '何时发货', '2026-03-01T02:00:00Z');
  await e.control('POST', '/wechat/comments/reply', {
    appid: c.acc.appid,
    msgDataId: m,
    userCommentId: first,
    content: '谢谢支持',
    at: '2026-03-01T03:00:00Z',
  });

  const r1 = await c.run();
  assert.deepEqual([r1.ran, r1.posts, r1.stored], [true, 1, 3]);
  const items = await itemsOf(e, c.acc.id);
  assert.deepEqual(
    items.map((i) => [i.text, i.fromAccount, i.parent, i.root, i.publicationId]),
    [
      ['写得好', false, null, `${m}_0_${first}`, c.pubs[0]],
      ['何时发货', false, null, `${m}_0_${first + 1}`, c.pubs[0]],
      ['谢谢支持', true, `${m}_0_${first}`, `${m}_0_${first}`, c.pubs[0]],
    ],
  );

  const r2 = await c.run();
  assert.equal(r2.stored, 0, 'a rerun stores nothing');
  await c.comment(0, '还有货吗', '2026-03-02T01:00:00Z');
  const r3 = await c.run();
  assert.equal(r3.stored, 1);
  assert.equal((await c.run()).stored, 0);
  assert.equal((await itemsOf(e, c.acc.id)).length, 4);
  const s = await syncStateOf(e, c.acc.id);
  assert.deepEqual([s.cursors, s.consecutiveFailures, s.lastError], [{ [c.pubs[0]]: '3' }, 0, null]);

  // A reply the account gives later to a comment already read: seen by the next full read (6 h).
  await e.control('POST', '/wechat/comments/reply', {
    appid: c.acc.appid,
    msgDataId: m,
    userCommentId: first + 1,
    content: '明天发货',
    at: '2026-03-02T02:00:00Z',
  });
  assert.equal((await c.run()).stored, 0, 'the cursor is past it');
  const later = await c.run(new Date(Date.now() + 6 * 3_600_000 + 60_000));
  assert.deepEqual([later.pages, later.stored], [1, 1]);
  assert.equal((await itemsOf(e, c.acc.id)).find((i) => i.text === '明天发货')?.parent, `${m}_0_${first + 1}`);
});

test('a run stopped after its first page resumes after it; read again from the start, it stores nothing', async () => {
  const c = await published(1);
  for (let i = 0; i < 60; i++) await c.comment(0, `评论第${i}条`, new Date(Date.parse('2026-03-01T00:00:00Z') + i * 60_000).toISOString());
  await e.control('POST', '/wechat/quota', { appid: c.acc.appid, path: '/cgi-bin/comment/list', dailyLimit: 1 });
  await assert.rejects(c.run(), /45009/);
  assert.equal((await itemsOf(e, c.acc.id)).length, 49, 'the first page was stored');
  assert.deepEqual((await syncStateOf(e, c.acc.id)).cursors, { [c.pubs[0]]: '49' });

  await e.control('POST', '/wechat/quota', { appid: c.acc.appid, path: '/cgi-bin/comment/list', dailyLimit: 1000 });
  const resumed = await c.run();
  assert.deepEqual([resumed.pages, resumed.stored, resumed.duplicates], [1, 11, 0], 'only the page after the cursor is read');
  assert.equal((await itemsOf(e, c.acc.id)).length, 60);

  // A crash before the cursor was saved leaves it behind: the pages are read again, nothing doubles.
  await saveCursor(e.deps.db, c.acc.id, c.pubs[0], null);
  const again = await c.run();
  assert.deepEqual([again.pages, again.stored, again.duplicates], [2, 0, 60]);
  assert.equal((await itemsOf(e, c.acc.id)).length, 60);
});

test('88000 on one article is recorded on the account while the others are read; the third failure notifies once', async () => {
  const c = await published(2);
  await c.comment(0, '关了留言的文章', '2026-03-01T01:00:00Z');
  await c.comment(1, '开着留言的文章', '2026-03-01T01:00:00Z');
  await e.control('POST', '/wechat/comments/close', { appid: c.acc.appid, msgDataId: c.msgDataIds[0] });
  for (let i = 0; i < 4; i++) await assert.rejects(c.run(), (err: Error) => /88000/.test(err.message));
  assert.deepEqual(
    (await itemsOf(e, c.acc.id)).map((i) => i.text),
    ['开着留言的文章'],
  );
  const s = await syncStateOf(e, c.acc.id);
  assert.equal(s.consecutiveFailures, 4);
  assert.match(s.lastError ?? '', /88000.*comments are closed on this article/);
  const sent = await notificationsOf(e, c.ws.team.workspaceId, 'inbox.sync_failing');
  assert.ok(sent.length >= 1);
  assert.equal(new Set(sent.map((n) => n.user_id)).size, sent.length, 'one notice per recipient, not one per failed run');

  await e.control('POST', '/wechat/comments/close', { appid: c.acc.appid, msgDataId: c.msgDataIds[0], closed: false });
  assert.equal((await c.run()).stored, 1);
  const ok = await syncStateOf(e, c.acc.id);
  assert.deepEqual([ok.consecutiveFailures, ok.lastError, ok.failureNotifiedAt], [0, null, null]);
});
