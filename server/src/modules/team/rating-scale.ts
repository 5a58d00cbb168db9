// The workspace's rating scale, best first; S/A/B/C until a manager sets another.
import { eq } from 'drizzle-orm';
import type { Deps } from '../../context';
import type { Executor } from '../../db/pool';
import { AppError } from '../../lib/errors';
import { type Actor, audit } from '../identity/audit';
import { ratingScales } from './tables';

type Level = { key: string; label: string };

export const DEFAULT_SCALE: Level[] = [
  { key: 'S', label: '卓越 Outstanding' },
  { key: 'A', label: '优秀 Strong' },
  { key: 'B', label: '达标 Meets expectations' },
  { key: 'C', label: '待改进 Needs improvement' },
];

export async function ratingScaleOf(ex: Executor, workspaceId: string): Promise<Level[]> {
  const [r] = await ex.select().from(ratingScales).where(eq(ratingScales.workspaceId, workspaceId));
  return r?.levels ?? DEFAULT_SCALE;
}

export async function getRatingScale(deps: Deps, actor: Actor) {
  return { levels: await ratingScaleOf(deps.db, actor.workspaceId) };
}

export async function setRatingScale(deps: Deps, actor: Actor, levels: Level[]) {
  if (new Set(levels.map((l) => l.key)).size !== levels.length) {
    throw new AppError('validation_failed', { zh: '等级代码不能重复', en: 'Each level needs its own key' });
  }
  await deps.db.transaction(async (tx) => {
    const before = await ratingScaleOf(tx, actor.workspaceId);
    await tx
      .insert(ratingScales)
      .values({ workspaceId: actor.workspaceId, levels, updatedBy: actor.userId })
      .onConflictDoUpdate({ target: ratingScales.workspaceId, set: { levels, updatedBy: actor.userId, updatedAt: new Date() } });
    await audit(tx, actor, { action: 'rating_scale.set', entityType: 'rating_scale', entityId: actor.workspaceId, before, after: levels });
  });
  return { levels };
}
