// Changing and cancelling a session as a manager does it: invitees hear of a new time or place,
// newly added ones are invited, the quiz is fixed once someone took it, people with a record stay
// on the list, and a cancelled session says so and takes nothing more. Every change is audited.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { as, testEnv, workspaceWithTeam } from '../../test/app';
import { ok } from '../../test/feedback';

const t = await testEnv();
const team = await workspaceWithTeam(t);
const other = await workspaceWithTeam(t);
const manager = as(t, team.manager);
const editor = as(t, team.editor);
const quiz = { passPercent: 50, questions: [{ question: '发布前必须？', options: ['直接发', '过审核'], answer: 1 }] };
type Session = { id: string; startsAt: string; place: string; canceledAt: string | null; cancelReason: string | null; invitees: { userId: string }[] };

const schedule = (extra: Record<string, unknown> = {}) =>
  ok<Session>(manager, {
    method: 'POST',
    url: '/api/v1/people/sessions',
    payload: {
      title: '选题会方法分享',
      startsAt: new Date(Date.now() + 86400_000).toISOString(),
      place: '3 楼会议室',
      speakerName: '李老师',
      inviteeIds: [team.editor.userId],
      quiz,
      ...extra,
    },
  });
const notes = async (kind: string, sessionId: string) =>
  (
    await t.deps.db.execute<{ user_id: string; body_zh: string }>(
      sql`select user_id, body_zh from notifications where kind = ${kind} and link = ${`/people?session=${sessionId}`}`,
    )
  ).rows;
const audits = async (action: string, id: string) =>
  (await t.deps.db.execute<{ n: number }>(sql`select count(*)::int as n from audit_log where action = ${action} and entity_id = ${id}`)).rows[0].n;

test('a new time or place tells the invitees; a newly added invitee is invited, not told of a change', async () => {
  const s = await schedule();
  const later = new Date(Date.now() + 2 * 86400_000).toISOString();
  const moved = await ok<Session>(manager, {
    method: 'PATCH',
    url: `/api/v1/people/sessions/${s.id}`,
    payload: { startsAt: later, place: '线上会议', inviteeIds: [team.editor.userId, team.analyst.userId] },
  });
  assert.equal(moved.place, '线上会议');
  assert.equal(new Date(moved.startsAt).getTime(), new Date(later).getTime());
  const changed = await notes('people.training_changed', s.id);
  assert.deepEqual(
    changed.map((n) => n.user_id),
    [team.editor.userId],
  );
  assert.match(changed[0].body_zh, /线上会议/);
  assert.deepEqual((await notes('people.training_invited', s.id)).map((n) => n.user_id).sort(), [team.editor.userId, team.analyst.userId].sort());
  await ok(manager, { method: 'PATCH', url: `/api/v1/people/sessions/${s.id}`, payload: { title: '选题会方法分享（第二期）' } });
  assert.equal((await notes('people.training_changed', s.id)).length, 1, 'a new title alone tells nobody');
  assert.equal(await audits('training.update', s.id), 2);
  const seen = await ok<{ title: string }>(as(t, team.analyst), { method: 'GET', url: `/api/v1/people/sessions/${s.id}` });
  assert.equal(seen.title, '选题会方法分享（第二期）', 'the new invitee sees the session');
});

test('the quiz can change until someone takes it; invitees with a record cannot be removed; only managers edit', async () => {
  const s = await schedule();
  const harder = { passPercent: 100, questions: [...quiz.questions, { question: '「最」字属于？', options: ['禁用词', '普通词'], answer: 0 }] };
  await ok(manager, { method: 'PATCH', url: `/api/v1/people/sessions/${s.id}`, payload: { quiz: harder } });
  await ok(editor, { method: 'POST', url: `/api/v1/people/sessions/${s.id}/quiz`, payload: { answers: [1, 0] } });
  const late = await manager({ method: 'PATCH', url: `/api/v1/people/sessions/${s.id}`, payload: { quiz } });
  assert.equal(late.statusCode, 409, late.body);
  assert.match(late.json().error.message, /测验不能再修改|can no longer be changed/);
  const drop = await manager({ method: 'PATCH', url: `/api/v1/people/sessions/${s.id}`, payload: { inviteeIds: [] } });
  assert.equal(drop.statusCode, 409, 'the editor has a quiz result');
  assert.equal((await editor({ method: 'PATCH', url: `/api/v1/people/sessions/${s.id}`, payload: { place: 'x' } })).statusCode, 403);
  assert.equal((await as(t, other.owner)({ method: 'PATCH', url: `/api/v1/people/sessions/${s.id}`, payload: { place: 'x' } })).statusCode, 404);
  const outsider = await manager({ method: 'PATCH', url: `/api/v1/people/sessions/${s.id}`, payload: { inviteeIds: [other.editor.userId] } });
  assert.equal(outsider.statusCode, 400);
  assert.equal((await manager({ method: 'PATCH', url: `/api/v1/people/sessions/${s.id}`, payload: {} })).statusCode, 400, 'nothing to change');
  const noSpeaker = await manager({ method: 'PATCH', url: `/api/v1/people/sessions/${s.id}`, payload: { speakerName: null } });
  assert.equal(noSpeaker.statusCode, 400, 'a session keeps a speaker');
  const fresh = await schedule({ inviteeIds: [team.editor.userId, team.analyst.userId] });
  const removed = await ok<Session>(manager, { method: 'PATCH', url: `/api/v1/people/sessions/${fresh.id}`, payload: { inviteeIds: [team.analyst.userId] } });
  assert.deepEqual(
    removed.invitees.map((i) => i.userId),
    [team.analyst.userId],
  );
  assert.equal((await editor({ method: 'GET', url: `/api/v1/people/sessions/${fresh.id}` })).statusCode, 404, 'a removed invitee no longer sees it');
});

