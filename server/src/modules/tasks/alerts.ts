// Overdue alerts: an open task past its due time tells its assignee once; still open
// `escalateAfterHours` later, it tells the managers (owners when there is none) once more. Each
// step is claimed by one conditional UPDATE, so a second run, or a second worker, tells no one twice.
import { sql } from 'drizzle-orm';
import type { Deps } from '../../context';
import { notify } from '../notify/service';
import { DEFAULT_SETTINGS } from './settings';

type Claimed = { id: string; workspace_id: string; number: number; title: string; assignee_id: string | null };

export async function checkOverdue(deps: Deps, now = new Date()) {
  const at = now.toISOString();
  return deps.db.transaction(async (tx) => {
    const overdue = await tx.execute<Claimed>(sql`
      update tasks set overdue_notified_at = ${at}
      where status in ('todo', 'doing') and due_at < ${at} and overdue_notified_at is null
      returning id, workspace_id, number, title, assignee_id`);
    for (const t of overdue.rows) {
      if (!t.assignee_id) continue;
      await notify(
        deps,
        {
          workspaceId: t.workspace_id,
          kind: 'task.overdue',
          severity: 'warning',
          title: { zh: `任务已逾期：${t.title}`, en: `Task overdue: ${t.title}` },
          body: { zh: `#${t.number} ${t.title} 已过截止时间`, en: `#${t.number} ${t.title} is past its due time` },
          link: `/tasks?open=${t.id}`,
          userIds: [t.assignee_id],
          webhooks: false,
        },
        tx,
      );
    }
    const escalated = await tx.execute<Claimed>(sql`
      update tasks t set escalated_at = ${at}
      where t.status in ('todo', 'doing') and t.escalated_at is null and t.overdue_notified_at is not null
        and t.overdue_notified_at <= ${at}::timestamptz - make_interval(hours => coalesce(
          (select s.escalate_after_hours from task_settings s where s.workspace_id = t.workspace_id), ${DEFAULT_SETTINGS.escalateAfterHours}))
      returning id, workspace_id, number, title, assignee_id`);
    for (const t of escalated.rows) {
      await notify(
        deps,
        {
          workspaceId: t.workspace_id,
          kind: 'task.overdue_escalated',
          severity: 'warning',
          title: { zh: `逾期任务升级：${t.title}`, en: `Overdue task escalated: ${t.title}` },
          body: { zh: `#${t.number} ${t.title} 逾期后仍未完成`, en: `#${t.number} ${t.title} is still open after its overdue alert` },
          link: `/tasks?open=${t.id}`,
        },
        tx,
      );
    }
    return { overdue: overdue.rows.length, escalated: escalated.rows.length };
  });
}
