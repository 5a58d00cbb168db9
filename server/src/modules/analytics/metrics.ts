// A publication's daily figures, typed in by a member (manual platforms have no metrics API).
// Who may write them: as for completing a manual publication, a writer (content.write) or an
// operator of the publication's account, whatever their role.
import type { z } from 'zod';
import type { PutMetricsBody } from '../../../../contract/analytics';
import { can } from '../../../../contract/permissions';
import type { Deps } from '../../context';
import type { Executor } from '../../db/pool';
import { AppError, type Bilingual, forbidden, notFound } from '../../lib/errors';
import { type Actor, audit } from '../identity/audit';
import { type FoundPublication, findPublications } from '../publishing/lookup';
import { daysOf, deleteDay, figuresOf, metricsView, upsertDays } from './repository';

const PUB = { zh: '发布任务', en: 'Publication' };

export const NOT_OPERATOR: Bilingual = {
  zh: '只有编辑或该账号的运营人员可以录入数据',
  en: "Only writers or the account's operators can record its figures",
};
export const NOT_PUBLISHED = (state: string): Bilingual => ({
  zh: `该发布尚未发布（${state}），不能录入数据`,
  en: `The publication is not published yet (${state}); it has no figures to record`,
});

export const mayRecord = (actor: Actor, p: FoundPublication) => can(actor.role, 'content.write') || p.operatorIds.includes(actor.userId);

/** The latest day any platform can have reported: tomorrow in UTC covers every time zone's today. */
export function latestDay(now = new Date()) {
  return new Date(now.getTime() + 86_400_000).toISOString().slice(0, 10);
}

async function publicationOf(ex: Executor, actor: Actor, id: string) {
  const [p] = await findPublications(ex, actor.workspaceId, { ids: [id], links: [] });
  if (!p) throw notFound(PUB);
  return p;
}

async function writable(ex: Executor, actor: Actor, id: string) {
  const p = await publicationOf(ex, actor, id);
  if (!mayRecord(actor, p)) throw forbidden(NOT_OPERATOR);
  if (p.state !== 'published') throw new AppError('invalid_state', NOT_PUBLISHED(p.state));
  return p;
}

export async function listMetrics(deps: Deps, actor: Actor, id: string) {
  await publicationOf(deps.db, actor, id);
  return daysOf(deps.db, actor.workspaceId, id);
}

export async function putMetrics(deps: Deps, actor: Actor, id: string, body: z.infer<typeof PutMetricsBody>) {
  if (body.day > latestDay()) throw new AppError('validation_failed', { zh: `日期 ${body.day} 还没有到`, en: `The day ${body.day} has not come yet` });
  return deps.db.transaction(async (tx) => {
    const p = await writable(tx, actor, id);
    const figures = figuresOf(body);
    await upsertDays(tx, [
      {
        workspaceId: actor.workspaceId,
        publicationId: p.id,
        postId: p.postId,
        accountId: p.accountId,
        day: body.day,
        figures,
        source: 'typed',
        userId: actor.userId,
      },
    ]);
    await audit(tx, actor, { action: 'metrics.put', entityType: 'publication', entityId: p.id, after: { day: body.day, ...figures } });
    const days = await daysOf(tx, actor.workspaceId, id);
    const row = days.find((d) => d.day === body.day);
    if (!row) throw new Error('the day just written is not there');
    return row;
  });
}

export async function deleteMetrics(deps: Deps, actor: Actor, id: string, day: string) {
  return deps.db.transaction(async (tx) => {
    const p = await publicationOf(tx, actor, id);
    if (!mayRecord(actor, p)) throw forbidden(NOT_OPERATOR);
    const gone = await deleteDay(tx, actor.workspaceId, id, day);
    if (!gone) throw notFound({ zh: `${day} 的数据`, en: `The figures of ${day}` });
    await audit(tx, actor, { action: 'metrics.delete', entityType: 'publication', entityId: id, before: metricsView(gone, null) });
    return { ok: true as const };
  });
}
