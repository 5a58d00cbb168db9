// Reply-window warnings: where a platform lets the account answer a user's message only within a
// window after the user last wrote (WeChat's customer-service messages: 48 hours), a user whose
// last message is still unanswered when fewer than WINDOW_WARN_MINUTES are left is named to the
// assignee (or the account's operators; without operators the owners and managers) once per
// window: the claim is on that last message, so a new message from the user opens a new window
// and can be warned of again. Run by the service-level tick (sla-warnings.ts).
import { sql } from 'drizzle-orm';
import type { Deps } from '../../context';
import { platformModule, platformModules } from '../../platforms/registry';
import { operatorsOf } from '../accounts/repository';
import { notify } from '../notify/service';
import { claimWarning } from './sla-events';

/** How long before the window closes the warning goes out (clock minutes: the platform's window ignores business hours). */
export const WINDOW_WARN_MINUTES = 120;
const MIN = 60_000;

type Last = {
  id: string;
  workspace_id: string;
  account_id: string;
  account_name: string;
  platform: string;
  assignee_id: string | null;
  at: Date;
  text: string;
};

/** Sends the warnings due at `now`; returns how many were sent. */
export async function warnWindows(deps: Deps, now: Date): Promise<number> {
  const windows = platformModules()
    .map((p) => [p.platform, p.messageReplyLimits?.windowMs] as const)
    .filter((x): x is readonly [string, number] => !!x[1]);
  if (!windows.length) return 0;
  const longest = Math.max(...windows.map((w) => w[1]));
  // Each user's last message per account, written inside the longest window, with no reply from
  // the account in its thread since and no window warning claimed on it.
  const rows = await deps.db.execute<Last>(sql`
    select * from (
      select distinct on (m.account_id, m.author_id) m.id, m.workspace_id, m.account_id, a.name as account_name, a.platform, m.assignee_id, m.at, left(m.text, 60) as text, m.root_id
      from inbox_items m join platform_accounts a on a.id = m.account_id
      where m.kind = 'message' and not m.from_account and m.author_id is not null
        and a.platform = any(${sql.param(windows.map((w) => w[0]))}::text[])
        and m.at > ${new Date(now.getTime() - longest)} and m.at <= ${now}
      order by m.account_id, m.author_id, m.at desc
    ) last
    where not exists (select 1 from inbox_items r where r.root_id = last.root_id and r.from_account and r.at >= last.at)
      and not exists (select 1 from inbox_events e where e.item_id = last.id and e.kind = 'window_warning')`);
  let sent = 0;
  for (const m of rows.rows) {
    const windowMs = platformModule(m.platform)?.messageReplyLimits?.windowMs as number;
    const endsAt = new Date(new Date(m.at).getTime() + windowMs);
    const left = endsAt.getTime() - now.getTime();
    if (left <= 0 || left > WINDOW_WARN_MINUTES * MIN) continue;
    const operators = m.assignee_id ? [] : ((await operatorsOf(deps.db, [m.account_id])).get(m.account_id) ?? []);
    const userIds = m.assignee_id ? [m.assignee_id] : operators.length ? operators : undefined;
    const minutes = Math.max(1, Math.floor(left / MIN));
    sent += await deps.db.transaction(async (tx) => {
      const workspaceId = m.workspace_id;
      if (!(await claimWarning(tx, workspaceId, m.id, 'window_warning'))) return 0;
      await notify(
        deps,
        {
          workspaceId,
          kind: 'inbox.window_closing',
          severity: 'warning',
          title: {
            zh: `「${m.account_name}」的一位用户的消息还有 ${minutes} 分钟就不能再回复`,
            en: `A user's message on "${m.account_name}" can be answered for ${minutes} more minutes`,
          },
          body: {
            zh: `平台只允许在用户最后一条消息后的回复时限内回复，过后无法再联系该用户：${m.text}`,
            en: `The platform takes replies only within its window after the user's last message; after that the user cannot be reached: ${m.text}`,
          },
          link: `/inbox?item=${m.id}`,
          userIds,
        },
        tx,
      );
      return 1;
    });
  }
  return sent;
}
