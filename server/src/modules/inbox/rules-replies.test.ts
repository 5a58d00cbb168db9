// A reply a rule proposes, against the emulator (counted at the platform): filled in from the
// canned reply, stored `proposed` and never sent (the worker does not claim it, WeChat holds
// nothing) until a member approves it; then sent once through the normal path and not again;
// discarded, it is gone and nothing is sent; approve/discard of another workspace's reply is 404;
// guests cannot approve.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { as, type Member } from '../../test/app';
import { wechatCommented } from '../../test/inbox-replies';
import { publishingEnv } from '../../test/publishing';
import { dueReplies, processReply } from './reply-send';

const e = await publishingEnv({ worker: false });
type Reply = { id: string; state: string; text: string };

/** A WeChat comment synced in while a rule proposes the canned reply "{{author}}您好，已收到" to every comment. */
async function proposedFor(n = 1) {
  return wechatCommented(e, n, async (ws) => {
    const api = as(e, ws.team.owner);
    const tpl = await api({ method: 'POST', url: '/api/v1/inbox/templates', payload: { name: '收到', body: '{{account}}已收到您的留言' } });
    assert.equal(tpl.statusCode, 200, tpl.body);
    const rule = await api({
      method: 'POST',
      url: '/api/v1/inbox/rules',
      payload: { name: '自动回复', enabled: true, conditions: { kind: 'comment' }, actions: { replyTemplateId: tpl.json().id, addTags: ['已拟回复'] } },
    });
    assert.equal(rule.statusCode, 200, rule.body);
  });
}
const repliesOf = async (m: Member, itemId: string) => (await as(e, m)({ method: 'GET', url: `/api/v1/inbox/${itemId}/replies` })).json() as Reply[];

test('a proposed reply is not sent until approved; approved, it is sent exactly once', async () => {
  const c = await proposedFor();
  const [p] = await repliesOf(c.team.editor, c.item.id);
  assert.deepEqual([p.state, p.text], ['proposed', '号 1已收到您的留言']);
  assert.equal(await processReply(e.deps, p.id), null, 'the worker does not take a proposed reply');
  assert.ok(!(await dueReplies(e.deps, new Date(Date.now() + 3_600_000))).includes(p.id), 'nor does the sweep');
  assert.equal((await c.replies()).length, 0, 'WeChat holds no reply');
  const th = (await as(e, c.team.editor)({ method: 'GET', url: `/api/v1/inbox/${c.item.id}` })).json();
  assert.deepEqual(
    th.ruleHits.map((h: { ruleName: string; actions: string[] }) => [h.ruleName, h.actions]),
    [['自动回复', ['tags', 'reply']]],
  );

  const guest = await as(e, c.team.guest)({ method: 'POST', url: `/api/v1/inbox/replies/${p.id}/approve` });
  assert.equal(guest.statusCode, 403);
  const ok = await as(e, c.team.editor)({ method: 'POST', url: `/api/v1/inbox/replies/${p.id}/approve` });
  assert.equal(ok.statusCode, 200, ok.body);
  assert.equal(ok.json().state, 'queued');
  const again = await as(e, c.team.editor)({ method: 'POST', url: `/api/v1/inbox/replies/${p.id}/approve` });
  assert.equal(again.statusCode, 409, 'approved once');
  assert.equal(await processReply(e.deps, p.id), 'sent');
  assert.equal(await processReply(e.deps, p.id, { now: new Date(Date.now() + 3_600_000) }), null);
  assert.deepEqual(
    (await c.replies()).map((r) => r.content),
    ['号 1已收到您的留言'],
  );
  assert.equal((await c.sync()).stored, 0, 'the sync reads the reply back under the same id');
  const item = (await as(e, c.team.editor)({ method: 'GET', url: `/api/v1/inbox/${c.item.id}` })).json().item;
  assert.equal(item.status, 'open');
});

test('a discarded proposal is gone and nothing is sent; another workspace cannot approve or discard it', async () => {
  const c = await proposedFor(2);
  const [p] = await repliesOf(c.team.editor, c.items[1].id);
  assert.equal(p.state, 'proposed');
  const stranger = await proposedFor();
  for (const how of ['approve', 'discard'])
    assert.equal((await as(e, stranger.team.owner)({ method: 'POST', url: `/api/v1/inbox/replies/${p.id}/${how}` })).statusCode, 404, how);
  const d = await as(e, c.team.analyst)({ method: 'POST', url: `/api/v1/inbox/replies/${p.id}/discard` });
  assert.equal(d.statusCode, 200, d.body);
  assert.deepEqual(await repliesOf(c.team.editor, c.items[1].id), []);
  assert.equal((await as(e, c.team.editor)({ method: 'POST', url: `/api/v1/inbox/replies/${p.id}/approve` })).statusCode, 404);
  assert.equal((await c.replies()).length, 0);
  // The other item's proposal is untouched, and a member can still write their own reply to the discarded one.
  assert.equal((await repliesOf(c.team.editor, c.items[0].id))[0].state, 'proposed');
  const own = await as(e, c.team.editor)({ method: 'POST', url: `/api/v1/inbox/${c.items[1].id}/replies`, payload: { text: '亲手写的回复' } });
  assert.equal(own.statusCode, 200, own.body);
});
