// Training as a team lives it: a manager schedules a session with a member speaking, a library
// file as material and a quiz; the invitees are notified, each sees the session without the
// answers, takes the quiz (scored, pass mark), is marked present or absent, and their training
// record adds it up. Members who are not invited do not see it; editors cannot schedule.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { as, testEnv, workspaceWithTeam } from '../../test/app';
import { ok } from '../../test/feedback';
import { PNG_1x1 } from '../../test/fixtures';
import { uploadMedia } from '../content/media';
import { scoreQuiz } from './training';

const t = await testEnv();
const team = await workspaceWithTeam(t);
const other = await workspaceWithTeam(t);
const manager = as(t, team.manager);
const editor = as(t, team.editor);
const analyst = as(t, team.analyst);
const png = await uploadMedia(
  t.deps,
  { userId: team.manager.userId, workspaceId: team.workspaceId, role: 'manager' },
  { filename: '品牌手册.png', data: PNG_1x1 },
);
const foreignPng = await uploadMedia(
  t.deps,
  { userId: other.owner.userId, workspaceId: other.workspaceId, role: 'owner' },
  { filename: 'x.png', data: PNG_1x1 },
);

const quiz = {
  passPercent: 60,
  questions: [
    { question: '公众号每天可群发几次？', options: ['1 次', '3 次'], answer: 0 },
    { question: '「国家级」属于？', options: ['广告法禁用词', '普通词'], answer: 0 },
    { question: '发布前必须？', options: ['直接发', '过审核'], answer: 1 },
  ],
};
const session = {
  title: '广告法与风险词培训',
  startsAt: new Date(Date.now() + 86400_000).toISOString(),
  place: '3 楼会议室',
  speakerId: team.reviewer.userId,
  mediaIds: [png.id],
  inviteeIds: [team.editor.userId, team.analyst.userId],
  quiz,
};
type Session = {
  id: string;
  invitees: { userId: string; attendance: string; quizPassed: boolean | null }[];
  quiz: { questions: { answer?: number }[] };
  materials: { id: string }[];
  speakerName: string;
};

test('quiz scoring: right answers over questions, passed at or above the mark', () => {
  const q = { passPercent: 60, questions: quiz.questions };
  assert.deepEqual(scoreQuiz(q, [0, 0, 1]), { score: 3, total: 3, percent: 100, passed: true });
  assert.deepEqual(scoreQuiz(q, [0, 1, 1]), { score: 2, total: 3, percent: 67, passed: true });
  assert.deepEqual(scoreQuiz(q, [1, 1, 1]), { score: 1, total: 3, percent: 33, passed: false });
  assert.equal(scoreQuiz({ passPercent: 67, questions: quiz.questions }, [0, 1, 1]).passed, true, '67% meets a 67% mark');
  assert.equal(scoreQuiz({ passPercent: 68, questions: quiz.questions }, [0, 1, 1]).passed, false);
});

test('a manager schedules a session; invitees are notified and see it without the answers; others do not see it', async () => {
  const s = await ok<Session>(manager, { method: 'POST', url: '/api/v1/people/sessions', payload: session });
  assert.equal(s.speakerName, 'reviewer');
  assert.deepEqual(
    s.materials.map((m) => m.id),
    [png.id],
  );
  assert.equal(s.quiz.questions[0].answer, 0, 'the manager sees the answers');
  const notes = await t.deps.db.execute<{ user_id: string }>(
    sql`select user_id from notifications where kind = 'people.training_invited' and workspace_id = ${team.workspaceId}`,
  );
  assert.deepEqual(notes.rows.map((r) => r.user_id).sort(), [team.editor.userId, team.analyst.userId].sort());
  const mine = await ok<Session>(editor, { method: 'GET', url: `/api/v1/people/sessions/${s.id}` });
  assert.equal(mine.quiz.questions[0].answer, undefined, 'an invitee never sees the answers');
  assert.deepEqual(
    mine.invitees.map((i) => i.userId),
    [team.editor.userId],
    'an invitee sees only themselves',
  );
  const reviewerList = await ok<{ total: number }>(as(t, team.reviewer), { method: 'GET', url: '/api/v1/people/sessions' });
  assert.equal(reviewerList.total, 0);
  assert.equal((await as(t, team.reviewer)({ method: 'GET', url: `/api/v1/people/sessions/${s.id}` })).statusCode, 404);
  assert.equal((await as(t, other.owner)({ method: 'GET', url: `/api/v1/people/sessions/${s.id}` })).statusCode, 404);
});

