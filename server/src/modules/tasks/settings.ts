// The workspace's task settings: daily capacity, escalation delay, the posting slot for clashes.
import type { z } from 'zod';
import type * as T from '../../../../contract/tasks';
import type { Deps } from '../../context';
import type { Executor } from '../../db/pool';
import { type Actor, audit } from '../identity/audit';
import { assertCan } from '../identity/roles';
import { eq } from 'drizzle-orm';
import { taskSettings } from './tables';

/** Three open tasks due on one day is a full day for most creators; a day late is when a manager should hear. */
export const DEFAULT_SETTINGS = { dailyCapacity: 3, escalateAfterHours: 24, slotMinutes: 30 };

export async function settingsOf(ex: Executor, workspaceId: string): Promise<z.infer<typeof T.TaskSettings>> {
  const [row] = await ex.select().from(taskSettings).where(eq(taskSettings.workspaceId, workspaceId));
  return row ? { dailyCapacity: row.dailyCapacity, escalateAfterHours: row.escalateAfterHours, slotMinutes: row.slotMinutes } : DEFAULT_SETTINGS;
}

export async function getSettings(deps: Deps, actor: Actor) {
  assertCan(actor.role, 'tasks.work');
  return settingsOf(deps.db, actor.workspaceId);
}

export async function updateSettings(deps: Deps, actor: Actor, body: z.infer<typeof T.TaskSettingsBody>) {
  assertCan(actor.role, 'tasks.manage');
  return deps.db.transaction(async (tx) => {
    const before = await settingsOf(tx, actor.workspaceId);
    const next = { ...before, ...body };
    await tx
      .insert(taskSettings)
      .values({ workspaceId: actor.workspaceId, ...next })
      .onConflictDoUpdate({ target: taskSettings.workspaceId, set: { ...next, updatedAt: new Date() } });
    await audit(tx, actor, { action: 'tasks.settings', entityType: 'task_settings', before, after: next });
    return next;
  });
}
