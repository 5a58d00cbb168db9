// Breach warnings: an open, unanswered item whose first-response deadline is within 30 business
// minutes is notified once to its assignee, or to the account's operators when unassigned;
// answered items and items with time to spare are not; items found already past their deadline
// (the warnings were not running) are reported once, together, to the same people.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { as, testEnv, workspaceWithTeam } from '../../test/app';
import { createAccount } from '../../test/fixtures';
import { notificationsOf } from '../../test/goals';
import { seedItems } from '../../test/inbox-sla';
import { warnBreaches } from './sla-warnings';

const t = await testEnv();
const team = await workspaceWithTeam(t);
const acc = await createAccount(t, team.owner, { platform: 'xiaohongshu', name: '小红书号', operatorIds: [team.reviewer.userId] });
const E = team.editor.userId;
// Default calendar (Mon–Fri 09:00–18:00 Beijing); urgent: 30 minutes, normal: 240.
await seedItems(t, acc.id, team.owner, [
  { id: 'u1', who: E, priority: 'urgent', at: '2026-03-04T10:00:00+08:00' }, // due 10:30
  { id: 'u2', who: E, priority: 'urgent', at: '2026-03-04T10:00:00+08:00', reply: ['2026-03-04T10:03:00+08:00'] }, // answered
  { id: 'u3', who: E, priority: 'urgent', at: '2026-03-04T08:00:00+08:00' }, // due 09:30: already breached at 10:05
  { id: 'n1', at: '2026-03-04T10:00:00+08:00' }, // normal, unassigned: due 14:00
  { id: 'n2', at: '2026-03-03T17:00:00+08:00' }, // normal: 1h on Tuesday, due Wednesday 12:00
]);
const at = (s: string) => new Date(s);
const sent = async (userId: string) => (await notificationsOf(t, team.workspaceId, userId, 'inbox.sla_warning')).map((n) => n.bodyZh);

test('warned once, only within the last 30 business minutes, to the assignee or the operators', async () => {
  // u1 has 40 minutes left at 09:50 (n2 has 130); u3 (due 09:30) is found breached: one notice.
  assert.equal(await warnBreaches(t.deps, at('2026-03-04T09:50:00+08:00')), 1);
  const breach = await notificationsOf(t, team.workspaceId, E, 'inbox.sla_breach');
  assert.equal(breach.length, 1);
  assert.match(breach[0].bodyZh, /已超时且尚未回复/);
  assert.equal(await warnBreaches(t.deps, at('2026-03-04T10:05:00+08:00')), 1);
  const editor = await sent(E);
  assert.equal(editor.length, 1, 'only u1: u2 is answered, u3 was reported as breached');
  assert.equal((await notificationsOf(t, team.workspaceId, E, 'inbox.sla_breach')).length, 1, 'u3 is not reported again');
  assert.match(editor[0], /还剩 25 个工作分钟/);
  assert.equal(await warnBreaches(t.deps, at('2026-03-04T10:20:00+08:00')), 0, 'u1 is not warned again');
  // n2 (due 12:00) at 11:40; n1 (due 14:00) at 13:40, to the account's operator.
  assert.equal(await warnBreaches(t.deps, at('2026-03-04T11:40:00+08:00')), 1);
  assert.equal(await warnBreaches(t.deps, at('2026-03-04T13:40:00+08:00')), 1);
  assert.equal((await sent(team.reviewer.userId)).length, 2);
  assert.equal((await sent(E)).length, 1);
  assert.equal((await sent(team.owner.userId)).length, 0, 'the operators, not the owners, hear about unassigned items');
  // Every item due is warned: a rerun sends nothing.
  assert.equal(await warnBreaches(t.deps, at('2026-03-04T13:45:00+08:00')), 0);
});

test('an item changed to done is not warned about', async () => {
  const done = await seedItems(t, acc.id, team.owner, [{ id: 'd1', who: E, priority: 'urgent', at: '2026-03-05T10:00:00+08:00' }]);
  await as(t, team.editor)({ method: 'PATCH', url: `/api/v1/inbox/${done.get('d1')}`, payload: { status: 'done' } });
  assert.equal(await warnBreaches(t.deps, at('2026-03-05T10:10:00+08:00')), 0);
});