test('quiz, attendance and the training record', async () => {
  const s = await ok<Session>(manager, { method: 'POST', url: '/api/v1/people/sessions', payload: { ...session, title: '数据复盘分享会', kind: 'sharing' } });
  const short = await editor({ method: 'POST', url: `/api/v1/people/sessions/${s.id}/quiz`, payload: { answers: [0] } });
  assert.equal(short.statusCode, 400, short.body);
  assert.match(short.json().error.message, /请回答全部 3 题/);
  assert.deepEqual(await ok(editor, { method: 'POST', url: `/api/v1/people/sessions/${s.id}/quiz`, payload: { answers: [0, 0, 1] } }), {
    score: 3,
    total: 3,
    percent: 100,
    passed: true,
  });
  assert.equal(
    (await ok<{ passed: boolean }>(analyst, { method: 'POST', url: `/api/v1/people/sessions/${s.id}/quiz`, payload: { answers: [1, 1, 0] } })).passed,
    false,
  );
  const notInvited = await as(t, team.reviewer)({ method: 'POST', url: `/api/v1/people/sessions/${s.id}/quiz`, payload: { answers: [0, 0, 1] } });
  assert.equal(notInvited.statusCode, 404);

  const marked = await ok<Session>(manager, {
    method: 'PUT',
    url: `/api/v1/people/sessions/${s.id}/attendance`,
    payload: { userId: team.editor.userId, attendance: 'present' },
  });
  assert.equal(marked.invitees.find((i) => i.userId === team.editor.userId)?.attendance, 'present');
  await ok(manager, { method: 'PUT', url: `/api/v1/people/sessions/${s.id}/attendance`, payload: { userId: team.analyst.userId, attendance: 'absent' } });
  const stranger = await manager({
    method: 'PUT',
    url: `/api/v1/people/sessions/${s.id}/attendance`,
    payload: { userId: team.guest.userId, attendance: 'present' },
  });
  assert.equal(stranger.statusCode, 400, 'only invitees get attendance');
  assert.equal(
    (await editor({ method: 'PUT', url: `/api/v1/people/sessions/${s.id}/attendance`, payload: { userId: team.editor.userId, attendance: 'present' } }))
      .statusCode,
    403,
  );

  const record = await ok<{ attended: number; quizzesPassed: number; invited: number; sessions: { title: string; attendance: string }[] }>(editor, {
    method: 'GET',
    url: '/api/v1/people/training-record',
  });
  assert.ok(record.invited >= 1);
  assert.equal(record.attended, 1);
  assert.equal(record.quizzesPassed, 1);
  assert.equal(record.sessions.find((x) => x.title === '数据复盘分享会')?.attendance, 'present');
  const analystRecord = await ok<{ attended: number; quizzesPassed: number }>(manager, {
    method: 'GET',
    url: `/api/v1/people/training-record?userId=${team.analyst.userId}`,
  });
  assert.deepEqual([analystRecord.attended, analystRecord.quizzesPassed], [0, 0]);
  const peek = await editor({ method: 'GET', url: `/api/v1/people/training-record?userId=${team.analyst.userId}` });
  assert.equal(peek.statusCode, 403, "a member never reads another's record");
});

test('sign-off sessions, and what schedule refuses', async () => {
  const s = await ok<Session & { invitees: { signedOffAt: string | null }[] }>(manager, {
    method: 'POST',
    url: '/api/v1/people/sessions',
    payload: { title: '品牌手册阅读', startsAt: session.startsAt, speakerName: '外部讲师 李老师', signOff: true, inviteeIds: [team.editor.userId] },
  });
  const signed = await ok<Session & { invitees: { signedOffAt: string | null }[] }>(editor, {
    method: 'POST',
    url: `/api/v1/people/sessions/${s.id}/sign-off`,
  });
  assert.ok(signed.invitees[0].signedOffAt);
  const noQuiz = await editor({ method: 'POST', url: `/api/v1/people/sessions/${s.id}/quiz`, payload: { answers: [] } });
  assert.equal(noQuiz.statusCode, 409);
  assert.equal((await editor({ method: 'POST', url: '/api/v1/people/sessions', payload: session })).statusCode, 403, 'editors do not schedule');
  const foreign = await manager({ method: 'POST', url: '/api/v1/people/sessions', payload: { ...session, mediaIds: [foreignPng.id] } });
  assert.equal(foreign.statusCode, 404, "another workspace's media is not a material");
  const outsider = await manager({ method: 'POST', url: '/api/v1/people/sessions', payload: { ...session, inviteeIds: [other.editor.userId] } });
  assert.equal(outsider.statusCode, 400);
  const noSpeaker = await manager({ method: 'POST', url: '/api/v1/people/sessions', payload: { ...session, speakerId: undefined } });
  assert.equal(noSpeaker.statusCode, 400);
  const badAnswer = await manager({
    method: 'POST',
    url: '/api/v1/people/sessions',
    payload: { ...session, quiz: { questions: [{ question: '?', options: ['a', 'b'], answer: 2 }] } },
  });
  assert.equal(badAnswer.statusCode, 400);
});