test('a training becomes a sharing session (分享会) in the list and the detail, audited; a non-manager cannot change the kind', async () => {
  const s = await schedule();
  const refused = await editor({ method: 'PATCH', url: `/api/v1/people/sessions/${s.id}`, payload: { kind: 'sharing' } });
  assert.equal(refused.statusCode, 403, refused.body);
  const bogus = await manager({ method: 'PATCH', url: `/api/v1/people/sessions/${s.id}`, payload: { kind: 'lecture' } });
  assert.equal(bogus.statusCode, 400, bogus.body);
  assert.equal(
    (await ok<{ kind: string }>(manager, { method: 'GET', url: `/api/v1/people/sessions/${s.id}` })).kind,
    'training',
    'refused changes left it a training',
  );
  const changed = await ok<{ kind: string }>(manager, { method: 'PATCH', url: `/api/v1/people/sessions/${s.id}`, payload: { kind: 'sharing' } });
  assert.equal(changed.kind, 'sharing');
  const list = await ok<{ items: { id: string; kind: string }[] }>(manager, { method: 'GET', url: '/api/v1/people/sessions?pageSize=100' });
  assert.equal(list.items.find((x) => x.id === s.id)?.kind, 'sharing');
  assert.equal(
    (await ok<{ kind: string }>(editor, { method: 'GET', url: `/api/v1/people/sessions/${s.id}` })).kind,
    'sharing',
    'the invitee sees a sharing session',
  );
  const [row] = (
    await t.deps.db.execute<{ before: { kind: string }; after: { kind: string } }>(
      sql`select before, after from audit_log where action = 'training.update' and entity_id = ${s.id}`,
    )
  ).rows;
  assert.deepEqual([row.before.kind, row.after.kind], ['training', 'sharing']);
  assert.equal((await notes('people.training_changed', s.id)).length, 0, 'a new kind alone tells nobody');
});

test('a cancelled session tells every invitee, shows as cancelled and takes no attendance, quiz, sign-off or edit', async () => {
  const s = await schedule({ signOff: true, inviteeIds: [team.editor.userId, team.analyst.userId] });
  assert.equal(
    (await manager({ method: 'POST', url: `/api/v1/people/sessions/${s.id}/cancel`, payload: { reason: '' } })).statusCode,
    400,
    'a reason is needed',
  );
  assert.equal((await editor({ method: 'POST', url: `/api/v1/people/sessions/${s.id}/cancel`, payload: { reason: '不想上' } })).statusCode, 403);
  const c = await ok<Session>(manager, { method: 'POST', url: `/api/v1/people/sessions/${s.id}/cancel`, payload: { reason: '讲师临时出差' } });
  assert.ok(c.canceledAt);
  assert.equal(c.cancelReason, '讲师临时出差');
  const told = await notes('people.training_canceled', s.id);
  assert.deepEqual(told.map((n) => n.user_id).sort(), [team.editor.userId, team.analyst.userId].sort());
  assert.match(told[0].body_zh, /讲师临时出差/);
  const seen = await ok<Session>(editor, { method: 'GET', url: `/api/v1/people/sessions/${s.id}` });
  assert.equal(seen.cancelReason, '讲师临时出差', 'the invitee sees it is cancelled and why');
  const refused = [
    await editor({ method: 'POST', url: `/api/v1/people/sessions/${s.id}/quiz`, payload: { answers: [1] } }),
    await editor({ method: 'POST', url: `/api/v1/people/sessions/${s.id}/sign-off` }),
    await manager({ method: 'PUT', url: `/api/v1/people/sessions/${s.id}/attendance`, payload: { userId: team.editor.userId, attendance: 'present' } }),
    await manager({ method: 'PATCH', url: `/api/v1/people/sessions/${s.id}`, payload: { place: '别处' } }),
    await manager({ method: 'POST', url: `/api/v1/people/sessions/${s.id}/cancel`, payload: { reason: '再取消一次' } }),
  ];
  for (const r of refused) {
    assert.equal(r.statusCode, 409, r.body);
    assert.match(r.json().error.message, /该培训已取消/);
  }
  assert.equal(await audits('training.cancel', s.id), 1);
});
