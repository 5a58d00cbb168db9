// Training and sharing sessions: scheduled by managers (people.manage) with a speaker (a member or
// an outside name), materials from the media library (checked through the content module),
// invitees (told through notify), attendance marked by a manager, and a quiz or a sign-off that
// each invitee does for themselves. A member sees the sessions they are invited to; managers all.
import { and, asc, desc, eq, gte, ilike, inArray, lt, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type * as P from '../../../../contract/people';
import type { Deps } from '../../context';
import type { Executor } from '../../db/pool';
import { AppError, invalidState, notFound } from '../../lib/errors';
import { type PageQuery, paged } from '../../lib/paging';
import { contains } from '../../lib/sql';
import { iso, isoOr } from '../../lib/time';
import { findMedia, mediaView } from '../content/media';
import { type Actor, audit } from '../identity/audit';
import { assertMember, memberNames } from '../identity/membership';
import { assertCan, can } from '../identity/roles';
import { notify } from '../notify/service';
import { type StoredQuiz, trainingInvitees, trainingSessions } from './tables';

const SESSION = { zh: '培训', en: 'Training session' };
type SessionRow = typeof trainingSessions.$inferSelect;
type InviteeRow = typeof trainingInvitees.$inferSelect;

/** Right answers over the questions; passed at or above the quiz's pass mark. */
export function scoreQuiz(quiz: StoredQuiz, answers: number[]) {
  const total = quiz.questions.length;
  const score = quiz.questions.filter((q, i) => answers[i] === q.answer).length;
  const percent = Math.round((score * 100) / total);
  return { score, total, percent, passed: percent >= quiz.passPercent };
}

export async function views(deps: Deps, ex: Executor, actor: Actor, rows: SessionRow[]) {
  if (!rows.length) return [];
  const manager = can(actor.role, 'people.manage');
  const invitees = await ex
    .select()
    .from(trainingInvitees)
    .where(
      and(
        inArray(
          trainingInvitees.sessionId,
          rows.map((r) => r.id),
        ),
        manager ? undefined : eq(trainingInvitees.userId, actor.userId),
      ),
    );
  const names = await memberNames(ex, actor.workspaceId, [...invitees.map((i) => i.userId), ...rows.map((r) => r.speakerId)]);
  const media = new Map<string, { id: string; filename: string; kind: string }>();
  for (const id of new Set(rows.flatMap((r) => r.mediaIds))) {
    const m = await findMedia(deps, actor.workspaceId, id).catch(() => null); // deleted since: dropped from the list
    if (m) media.set(id, { id: m.id, filename: m.filename, kind: mediaView(m).kind });
  }
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as 'training' | 'sharing',
    title: r.title,
    description: r.description,
    startsAt: isoOr(r.startsAt),
    durationMinutes: r.durationMinutes,
    place: r.place,
    speakerId: r.speakerId,
    speakerName: r.speakerId ? (names.get(r.speakerId) ?? null) : r.speakerName,
    materials: r.mediaIds.flatMap((id) => media.get(id) ?? []),
    quiz: r.quiz
      ? {
          passPercent: r.quiz.passPercent,
          questions: r.quiz.questions.map((q) => ({ question: q.question, options: q.options, ...(manager ? { answer: q.answer } : {}) })),
        }
      : null,
    signOff: r.signOff,
    invitees: invitees.filter((i) => i.sessionId === r.id).map((i) => inviteeView(i, names)),
    canceledAt: iso(r.canceledAt),
    cancelReason: r.cancelReason,
    createdAt: isoOr(r.createdAt),
  }));
}

const inviteeView = (i: InviteeRow, names: Map<string, string>) => ({
  userId: i.userId,
  name: names.get(i.userId) ?? null,
  attendance: i.attendance as 'unmarked' | 'present' | 'absent',
  quizScore: i.quizScore,
  quizPassed: i.quizPassed,
  signedOffAt: iso(i.signedOffAt),
});

/** A cancelled session takes nothing more: no edit, attendance, quiz or sign-off. */
export function assertOpen(row: SessionRow) {
  if (row.canceledAt) throw invalidState({ zh: '该培训已取消', en: 'This session has been cancelled' });
}

/** The session as the actor may see it: managers any of the workspace's, a member only one they are invited to. */
export async function visible(ex: Executor, actor: Actor, id: string) {
  const [row] = await ex
    .select()
    .from(trainingSessions)
    .where(and(eq(trainingSessions.id, id), eq(trainingSessions.workspaceId, actor.workspaceId)));
  if (!row) throw notFound(SESSION);
  if (!can(actor.role, 'people.manage')) {
    const [mine] = await ex
      .select()
      .from(trainingInvitees)
      .where(and(eq(trainingInvitees.sessionId, id), eq(trainingInvitees.userId, actor.userId)));
    if (!mine) throw notFound(SESSION);
  }
  return row;
}

