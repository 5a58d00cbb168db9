// The workspace overview and audience growth, from account_metrics (account × day). Each query
// reads one workspace's days in the range through account_metrics_ws_day_idx (or the (account, day)
// primary key when one account is asked for) and aggregates in SQL; accounts are joined only for
// their name and platform (the accounts module owns them: read-only, these two columns).
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Audience, Overview, Totals } from '../../../../contract/dashboard';
import type { Executor } from '../../db/pool';
import { CONVERSION_DEFINITION } from '../links/service';
import { figuresOf, type LinkFigures, type LinkGroup, linkStats } from '../links/stats';
import {
  assertAccount,
  ENGAGEMENT_DEFINITION,
  INTERACTIONS_DEFINITION,
  interactionsOf,
  lastYearPeriod,
  type Period,
  previousPeriod,
  rate,
  type Scope,
  scopeWhere,
  sumOf,
  weekOf,
} from './dashboard-range';

type TotalsRow = {
  key: string;
  label: string;
  platform: string | null;
  accounts: number;
  followers: number | null;
  followers_gained: number | null;
  followers_lost: number | null;
  views: number | null;
  likes: number | null;
  comments: number | null;
  shares: number | null;
  favorites: number | null;
  interactions: number | null;
};

const net = (g: number | null, l: number | null) => (g == null && l == null ? null : (g ?? 0) - (l ?? 0));

function totalsOf(r: TotalsRow | undefined, links: LinkFigures): z.infer<typeof Totals> {
  if (!r) return totalsOf({ key: '', label: '', platform: null, accounts: 0 } as TotalsRow, links);
  return {
    followers: r.followers ?? null,
    followersGained: r.followers_gained ?? null,
    followersLost: r.followers_lost ?? null,
    netFollowers: net(r.followers_gained ?? null, r.followers_lost ?? null),
    views: r.views ?? null,
    likes: r.likes ?? null,
    comments: r.comments ?? null,
    shares: r.shares ?? null,
    favorites: r.favorites ?? null,
    interactions: r.interactions ?? null,
    engagementRate: rate(r.interactions ?? null, r.views ?? null),
    clicks: links.clicks,
    conversions: links.conversions,
    conversionRate: links.conversionRate,
  };
}

type Group = 'all' | 'platform' | 'account';

/**
 * Totals over a period, for the whole scope or by platform or account. Followers: each account's
 * last known count in the period, summed (a count is a level, not a flow). Each account's days are
 * aggregated first, then the accounts: a per-group subquery for the followers re-ran the whole
 * "last count" scan for every account (1.3 s for 100 accounts over a year; bench/README.md).
 */
async function totals(ex: Executor, s: Scope, p: Period, by: Group): Promise<TotalsRow[]> {
  const key = by === 'account' ? sql.raw('per.account_id::text') : by === 'platform' ? sql.raw('a.platform') : sql.raw("''");
  const label = by === 'account' ? sql.raw('max(a.name)') : by === 'platform' ? sql.raw('a.platform') : sql.raw("''");
  const platform = by === 'all' ? sql.raw('null::text') : sql.raw('max(a.platform)');
  const r = await ex.execute<TotalsRow>(sql`
    with per as (
      select m.account_id,
        (array_agg(m.followers order by m.day desc) filter (where m.followers is not null))[1] as followers,
        ${sumOf('m.followers_gained')} as followers_gained, ${sumOf('m.followers_lost')} as followers_lost,
        ${sumOf('m.views')} as views, ${sumOf('m.likes')} as likes, ${sumOf('m.comments')} as comments,
        ${sumOf('m.shares')} as shares, ${sumOf('m.favorites')} as favorites,
        sum(${interactionsOf('m', false)})::bigint as interactions
      from account_metrics m join platform_accounts a on a.id = m.account_id
      where ${scopeWhere('m', s)} and m.day between ${p.from} and ${p.to}
      group by m.account_id
    )
    select ${key} as key, ${label} as label, ${platform} as platform, count(*)::int as accounts,
      ${sumOf('per.followers')} as followers,
      ${sumOf('per.followers_gained')} as followers_gained, ${sumOf('per.followers_lost')} as followers_lost,
      ${sumOf('per.views')} as views, ${sumOf('per.likes')} as likes, ${sumOf('per.comments')} as comments,
      ${sumOf('per.shares')} as shares, ${sumOf('per.favorites')} as favorites, ${sumOf('per.interactions')} as interactions
    from per join platform_accounts a on a.id = per.account_id
    ${by === 'all' ? sql`` : by === 'platform' ? sql`group by a.platform` : sql`group by per.account_id`}
    order by views desc nulls last, key`);
  return r.rows;
}

type DayRow = { day: string; followers: number | null; gained: number | null; lost: number | null; views: number | null; interactions: number | null };

async function daily(ex: Executor, s: Scope, p: Period): Promise<DayRow[]> {
  const r = await ex.execute<DayRow>(sql`
    select to_char(m.day, 'YYYY-MM-DD') as day, ${sumOf('m.followers')} as followers, ${sumOf('m.followers_gained')} as gained,
      ${sumOf('m.followers_lost')} as lost, ${sumOf('m.views')} as views, sum(${interactionsOf('m', false)})::bigint as interactions
    from account_metrics m join platform_accounts a on a.id = m.account_id
    where ${scopeWhere('m', s)} and m.day between ${p.from} and ${p.to}
    group by m.day order by m.day`);
  return r.rows;
}

