// Reply-window warnings: a WeChat user's last message still unanswered 2 hours before the
// platform's 48-hour window closes is named once to its assignee (or the account's operators);
// an answered user, a closed window and one with time to spare are not; a new message from the
// same user opens a new window that is warned of again.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { testEnv, workspaceWithTeam } from '../../test/app';
import { createAccount } from '../../test/fixtures';
import { notificationsOf } from '../../test/goals';
import { ingestItems, type NewItem } from './ingest';
import { warnWindows } from './window-warnings';

const t = await testEnv();
const team = await workspaceWithTeam(t);
const acc = await createAccount(t, team.owner, { name: '服务号', operatorIds: [team.reviewer.userId] });
const H = 3_600_000;
const T0 = Date.parse('2026-03-02T10:00:00+08:00');
const msg = (id: string, user: string, at: number, extra: Partial<NewItem> = {}): NewItem => ({
  kind: 'message',
  externalId: id,
  authorId: user,
  authorName: user,
  text: `消息 ${id}`,
  at: new Date(at),
  ...extra,
});
const put = (items: NewItem[]) => t.deps.db.transaction((tx) => ingestItems(t.deps, tx, team.workspaceId, acc.id, 'push', items));
await put([
  msg('a1', 'userA', T0),
  msg('a2', 'userA', T0 + H, { parentExternalId: 'a1' }), // A's last: the window ends at T0 + 49 h
  msg('b1', 'userB', T0),
  msg('b1-r', 'userB', T0 + 10 * 60_000, { fromAccount: true, parentExternalId: 'b1', authorId: null }), // answered
  msg('c1', 'userC', T0 - 2 * H), // ends T0 + 46 h: closed by then
  msg('d1', 'userD', T0 + 40 * H), // ends T0 + 88 h: time to spare
]);
await t.deps.db.execute(sql`update inbox_items set assignee_id = ${team.editor.userId} where account_id = ${acc.id} and external_id = 'a2'`);
const told = async (userId: string) => (await notificationsOf(t, team.workspaceId, userId, 'inbox.window_closing')).map((n) => n.bodyZh);

test('the last unanswered message is named once before its window closes, to its assignee', async () => {
  assert.equal(await warnWindows(t.deps, new Date(T0 + 46 * H)), 0, '3 hours left: not yet');
  assert.equal(await warnWindows(t.deps, new Date(T0 + 47.5 * H)), 1, 'A: 90 minutes left');
  assert.deepEqual(await told(team.editor.userId), ['平台只允许在用户最后一条消息后的回复时限内回复，过后无法再联系该用户：消息 a2']);
  assert.equal((await told(team.reviewer.userId)).length, 0, 'assigned: the operators are not told');
  assert.equal(await warnWindows(t.deps, new Date(T0 + 48 * H)), 0, 'not again for the same window');
});

test('a new message opens a new window, warned of again; unassigned, the operators are told', async () => {
  await put([msg('a3', 'userA', T0 + 48.5 * H, { parentExternalId: 'a2' })]);
  assert.equal(await warnWindows(t.deps, new Date(T0 + 49 * H)), 0, 'the new window has 47.5 hours left');
  assert.equal(await warnWindows(t.deps, new Date(T0 + 95 * H)), 1);
  assert.deepEqual(await told(team.reviewer.userId), ['平台只允许在用户最后一条消息后的回复时限内回复，过后无法再联系该用户：消息 a3']);
});

test('a reply from the account in the thread ends the warning; a closed window is not warned of', async () => {
  await put([msg('d1-r', 'userD', T0 + 41 * H, { fromAccount: true, parentExternalId: 'd1', authorId: null })]);
  assert.equal(await warnWindows(t.deps, new Date(T0 + 87 * H)), 0, 'D is answered; B was answered; C closed long ago');
});