type Bi = { zh: string; en: string };
/** An in-app notice about one session to some of its invitees, linking to it. */
export async function tell(deps: Deps, tx: Executor, row: SessionRow, userIds: string[], kind: string, title: Bi, body: Bi) {
  if (userIds.length) await notify(deps, { workspaceId: row.workspaceId, kind, title, body, link: `/people?session=${row.id}`, userIds, webhooks: false }, tx);
}

export const tellInvited = (deps: Deps, tx: Executor, row: SessionRow, userIds: string[]) =>
  tell(
    deps,
    tx,
    row,
    userIds,
    'people.training_invited',
    { zh: `培训邀请：${row.title}`, en: `Invited to training: ${row.title}` },
    { zh: `时间 ${row.startsAt.toISOString()}，地点 ${row.place || '待定'}`, en: `At ${row.startsAt.toISOString()}, place ${row.place || 'to be announced'}` },
  );

export async function createSession(deps: Deps, actor: Actor, body: z.infer<typeof P.CreateSessionBody>) {
  assertCan(actor.role, 'people.manage');
  const ws = actor.workspaceId;
  if (!body.speakerId && !body.speakerName)
    throw new AppError('validation_failed', { zh: '请选择主讲成员或填写外部主讲人', en: 'Choose a speaking member or give an outside speaker' }, [
      { path: 'speakerName', message: 'required' },
    ]);
  if (body.speakerId) await assertMember(deps.db, ws, body.speakerId, { zh: '主讲人', en: 'The speaker' });
  const inviteeIds = [...new Set(body.inviteeIds)];
  for (const id of inviteeIds) await assertMember(deps.db, ws, id, { zh: '受邀人', en: 'An invitee' });
  const mediaIds = [...new Set(body.mediaIds)];
  for (const id of mediaIds) await findMedia(deps, ws, id);
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(trainingSessions)
      .values({
        workspaceId: ws,
        kind: body.kind,
        title: body.title,
        description: body.description,
        startsAt: new Date(body.startsAt),
        durationMinutes: body.durationMinutes,
        place: body.place,
        speakerId: body.speakerId ?? null,
        speakerName: body.speakerId ? null : (body.speakerName ?? null),
        mediaIds,
        quiz: body.quiz ?? null,
        signOff: body.signOff,
        createdBy: actor.userId,
      })
      .returning();
    if (inviteeIds.length) await tx.insert(trainingInvitees).values(inviteeIds.map((userId) => ({ sessionId: row.id, workspaceId: ws, userId })));
    await audit(tx, actor, {
      action: 'training.create',
      entityType: 'training_session',
      entityId: row.id,
      after: { title: row.title, startsAt: row.startsAt, invitees: inviteeIds.length },
    });
    await tellInvited(deps, tx, row, inviteeIds);
    const [v] = await views(deps, tx, actor, [row]);
    return v;
  });
}

export async function listSessions(deps: Deps, actor: Actor, q: z.infer<typeof P.SessionQuery> & PageQuery) {
  const s = trainingSessions;
  const w: (SQL | undefined)[] = [eq(s.workspaceId, actor.workspaceId)];
  if (!can(actor.role, 'people.manage')) w.push(sql`exists (select 1 from ${trainingInvitees} i where i.session_id = ${s.id} and i.user_id = ${actor.userId})`);
  if (q.when === 'upcoming') w.push(gte(s.startsAt, sql`now()`));
  if (q.when === 'past') w.push(lt(s.startsAt, sql`now()`));
  if (q.q) w.push(ilike(s.title, contains(q.q)));
  const where = and(...w);
  return paged(
    q,
    (limit, offset) =>
      deps.db
        .select()
        .from(s)
        .where(where)
        .orderBy(q.when === 'upcoming' ? asc(s.startsAt) : desc(s.startsAt))
        .limit(limit)
        .offset(offset),
    deps.db.select({ n: sql<number>`count(*)::int` }).from(s).where(where),
    (rows) => views(deps, deps.db, actor, rows),
  );
}

export async function getSession(deps: Deps, actor: Actor, id: string) {
  const [v] = await views(deps, deps.db, actor, [await visible(deps.db, actor, id)]);
  return v;
}

async function invitee(ex: Executor, sessionId: string, userId: string, lock = false) {
  const q = ex
    .select()
    .from(trainingInvitees)
    .where(and(eq(trainingInvitees.sessionId, sessionId), eq(trainingInvitees.userId, userId)));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw new AppError('validation_failed', { zh: '此人未受邀参加该培训', en: 'This member is not invited to the session' });
  return row;
}

