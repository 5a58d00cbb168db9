// Breach warnings: a pg-boss tick every 5 minutes finds the open items nobody has answered whose
// first-response deadline (their workspace's business time) falls within the next 30 business
// minutes, and tells the assignee (or, unassigned, the account's operators; without operators the
// owners and managers) once per item: the claim and the notice commit together.
// An item already past its deadline when first seen (the warnings were not running: a restart, an
// outage) is not warned item by item: each recipient gets one notice that names how many of theirs
// have breached, and each such item is claimed like a warned one, so it is never reported again.
// Items written more than 90 days ago are not looked at.
import { sql } from 'drizzle-orm';
import type { Deps } from '../../context';
import { addBusinessMs, businessMs } from '../../lib/workcalendar/index';
import { operatorsOf } from '../accounts/repository';
import { notify } from '../notify/service';
import { claimWarning } from './sla-events';
import { firstReplyAt } from './sla-replies';
import { slaOf } from './sla-settings';
import { warnWindows } from './window-warnings';

export const INBOX_SLA_TICK_QUEUE = 'inbox-sla-tick';
/** How long before the deadline the warning goes out, in business minutes. */
export const WARN_BEFORE_MINUTES = 30;
const MIN = 60_000;

type Candidate = {
  id: string;
  account_id: string;
  account_name: string;
  assignee_id: string | null;
  priority: string;
  start: Date;
  text: string;
};

/**
 * The open, unanswered, unwarned items of a workspace written in the last 90 days, read per
 * workspace and status so that the (workspace, status, at) index bounds the scan.
 */
const candidates = (workspaceId: string, now: Date) => sql`
  select i.id, i.account_id, a.name as account_name, i.assignee_id, i.priority, greatest(i.at, i.received_at) as start, left(i.text, 60) as text
  from inbox_items i join platform_accounts a on a.id = i.account_id
  where i.workspace_id = ${workspaceId} and i.status in ('new', 'open', 'pending') and not i.from_account
    and i.at > ${new Date(now.getTime() - 90 * 86_400_000)} and i.at <= ${now}
    and ${firstReplyAt} is null
    and not exists (select 1 from inbox_events e where e.item_id = i.id and e.kind = 'sla_warning')`;

/** Sends the warnings due at `now`; returns how many were sent. */
export async function warnBreaches(deps: Deps, now: Date): Promise<number> {
  const workspaces = await deps.db.execute<{ id: string }>(sql`select id from workspaces`);
  let sent = 0;
  for (const { id: workspaceId } of workspaces.rows) {
    const items = (await deps.db.execute<Candidate>(candidates(workspaceId, now))).rows;
    if (!items.length) continue;
    const { cal, targets } = await slaOf(deps.db, workspaceId);
    const breached = new Map<string, { userIds: string[] | undefined; items: Candidate[] }>();
    for (const it of items) {
      const minutes = (targets[it.priority as keyof typeof targets] ?? targets.normal).firstResponseMinutes;
      const deadline = addBusinessMs(new Date(it.start), minutes * MIN, cal);
      if (deadline > now && businessMs(now, deadline, cal) > WARN_BEFORE_MINUTES * MIN) continue;
      const operators = it.assignee_id ? [] : ((await operatorsOf(deps.db, [it.account_id])).get(it.account_id) ?? []);
      const userIds = it.assignee_id ? [it.assignee_id] : operators.length ? operators : undefined;
      if (deadline <= now) {
        const key = userIds?.join(',') ?? '';
        const group = breached.get(key) ?? { userIds, items: [] };
        group.items.push(it);
        breached.set(key, group);
        continue;
      }
      const left = Math.round(businessMs(now, deadline, cal) / MIN);
      const due = (locale: string) => deadline.toLocaleString(locale, { timeZone: cal.timezone, hour12: false });
      sent += await deps.db.transaction(async (tx) => {
        if (!(await claimWarning(tx, workspaceId, it.id))) return 0;
        await notify(
          deps,
          {
            workspaceId,
            kind: 'inbox.sla_warning',
            severity: 'warning',
            title: {
              zh: `「${it.account_name}」的消息即将超过首次响应时限`,
              en: `A message on "${it.account_name}" is about to miss its first-response target`,
            },
            body: {
              zh: `还剩 ${left} 个工作分钟（截止 ${due('zh-CN')}）：${it.text}`,
              en: `${left} business minutes left (due ${due('en-GB')}): ${it.text}`,
            },
            link: `/inbox?item=${it.id}`,
            userIds,
          },
          tx,
        );
        return 1;
      });
    }
    for (const group of breached.values()) sent += await reportBreached(deps, workspaceId, group.userIds, group.items);
  }
  return sent;
}

/** One notice for the items of these recipients found already past their deadline; returns how many it names. */
async function reportBreached(deps: Deps, workspaceId: string, userIds: string[] | undefined, items: Candidate[]) {
  return deps.db.transaction(async (tx) => {
    const claimed: Candidate[] = [];
    for (const it of items) if (await claimWarning(tx, workspaceId, it.id)) claimed.push(it);
    if (!claimed.length) return 0;
    const [first] = claimed;
    await notify(
      deps,
      {
        workspaceId,
        kind: 'inbox.sla_breach',
        severity: 'warning',
        title: { zh: `${claimed.length} 条消息已超过首次响应时限`, en: `${claimed.length} messages have missed their first-response target` },
        body: {
          zh: `提醒未能按时发出（服务曾中断），这些消息已超时且尚未回复。最早一条来自「${first.account_name}」：${first.text}`,
          en: `The warnings could not go out in time (the service was down); these are overdue and still unanswered. The first is on "${first.account_name}": ${first.text}`,
        },
        link: claimed.length === 1 ? `/inbox?item=${first.id}` : '/inbox',
        userIds,
      },
      tx,
    );
    return claimed.length;
  });
}

export async function startInboxSlaWorker(deps: Deps): Promise<{ stop(): Promise<void> }> {
  const { boss, log } = deps;
  if (!(await boss.getQueue(INBOX_SLA_TICK_QUEUE)))
    await boss.createQueue(INBOX_SLA_TICK_QUEUE, { name: INBOX_SLA_TICK_QUEUE, retryLimit: 0, expireInSeconds: 300 });
  await boss.schedule(INBOX_SLA_TICK_QUEUE, '*/5 * * * *');
  const id = await boss.work(INBOX_SLA_TICK_QUEUE, { pollingIntervalSeconds: 5 }, async () => {
    const now = new Date();
    const sent = await warnBreaches(deps, now);
    const windows = await warnWindows(deps, now);
    if (sent || windows) log.info({ sent, windows }, 'inbox sla and reply-window warnings');
  });
  return { stop: () => boss.offWork({ id }).catch(() => {}) };
}
