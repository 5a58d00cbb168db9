// The inbox and a Douyin account holding the enterprise comment scope (video.comment), against the
// emulator's comment APIs: the first sync stores the comments and the replies under them (the
// account's own marked), a rerun stores nothing, a later comment once; a reply from the inbox goes
// out once and the next sync adds no copy; a reply whose answer was lost is read back, not resent;
// an account without the scope is not read and says it lacks comments.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { as } from '../../test/app';
import { DY_SCOPES, douyinWorkspace } from '../../test/douyin';
import { itemByExternalId } from '../../test/inbox-replies';
import { itemsOf } from '../../test/inbox-sync';
import { publishingEnv } from '../../test/publishing';
import { publishedPosts } from '../../test/sync';
import { processReply } from './reply-send';
import { syncInbox } from './sync';
import { dueInboxAccounts } from './sync-job';

const e = await publishingEnv({ worker: false });

async function posted(scopes = [...DY_SCOPES, 'video.comment']) {
  const ws = await douyinWorkspace(e, 1, { scopes });
  const [acc] = ws.accounts;
  const { item_id } = (await e.control('POST', '/douyin/items', { open_id: acc.openId, title: '评论视频' })) as { item_id: string };
  const [pub] = await publishedPosts(e, ws as never, new Date(Date.now() - 3_600_000), [{ publishId: item_id, articleId: item_id }]);
  const comment = async (content: string, user_id: string, reply_to?: string) =>
    ((await e.control('POST', '/douyin/comments', { item_id, user_id, content, ...(reply_to ? { reply_to } : {}) })) as { comment_id: string }).comment_id;
  const onPlatform = async () =>
    (await e.control('GET', `/douyin/comments?item_id=${encodeURIComponent(item_id)}`)) as {
      comment_id: string;
      user_id: string;
      content: string;
      parent_id: string | null;
    }[];
  return { ws, acc, pub, item_id, comment, onPlatform, run: () => syncInbox(e.deps, ws.team.workspaceId, acc.id) };
}

test('Douyin: comments and the replies under them, the account’s own marked; a rerun stores nothing; a later comment once', async () => {
  const c = await posted();
  const first = await c.comment('这款有黑色吗', 'u-1');
  const ours = await c.comment('有的，下周到货', c.acc.openId, first);
  const r1 = await c.run();
  assert.equal(r1.stored, 2);
  assert.deepEqual(
    (await itemsOf(e, c.acc.id)).map((i) => [i.externalId, i.fromAccount, i.parent, i.publicationId]),
    [
      [first, false, null, c.pub],
      [ours, true, first, c.pub],
    ],
  );
  assert.equal((await c.run()).stored, 0);
  const later = await c.comment('求链接', 'u-2');
  const r3 = await c.run();
  assert.deepEqual([r3.stored, r3.duplicates], [1, 2], 'the list is read from its first page each time (offsets shift)');
  assert.ok((await itemsOf(e, c.acc.id)).some((i) => i.externalId === later));
});

test('Douyin: a reply from the inbox is posted once under the comment; the next sync adds no copy; a lost answer is read back, not resent', async () => {
  const c = await posted();
  const cid = await c.comment('多久发货？', 'u-3');
  await c.run();
  const item = await itemByExternalId(e, c.acc.id, cid);
  const send = async (text: string) => {
    const r = await as(e, c.ws.team.editor)({ method: 'POST', url: `/api/v1/inbox/${item.id}/replies`, payload: { text } });
    assert.equal(r.statusCode, 200, r.body);
    return r.json() as { id: string };
  };
  const r = await send('48 小时内发货');
  assert.equal(await processReply(e.deps, r.id), 'sent');
  const mine = (await c.onPlatform()).filter((x) => x.user_id === c.acc.openId);
  assert.deepEqual(
    mine.map((x) => [x.content, x.parent_id]),
    [['48 小时内发货', cid]],
  );
  assert.equal((await c.run()).stored, 0, 'the sync reads the reply back under the id the reply call answered');

  await e.control('POST', '/douyin/faults', { path: '/video/comment/reply/', mode: 'drop_after_accept', times: 1 });
  const lost = await send('已为您加急');
  for (let i = 0; i < 5 && (await processReply(e.deps, lost.id, { now: new Date(Date.now() + (i + 1) * 3_600_000) })) !== 'sent'; i++);
  const after = (await c.onPlatform()).filter((x) => x.user_id === c.acc.openId).map((x) => x.content);
  assert.deepEqual(after, ['48 小时内发货', '已为您加急'], 'posted once: the read-back found it');
  const states = (await as(e, c.ws.team.editor)({ method: 'GET', url: `/api/v1/inbox/${item.id}/replies` })).json() as { state: string }[];
  assert.deepEqual(
    states.map((s) => s.state),
    ['sent', 'sent'],
  );
});

test('Douyin: an account without video.comment is not read for comments and lacks the capability', async () => {
  const c = await posted(DY_SCOPES);
  const due = await dueInboxAccounts(e.deps.db, new Date(Date.now() + 86_400_000));
  assert.ok(!due.some((d) => d.accountId === c.acc.id));
  const withScope = await posted();
  assert.ok((await dueInboxAccounts(e.deps.db, new Date(Date.now() + 86_400_000))).some((d) => d.accountId === withScope.acc.id));
  const acc = (await as(e, c.ws.team.owner)({ method: 'GET', url: `/api/v1/accounts/${c.acc.id}` })).json() as {
    lacks: { capability: string; scopes: string[] }[];
  };
  assert.deepEqual(
    acc.lacks.find((l) => l.capability === 'comments'),
    { capability: 'comments', scopes: ['video.comment'] },
  );
});