export async function markAttendance(deps: Deps, actor: Actor, id: string, body: z.infer<typeof P.AttendanceBody>) {
  assertCan(actor.role, 'people.manage');
  return deps.db.transaction(async (tx) => {
    assertOpen(await visible(tx, actor, id));
    const before = await invitee(tx, id, body.userId, true);
    await tx
      .update(trainingInvitees)
      .set({ attendance: body.attendance })
      .where(and(eq(trainingInvitees.sessionId, id), eq(trainingInvitees.userId, body.userId)));
    await audit(tx, actor, {
      action: 'training.attendance',
      entityType: 'training_session',
      entityId: id,
      before: { userId: body.userId, attendance: before.attendance },
      after: { userId: body.userId, attendance: body.attendance },
    });
    const [v] = await views(deps, tx, actor, [await visible(tx, actor, id)]);
    return v;
  });
}

/** An invitee takes the quiz; a retake replaces the result (the latest one counts). */
export async function takeQuiz(deps: Deps, actor: Actor, id: string, body: z.infer<typeof P.QuizAnswersBody>) {
  assertCan(actor.role, 'people.self');
  return deps.db.transaction(async (tx) => {
    const session = await visible(tx, actor, id);
    assertOpen(session);
    if (!session.quiz) throw invalidState({ zh: '该培训没有测验', en: 'This session has no quiz' });
    await invitee(tx, id, actor.userId, true);
    if (body.answers.length !== session.quiz.questions.length)
      throw new AppError('validation_failed', {
        zh: `请回答全部 ${session.quiz.questions.length} 题`,
        en: `Answer all ${session.quiz.questions.length} questions`,
      });
    const result = scoreQuiz(session.quiz, body.answers);
    await tx
      .update(trainingInvitees)
      .set({ quizScore: result.score, quizPassed: result.passed, quizAt: sql`now()` })
      .where(and(eq(trainingInvitees.sessionId, id), eq(trainingInvitees.userId, actor.userId)));
    await audit(tx, actor, { action: 'training.quiz', entityType: 'training_session', entityId: id, after: result });
    return result;
  });
}

export async function signOff(deps: Deps, actor: Actor, id: string) {
  assertCan(actor.role, 'people.self');
  return deps.db.transaction(async (tx) => {
    const session = await visible(tx, actor, id);
    assertOpen(session);
    if (!session.signOff) throw invalidState({ zh: '该培训不需要确认', en: 'This session asks for no sign-off' });
    const mine = await invitee(tx, id, actor.userId, true);
    if (!mine.signedOffAt) {
      await tx
        .update(trainingInvitees)
        .set({ signedOffAt: sql`now()` })
        .where(and(eq(trainingInvitees.sessionId, id), eq(trainingInvitees.userId, actor.userId)));
      await audit(tx, actor, { action: 'training.sign_off', entityType: 'training_session', entityId: id });
    }
    const [v] = await views(deps, tx, actor, [session]);
    return v;
  });
}

/** A member's training record: their own for anyone, anyone's for people.manage. */
export async function trainingRecord(deps: Deps, actor: Actor, userId = actor.userId) {
  if (userId !== actor.userId) assertCan(actor.role, 'people.manage');
  await assertMember(deps.db, actor.workspaceId, userId, { zh: '成员', en: 'The member' });
  const rows = await deps.db
    .select({ i: trainingInvitees, title: trainingSessions.title, startsAt: trainingSessions.startsAt })
    .from(trainingInvitees)
    .innerJoin(trainingSessions, eq(trainingSessions.id, trainingInvitees.sessionId))
    .where(and(eq(trainingInvitees.workspaceId, actor.workspaceId), eq(trainingInvitees.userId, userId)))
    .orderBy(desc(trainingSessions.startsAt));
  const names = await memberNames(deps.db, actor.workspaceId, [userId]);
  return {
    userId,
    name: names.get(userId) ?? null,
    invited: rows.length,
    attended: rows.filter((r) => r.i.attendance === 'present').length,
    quizzesPassed: rows.filter((r) => r.i.quizPassed).length,
    sessions: rows.map((r) => ({
      sessionId: r.i.sessionId,
      title: r.title,
      startsAt: isoOr(r.startsAt),
      attendance: r.i.attendance as 'unmarked' | 'present' | 'absent',
      quizPassed: r.i.quizPassed,
      quizScore: r.i.quizScore,
      signedOffAt: iso(r.i.signedOffAt),
    })),
  };
}
