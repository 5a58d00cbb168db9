// Changing or cancelling a scheduled session (people.manage). Invitees still on the list hear of a
// new time or place, newly added ones get the usual invitation, and a cancellation tells everyone
// invited. A cancelled session stays visible as such but takes no edit, attendance, quiz or sign-off.
import { and, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type * as P from '../../../../contract/people';
import type { Deps } from '../../context';
import type { Executor } from '../../db/pool';
import { AppError, invalidState } from '../../lib/errors';
import { findMedia } from '../content/media';
import { type Actor, audit } from '../identity/audit';
import { assertMember } from '../identity/membership';
import { assertCan } from '../identity/roles';
import { trainingInvitees, trainingSessions } from './tables';
import { assertOpen, tell, tellInvited, views, visible } from './training';

async function locked(tx: Executor, actor: Actor, id: string) {
  await visible(tx, actor, id);
  const [row] = await tx.select().from(trainingSessions).where(eq(trainingSessions.id, id)).for('update');
  assertOpen(row);
  return row;
}

const when = (d: Date, place: string) => ({
  zh: `新时间 ${d.toISOString()}，地点 ${place || '待定'}`,
  en: `Now at ${d.toISOString()}, place ${place || 'to be announced'}`,
});

export async function updateSession(deps: Deps, actor: Actor, id: string, body: z.infer<typeof P.UpdateSessionBody>) {
  assertCan(actor.role, 'people.manage');
  const ws = actor.workspaceId;
  if (body.speakerId) await assertMember(deps.db, ws, body.speakerId, { zh: '主讲人', en: 'The speaker' });
  const wanted = body.inviteeIds && [...new Set(body.inviteeIds)];
  for (const uid of wanted ?? []) await assertMember(deps.db, ws, uid, { zh: '受邀人', en: 'An invitee' });
  const mediaIds = body.mediaIds && [...new Set(body.mediaIds)];
  for (const mid of mediaIds ?? []) await findMedia(deps, ws, mid);
  return deps.db.transaction(async (tx) => {
    const before = await locked(tx, actor, id);
    const current = await tx.select().from(trainingInvitees).where(eq(trainingInvitees.sessionId, id));
    if (body.quiz !== undefined && current.some((i) => i.quizAt))
      throw invalidState({ zh: '已有人参加测验，测验不能再修改', en: 'Someone has taken the quiz; it can no longer be changed' });
    const speakerId = body.speakerId !== undefined ? body.speakerId : body.speakerName ? null : before.speakerId;
    const speakerName = speakerId ? null : body.speakerName !== undefined ? body.speakerName : before.speakerName;
    if (!speakerId && !speakerName)
      throw new AppError('validation_failed', { zh: '请选择主讲成员或填写外部主讲人', en: 'Choose a speaking member or give an outside speaker' }, [
        { path: 'speakerName', message: 'required' },
      ]);
    const added = wanted ? wanted.filter((u) => !current.some((i) => i.userId === u)) : [];
    const removed = wanted ? current.filter((i) => !wanted.includes(i.userId)) : [];
    if (removed.some((i) => i.attendance !== 'unmarked' || i.quizAt || i.signedOffAt))
      throw invalidState({
        zh: '已有出勤、测验或确认记录的受邀人不能移除',
        en: 'An invitee with attendance, a quiz result or a sign-off cannot be removed',
      });
    const [row] = await tx
      .update(trainingSessions)
      .set({
        kind: body.kind,
        title: body.title,
        description: body.description,
        startsAt: body.startsAt ? new Date(body.startsAt) : undefined,
        durationMinutes: body.durationMinutes,
        place: body.place,
        speakerId,
        speakerName,
        mediaIds,
        quiz: body.quiz,
        signOff: body.signOff,
      })
      .where(eq(trainingSessions.id, id))
      .returning();
    if (added.length) await tx.insert(trainingInvitees).values(added.map((userId) => ({ sessionId: id, workspaceId: ws, userId })));
    if (removed.length)
      await tx.delete(trainingInvitees).where(
        and(
          eq(trainingInvitees.sessionId, id),
          inArray(
            trainingInvitees.userId,
            removed.map((i) => i.userId),
          ),
        ),
      );
    const moved = row.startsAt.getTime() !== before.startsAt.getTime() || row.place !== before.place;
    await audit(tx, actor, {
      action: 'training.update',
      entityType: 'training_session',
      entityId: id,
      before: { kind: before.kind, startsAt: before.startsAt, place: before.place },
      after: {
        fields: Object.keys(body),
        kind: row.kind,
        startsAt: row.startsAt,
        place: row.place,
        invitees: { added: added.length, removed: removed.length },
      },
    });
    const staying = current.filter((i) => !removed.includes(i)).map((i) => i.userId);
    if (moved)
      await tell(
        deps,
        tx,
        row,
        staying,
        'people.training_changed',
        { zh: `培训改期/改地点：${row.title}`, en: `Training moved: ${row.title}` },
        when(row.startsAt, row.place),
      );
    await tellInvited(deps, tx, row, added);
    const [v] = await views(deps, tx, actor, [row]);
    return v;
  });
}

export async function cancelSession(deps: Deps, actor: Actor, id: string, body: z.infer<typeof P.CancelSessionBody>) {
  assertCan(actor.role, 'people.manage');
  return deps.db.transaction(async (tx) => {
    await locked(tx, actor, id);
    const [row] = await tx.update(trainingSessions).set({ canceledAt: new Date(), cancelReason: body.reason }).where(eq(trainingSessions.id, id)).returning();
    await audit(tx, actor, { action: 'training.cancel', entityType: 'training_session', entityId: id, after: { reason: body.reason } });
    const invited = await tx.select({ userId: trainingInvitees.userId }).from(trainingInvitees).where(eq(trainingInvitees.sessionId, id));
    await tell(
      deps,
      tx,
      row,
      invited.map((i) => i.userId),
      'people.training_canceled',
      { zh: `培训已取消：${row.title}`, en: `Training cancelled: ${row.title}` },
      { zh: `原因：${body.reason}`, en: `Reason: ${body.reason}` },
    );
    const [v] = await views(deps, tx, actor, [row]);
    return v;
  });
}
