// WCI and BCI rankings across the workspace's accounts for a period of 7, 30 or 365 days.
// The articles are read here joining publications and accounts (only the columns needed: who
// published when) to post_metrics, one query for the whole ranking.
import { sql } from 'drizzle-orm';
import type { Deps } from '../../context';
import type { Executor } from '../../db/pool';
import type { Actor } from '../identity/audit';
import { platformAccounts } from '../accounts/tables';
import { publications } from '../publishing/tables';
import { type Item, bci, wci } from './index-formulas';
import { settingsOf } from './settings';
import { postMetrics } from './tables';
import { workspaces } from '../identity/tables';

/** Which index an account's platform gets. */
const INDEX_OF: Record<string, 'wci' | 'bci'> = { wechat_oa: 'wci', weibo: 'bci' };

const addDays = (day: string, n: number) => new Date(new Date(`${day}T00:00:00Z`).getTime() + n * 86_400_000).toISOString().slice(0, 10);
const round = (x: number) => Math.round(x * 100) / 100;

async function itemsOf(ex: Executor, workspaceId: string, start: string, end: string) {
  const rows = await ex.execute(sql`
    select a.id as account_id, a.name, a.platform, p.id, p.published_at,
           to_char(p.published_at at time zone w.timezone, 'YYYY-MM-DD') as day,
           coalesce(sum(m.views), 0) as reads, coalesce(sum(m.zaikan), 0) as zaikan, coalesce(sum(m.likes), 0) as likes,
           coalesce(sum(m.shares), 0) as shares, coalesce(sum(m.comments), 0) as comments
      from ${platformAccounts} a
      join ${workspaces} w on w.id = a.workspace_id
      left join ${publications} p on p.account_id = a.id and p.state = 'published'
           and (p.published_at at time zone w.timezone)::date between ${start}::date and ${end}::date
      left join ${postMetrics} m on m.publication_id = p.id and m.day <= ${end}::date
     where a.workspace_id = ${workspaceId} and a.archived_at is null and a.platform in ('wechat_oa', 'weibo')
     group by a.id, a.name, a.platform, p.id, p.published_at, w.timezone`);
  const accounts = new Map<string, { name: string; platform: string; items: Item[] }>();
  for (const r of rows.rows as Record<string, string | null>[]) {
    const acc = accounts.get(r.account_id!) ?? { name: r.name!, platform: r.platform!, items: [] };
    accounts.set(r.account_id!, acc);
    if (!r.id) continue;
    acc.items.push({
      day: r.day!,
      at: new Date(r.published_at!),
      reads: Number(r.reads),
      zaikan: Number(r.zaikan),
      likes: Number(r.likes),
      shares: Number(r.shares),
      comments: Number(r.comments),
    });
  }
  return accounts;
}

async function yesterdayIn(ex: Executor, workspaceId: string) {
  const r = await ex.execute(sql`select to_char((now() at time zone timezone)::date - 1, 'YYYY-MM-DD') as d from ${workspaces} where id = ${workspaceId}`);
  return (r.rows[0] as { d: string }).d;
}

export async function ranking(deps: Deps, actor: Actor, q: { days: '7' | '30' | '365'; end?: string }) {
  const days = Number(q.days);
  const end = q.end ?? (await yesterdayIn(deps.db, actor.workspaceId));
  const start = addDays(end, 1 - days);
  const settings = await settingsOf(deps.db, actor.workspaceId);
  const rows = [...(await itemsOf(deps.db, actor.workspaceId, start, end)).entries()].map(([accountId, a]) => {
    const index = INDEX_OF[a.platform];
    const r = index === 'wci' ? wci(a.items, days, settings.wci) : bci(a.items, settings.bci);
    return {
      accountId,
      accountName: a.name,
      platform: a.platform,
      index,
      value: round(r.value),
      posts: a.items.length,
      parts: Object.fromEntries(Object.entries(r.parts).map(([k, v]) => [k, Math.round(v * 10000) / 10000])),
    };
  });
  const ranked = (index: 'wci' | 'bci') =>
    rows
      .filter((r) => r.index === index)
      .sort((x, y) => y.value - x.value || x.accountName.localeCompare(y.accountName))
      .map((r, i) => ({ rank: i + 1, ...r }));
  return { start, end, days, wci: ranked('wci'), bci: ranked('bci') };
}
