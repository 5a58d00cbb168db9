// A workspace's index weights and anomaly threshold k: shown to everyone, changed by managers.
// No stored row (or field) means the defaults of PRODUCT.md.
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { UpdateAnalyticsSettingsBody } from '../../../../contract/goals';
import type { Deps } from '../../context';
import type { Executor } from '../../db/pool';
import { type Actor, audit } from '../identity/audit';
import { BCI_DEFAULTS, type BciWeights, WCI_DEFAULTS, type WciWeights } from './index-formulas';
import { analyticsSettings } from './watch-tables';

export const DEFAULT_K = 3;

export async function settingsOf(ex: Executor, workspaceId: string) {
  const [row] = await ex.select().from(analyticsSettings).where(eq(analyticsSettings.workspaceId, workspaceId));
  return {
    wci: { ...WCI_DEFAULTS, ...(row?.wci ?? {}) } as WciWeights,
    bci: { ...BCI_DEFAULTS, ...(row?.bci ?? {}) } as BciWeights,
    anomalyK: row?.anomalyK ?? DEFAULT_K,
  };
}

const view = (s: Awaited<ReturnType<typeof settingsOf>>) => ({ ...s, defaults: { wci: WCI_DEFAULTS, bci: BCI_DEFAULTS, anomalyK: DEFAULT_K } });

export async function getSettings(deps: Deps, actor: Actor) {
  return view(await settingsOf(deps.db, actor.workspaceId));
}

export async function updateSettings(deps: Deps, actor: Actor, body: z.infer<typeof UpdateAnalyticsSettingsBody>) {
  return deps.db.transaction(async (tx) => {
    const before = await settingsOf(tx, actor.workspaceId);
    const after = { wci: body.wci ?? before.wci, bci: body.bci ?? before.bci, anomalyK: body.anomalyK ?? before.anomalyK };
    await tx
      .insert(analyticsSettings)
      .values({ workspaceId: actor.workspaceId, ...after, updatedBy: actor.userId })
      .onConflictDoUpdate({ target: analyticsSettings.workspaceId, set: { ...after, updatedBy: actor.userId, updatedAt: new Date() } });
    await audit(tx, actor, { action: 'analytics.settings', entityType: 'workspace', entityId: actor.workspaceId, before, after });
    return view(after);
  });
}
