// Clicks and conversions for the dashboards and reports, through one function: other modules
// call linkStats, never the links tables. Clicks are counted on their day, conversions on the day
// they occurred, both in the workspace's time zone.
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/pool';

/**
 * How the figures are grouped: `variant` is a post on one account (`<postId>:<accountId>`, the
 * pair a publication is); `all` with no account or platform filter also counts the conversions
 * a webhook reported without a link.
 */
export type LinkGroup = 'all' | 'account' | 'platform' | 'post' | 'variant' | 'campaign';
export type LinkScope = { accountId?: string | null; platform?: string | null; postId?: string | null; by: LinkGroup };
export type LinkFigures = { key: string; clicks: number; conversions: number; value: number | null; conversionRate: number | null };

const KEY: Record<LinkGroup, string> = {
  all: "''",
  account: 'l.account_id::text',
  platform: 'l.platform',
  post: 'l.post_id::text',
  variant: "l.post_id::text || ':' || l.account_id::text",
  campaign: 'l.campaign',
};

/** Conversions ÷ clicks; null without clicks (a rate of nothing is not 0). */
export const conversionRate = (conversions: number, clicks: number) => (clicks ? conversions / clicks : null);

export async function linkStats(ex: Executor, workspaceId: string, range: { from: string; to: string }, scope: LinkScope): Promise<LinkFigures[]> {
  const key = sql.raw(KEY[scope.by]);
  const r = await ex.execute<{ key: string; clicks: number; conversions: number; value: number | null }>(sql`
    with l as (
      select id, post_id, account_id, platform, campaign from links
      where workspace_id = ${workspaceId}
        ${scope.accountId ? sql`and account_id = ${scope.accountId}` : sql``}
        ${scope.platform ? sql`and platform = ${scope.platform}` : sql``}
        ${scope.postId ? sql`and post_id = ${scope.postId}` : sql``}
    ),
    clk as (
      select c.link_id, sum(c.clicks)::int as clicks from link_clicks c join l on l.id = c.link_id
      where c.day between ${range.from} and ${range.to} group by c.link_id
    ),
    conv as (
      select v.link_id, count(*)::int as n, sum(v.value)::float8 as value
      from conversions v join workspaces w on w.id = v.workspace_id
      where v.workspace_id = ${workspaceId} and (v.occurred_at at time zone w.timezone)::date between ${range.from} and ${range.to}
      group by v.link_id
    )
    select ${key} as key, coalesce(sum(clk.clicks), 0)::int as clicks, coalesce(sum(conv.n), 0)::int as conversions, sum(conv.value)::float8 as value
    from l left join clk on clk.link_id = l.id left join conv on conv.link_id = l.id
    where ${key} is not null
    group by 1
    ${scope.by === 'all' && !scope.accountId && !scope.platform && !scope.postId ? sql`union all select '', 0, n, value from conv where link_id is null` : sql``}`);
  // The unlinked conversions arrive as a second '' row: folded into the first.
  const out = new Map<string, LinkFigures>();
  for (const row of r.rows) {
    const had = out.get(row.key);
    const clicks = (had?.clicks ?? 0) + row.clicks;
    const conversions = (had?.conversions ?? 0) + row.conversions;
    const value = had?.value == null ? row.value : row.value == null ? had.value : had.value + row.value;
    out.set(row.key, { key: row.key, clicks, conversions, value, conversionRate: conversionRate(conversions, clicks) });
  }
  return [...out.values()];
}

/** The figures of one key, zeros when nothing was recorded. */
export const figuresOf = (rows: LinkFigures[], key = ''): LinkFigures =>
  rows.find((r) => r.key === key) ?? { key, clicks: 0, conversions: 0, value: null, conversionRate: null };
