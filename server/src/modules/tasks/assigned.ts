import type { Deps } from '../../context';
import type { Executor } from '../../db/pool';
import { notify } from '../notify/service';
import type { TaskRow } from './repository';

/** Tells a member a task is now theirs (not when they gave it to themselves). */
export async function tellAssigned(deps: Deps, tx: Executor, actor: { userId: string | null }, row: TaskRow) {
  if (!row.assigneeId || row.assigneeId === actor.userId) return;
  await notify(
    deps,
    {
      workspaceId: row.workspaceId,
      kind: 'task.assigned',
      title: { zh: `任务分配给你：${row.title}`, en: `Task assigned to you: ${row.title}` },
      body: { zh: `#${row.number} ${row.title}`, en: `#${row.number} ${row.title}` },
      link: `/tasks?open=${row.id}`,
      userIds: [row.assigneeId],
      webhooks: false,
    },
    tx,
  );
}
