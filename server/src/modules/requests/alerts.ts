// Overdue requests: one past its due time and neither done nor declined tells its owner once (no
// owner: the owners and managers); still open 24 h after that, the owners and managers once more.
// Each step is claimed by one conditional UPDATE, so a re-run or a second worker tells no one twice.
import { sql } from 'drizzle-orm';
import type { Deps } from '../../context';
import { notify } from '../notify/service';

export const ESCALATE_AFTER_HOURS = 24;

type Claimed = { id: string; workspace_id: string; number: number; title: string; owner_id: string | null };

export async function checkOverdueRequests(deps: Deps, now = new Date()) {
  const at = now.toISOString();
  return deps.db.transaction(async (tx) => {
    const overdue = await tx.execute<Claimed>(sql`
      update requests set overdue_notified_at = ${at}
      where status not in ('done', 'declined') and due_at < ${at} and overdue_notified_at is null
      returning id, workspace_id, number, title, owner_id`);
    for (const r of overdue.rows)
      await notify(
        deps,
        {
          workspaceId: r.workspace_id,
          kind: 'request.overdue',
          severity: 'warning',
          title: { zh: `需求已逾期：#${r.number} ${r.title}`, en: `Request overdue: #${r.number} ${r.title}` },
          body: { zh: `需求 #${r.number} 已过截止时间，仍未完成`, en: `Request #${r.number} is past its due time and still open` },
          link: `/requests/${r.id}`,
          userIds: r.owner_id ? [r.owner_id] : undefined,
          webhooks: false,
        },
        tx,
      );
    const escalated = await tx.execute<Claimed>(sql`
      update requests set escalated_at = ${at}
      where status not in ('done', 'declined') and escalated_at is null and overdue_notified_at is not null
        and overdue_notified_at <= ${at}::timestamptz - make_interval(hours => ${ESCALATE_AFTER_HOURS})
      returning id, workspace_id, number, title, owner_id`);
    for (const r of escalated.rows)
      await notify(
        deps,
        {
          workspaceId: r.workspace_id,
          kind: 'request.overdue_escalated',
          severity: 'warning',
          title: { zh: `逾期需求升级：#${r.number} ${r.title}`, en: `Overdue request escalated: #${r.number} ${r.title}` },
          body: {
            zh: `需求 #${r.number} 逾期提醒 ${ESCALATE_AFTER_HOURS} 小时后仍未完成`,
            en: `Request #${r.number} is still open ${ESCALATE_AFTER_HOURS} h after its overdue alert`,
          },
          link: `/requests/${r.id}`,
        },
        tx,
      );
    return { overdue: overdue.rows.length, escalated: escalated.rows.length };
  });
}
