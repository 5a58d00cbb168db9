// What the calendar warns about before a plan breaks a platform's limit: an allowance (mass
// sends a day or a month, a daily submission limit) filled or exceeded by what is planned, and
// the daily quota of the API a submit spends. The fence (engine.claimFence) enforces allowances
// again at the submit, so the worker never exceeds one even when the plan does.

import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/pool';
import type { Delivery } from '../../platforms/adapter';
import { platformModule } from '../../platforms/registry';

export interface PlanLimit {
  accountId: string;
  accountName: string;
  /** The day (YYYY-MM-DD) or month (YYYY-MM) the limit is counted in. */
  period: string;
  kind: 'allowance' | 'api_quota';
  key: string;
  label: { zh: string; en: string };
  planned: number;
  limit: number;
  /** full: one more would break it; over: the plan already breaks it. */
  level: 'full' | 'over';
}

/** States in which a publication still counts as planned or done. */
const LIVE = `('scheduled', 'dispatching', 'submitted', 'published', 'paused')`;

export async function planLimits(db: Executor, workspaceId: string, from: Date, to: Date): Promise<PlanLimit[]> {
  const out: PlanLimit[] = [];
  const level = (planned: number, limit: number): PlanLimit['level'] | null => (planned > limit ? 'over' : planned === limit ? 'full' : null);

  const allowances = await db.execute(sql`
    select p.account_id, a.name, p.allowance_key, p.allowance_unit, max(p.allowance_limit)::int as lim, count(*)::int as n,
      to_char(date_trunc(p.allowance_unit, p.due_at at time zone w.timezone), case when p.allowance_unit = 'month' then 'YYYY-MM' else 'YYYY-MM-DD' end) as period,
      a.platform, a.account_type, max(p.delivery::text) as delivery
    from publications p join platform_accounts a on a.id = p.account_id join workspaces w on w.id = p.workspace_id
    where p.workspace_id = ${workspaceId} and p.allowance_key is not null and p.allowance_limit is not null
      and p.state in ${sql.raw(LIVE)} and p.due_at >= ${from.toISOString()}::timestamptz - interval '31 days' and p.due_at < ${to.toISOString()}
    group by 1, 2, 3, 4, 7, 8, 9`);
  for (const r of allowances.rows as { account_id: string; name: string; allowance_key: string; lim: number; n: number; period: string; platform: string; account_type: string | null; delivery: string }[]) {
    const lv = level(r.n, r.lim);
    if (!lv) continue;
    const a = platformModule(r.platform)?.allowance({ accountType: r.account_type }, JSON.parse(r.delivery) as Delivery);
    const label = a?.label ?? { zh: `发送次数上限 ${r.lim}`, en: `a limit of ${r.lim}` };
    out.push({ accountId: r.account_id, accountName: r.name, period: r.period, kind: 'allowance', key: r.allowance_key, label, planned: r.n, limit: r.lim, level: lv });
  }

  // The daily quota of the submit API, counted in the platform's day (every platform here counts in Beijing time).
  const perDay = await db.execute(sql`
    select p.account_id, a.name, a.platform, a.api_limits, p.delivery->>'mode' as mode, count(*)::int as n,
      to_char(p.due_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as day
    from publications p join platform_accounts a on a.id = p.account_id
    where p.workspace_id = ${workspaceId} and p.state in ${sql.raw(LIVE)} and p.due_at >= ${from.toISOString()} and p.due_at < ${to.toISOString()}
    group by 1, 2, 3, 4, 5, 7`);
  for (const r of perDay.rows as { account_id: string; name: string; platform: string; api_limits: Record<string, number>; mode: string; n: number; day: string }[]) {
    const mod = platformModule(r.platform);
    const api = mod?.submitApi?.({ mode: r.mode });
    if (!mod || !api || mod.quotaTimeZone !== 'Asia/Shanghai') continue;
    const limit = r.api_limits?.[api] ?? mod.quotas.find((q) => q.api === api)?.dailyLimit;
    const lv = limit === undefined ? null : level(r.n, limit);
    if (!lv || limit === undefined) continue;
    out.push({
      accountId: r.account_id,
      accountName: r.name,
      period: r.day,
      kind: 'api_quota',
      key: api,
      label: { zh: `接口 ${api} 每天最多调用 ${limit} 次`, en: `${api} may be called ${limit} times a day` },
      planned: r.n,
      limit,
      level: lv,
    });
  }
  return out;
}
