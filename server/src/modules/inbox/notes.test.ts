// Internal notes on an inbox item: the team writes them beside the thread, @name notifies that
// member (the longest name wins, the writer is not told about themself, a name from another
// workspace notifies no one), each workspace sees only its own, guests are refused.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eq } from 'drizzle-orm';
import { users } from '../identity/tables';
import { as, testEnv, workspaceWithTeam } from '../../test/app';
import { createAccount } from '../../test/fixtures';
import { notificationsOf } from '../../test/goals';

const t = await testEnv();
const a = await workspaceWithTeam(t);
const b = await workspaceWithTeam(t);
// Two names where one begins the other: @小王子 must be 小王子, not 小王.
await t.deps.db.update(users).set({ name: '小王' }).where(eq(users.id, a.reviewer.userId));
await t.deps.db.update(users).set({ name: '小王子' }).where(eq(users.id, a.analyst.userId));
await t.deps.db.update(users).set({ name: '外人' }).where(eq(users.id, b.editor.userId));
const account = await createAccount(t, a.owner, { platform: 'xiaohongshu', name: '小红书号' });
await as(
  t,
  a.editor,
)({
  method: 'POST',
  url: '/api/v1/inbox/import',
  payload: { accountId: account.id, items: [{ text: '退款三天了还没到账', authorName: '顾客', at: new Date().toISOString() }] },
});
const itemId = ((await as(t, a.editor)({ method: 'GET', url: '/api/v1/inbox' })).json() as { items: { id: string }[] }).items[0].id;
const notes = (m: typeof a.editor) => as(t, m)({ method: 'GET', url: `/api/v1/inbox/${itemId}/notes` });
const add = (m: typeof a.editor, text: string) => as(t, m)({ method: 'POST', url: `/api/v1/inbox/${itemId}/notes`, payload: { text } });

test('a note with @mentions notifies the members it names, once each, with a link to the item', async () => {
  const r = await add(a.editor, '@小王子 请核对订单，@editor 我自己跟进，@外人 看一下，@guest 不该知道');
  assert.equal(r.statusCode, 200, r.body);
  const note = r.json() as { mentions: { id: string; name: string }[]; authorName: string };
  assert.equal(note.authorName, 'editor');
  assert.deepEqual(
    note.mentions.map((m) => m.name),
    ['小王子', 'editor'],
    'the longest name wins; a name from another workspace is not a member here; a guest cannot open the inbox',
  );
  const told = await notificationsOf(t, a.workspaceId, a.analyst.userId, 'inbox.mention');
  assert.equal(told.length, 1);
  assert.match(told[0].bodyZh, /退款三天了还没到账/);
  assert.equal(told[0].link, `/inbox?item=${itemId}`);
  assert.equal((await notificationsOf(t, a.workspaceId, a.reviewer.userId, 'inbox.mention')).length, 0, '小王 was not named');
  assert.equal((await notificationsOf(t, a.workspaceId, a.editor.userId, 'inbox.mention')).length, 0, 'the writer is not told');
  assert.equal((await notificationsOf(t, b.workspaceId, b.editor.userId, 'inbox.mention')).length, 0);
  assert.equal((await notificationsOf(t, a.workspaceId, a.guest.userId, 'inbox.mention')).length, 0);
});

test('notes list in order; an empty note is refused in both languages; guests and other workspaces get nothing', async () => {
  await add(a.manager, '已联系物流');
  const list = (await notes(a.reviewer)).json() as { text: string }[];
  assert.deepEqual(list.map((n) => n.text).slice(-1), ['已联系物流']);
  assert.ok(list.length >= 2);
  const empty = await add(a.editor, '   ');
  assert.equal(empty.statusCode, 400);
  assert.match(empty.body, /备注不能为空/);
  assert.match(empty.body, /must not be empty/);
  assert.equal((await notes(a.guest)).statusCode, 403);
  assert.equal((await notes(b.owner)).statusCode, 404);
  assert.equal((await add(b.owner, '越权')).statusCode, 404);
});