const plus = (a: number | null, b: number | null) => (a == null ? b : b == null ? a : a + b);

/** Days into weeks (Monday first): flows summed, followers = the week's last day. */
function bucket(rows: DayRow[], granularity: 'day' | 'week'): (DayRow & { period: string })[] {
  if (granularity === 'day') return rows.map((r) => ({ ...r, period: r.day }));
  const out = new Map<string, DayRow & { period: string }>();
  for (const r of rows) {
    const k = weekOf(r.day);
    const w = out.get(k);
    if (!w) out.set(k, { ...r, period: k });
    else
      out.set(k, {
        period: k,
        day: r.day,
        followers: r.followers ?? w.followers,
        gained: plus(w.gained, r.gained),
        lost: plus(w.lost, r.lost),
        views: plus(w.views, r.views),
        interactions: plus(w.interactions, r.interactions),
      });
  }
  return [...out.values()];
}

const breakdown = (links: LinkFigures[]) => (r: TotalsRow) => ({
  key: r.key,
  label: r.label,
  platform: r.platform as never,
  accounts: r.accounts,
  ...totalsOf(r, figuresOf(links, r.key)),
});

export async function overview(ex: Executor, s: Scope, p: Period, granularity: 'day' | 'week'): Promise<z.infer<typeof Overview>> {
  if (s.accountId) await assertAccount(ex, s.workspaceId, s.accountId);
  const previous = previousPeriod(p);
  const lastYear = lastYearPeriod(p);
  // Clicks and conversions come from the links module, grouped the same way.
  const links = (range: Period, by: LinkGroup) => linkStats(ex, s.workspaceId, range, { accountId: s.accountId, platform: s.platform, by });
  const [cur, prev, ly, days, byPlatform, byAccount, linkCur, linkPrev, linkLy, linkPlatform, linkAccount, linkCampaign] = await Promise.all([
    totals(ex, s, p, 'all'),
    totals(ex, s, previous, 'all'),
    totals(ex, s, lastYear, 'all'),
    daily(ex, s, p),
    totals(ex, s, p, 'platform'),
    totals(ex, s, p, 'account'),
    links(p, 'all'),
    links(previous, 'all'),
    links(lastYear, 'all'),
    links(p, 'platform'),
    links(p, 'account'),
    links(p, 'campaign'),
  ]);
  return {
    range: p,
    previous,
    lastYear,
    totals: totalsOf(cur[0], figuresOf(linkCur)),
    previousTotals: totalsOf(prev[0], figuresOf(linkPrev)),
    lastYearTotals: totalsOf(ly[0], figuresOf(linkLy)),
    engagementDefinition: ENGAGEMENT_DEFINITION,
    interactionsDefinition: INTERACTIONS_DEFINITION,
    series: bucket(days, granularity).map((d) => ({
      period: d.period,
      followers: d.followers,
      followersGained: d.gained,
      followersLost: d.lost,
      views: d.views,
      interactions: d.interactions,
      engagementRate: rate(d.interactions, d.views),
    })),
    byPlatform: byPlatform.map(breakdown(linkPlatform)),
    byAccount: byAccount.map(breakdown(linkAccount)),
    byCampaign: linkCampaign.map((c) => ({ campaign: c.key, clicks: c.clicks, conversions: c.conversions, conversionRate: c.conversionRate })),
    conversionDefinition: CONVERSION_DEFINITION,
  };
}

type AudienceRow = { account_id: string; name: string; platform: string; start: number | null; end: number | null; gained: number | null; lost: number | null };

export async function audience(ex: Executor, s: Scope, p: Period, granularity: 'day' | 'week'): Promise<z.infer<typeof Audience>> {
  if (s.accountId) await assertAccount(ex, s.workspaceId, s.accountId);
  const [days, accounts] = await Promise.all([
    daily(ex, s, p),
    ex.execute<AudienceRow>(sql`
      select m.account_id, max(a.name) as name, max(a.platform) as platform,
        (array_agg(m.followers order by m.day) filter (where m.followers is not null))[1] as start,
        (array_agg(m.followers order by m.day desc) filter (where m.followers is not null))[1] as end,
        ${sumOf('m.followers_gained')} as gained, ${sumOf('m.followers_lost')} as lost
      from account_metrics m join platform_accounts a on a.id = m.account_id
      where ${scopeWhere('m', s)} and m.day between ${p.from} and ${p.to}
      group by m.account_id order by name`),
  ]);
  return {
    range: p,
    series: bucket(days, granularity).map((d) => ({ period: d.period, followers: d.followers, gained: d.gained, lost: d.lost, net: net(d.gained, d.lost) })),
    byAccount: accounts.rows.map((r) => {
      const n = net(r.gained, r.lost);
      return {
        accountId: r.account_id,
        name: r.name,
        platform: r.platform as never,
        start: r.start,
        end: r.end,
        gained: r.gained,
        lost: r.lost,
        net: n,
        growthRate: rate(n, r.start),
      };
    }),
  };
}
