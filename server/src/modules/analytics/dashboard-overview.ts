// The workspace overview and audience growth, from account_metrics (account × day). Each query
// reads one workspace's days in the range through account_metrics_ws_day_idx (or the (account, day)
// primary key when one account is asked for) and aggregates per account in SQL; the overview's
// totals, by platform and by account are summed from those rows; accounts are joined only for
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
  platformJoin,
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

type PeriodKey = 'current' | 'previous' | 'lastYear';
type AccountRow = TotalsRow & { period: PeriodKey; account_id: string; name: string };

/**
 * Each account's totals in each of the periods compared, in one statement: flows summed, followers
 * = the account's last known count in the period (a count is a level, not a flow), read from the
 * (account, day) key one row per account and period, so the days need no sorting. A day may fall
 * in two periods (a year's 环比 and 同比 overlap), so the periods are joined, not cased.
 * Five grouped queries over the same days (all, by platform, by account; 环比; 同比) took the
 * overview to 270–300 ms (bench/README.md, "analytics").
 */
async function accountTotals(ex: Executor, s: Scope, periods: Record<PeriodKey, Period>): Promise<AccountRow[]> {
  const values = sql.join(
    (Object.entries(periods) as [PeriodKey, Period][]).map(([k, p]) => sql`(${k}, ${p.from}::date, ${p.to}::date)`),
    sql`, `,
  );
  const r = await ex.execute<AccountRow>(sql`
    with periods(period, "from", "to") as (values ${values}),
    per as (
      select pr.period, m.account_id, min(pr."from") as "from", min(pr."to") as "to",
        ${sumOf('m.followers_gained')} as followers_gained, ${sumOf('m.followers_lost')} as followers_lost,
        ${sumOf('m.views')} as views, ${sumOf('m.likes')} as likes, ${sumOf('m.comments')} as comments,
        ${sumOf('m.shares')} as shares, ${sumOf('m.favorites')} as favorites,
        sum(${interactionsOf('m', false)})::bigint as interactions
      from periods pr
      join account_metrics m on m.day between pr."from" and pr."to"
      ${platformJoin('m', s)}
      where ${scopeWhere('m', s)}
      group by pr.period, m.account_id
    )
    select per.period, per.account_id, per.account_id::text as key, a.name, a.name as label, a.platform, 1 as accounts,
      f.followers, per.followers_gained, per.followers_lost, per.views, per.likes, per.comments, per.shares, per.favorites, per.interactions
    from per join platform_accounts a on a.id = per.account_id
    left join lateral (
      select x.followers from account_metrics x
      where x.account_id = per.account_id and x.day between per."from" and per."to" and x.followers is not null
      order by x.day desc limit 1
    ) f on true`);
  return r.rows;
}

const FLOWS = ['followers', 'followers_gained', 'followers_lost', 'views', 'likes', 'comments', 'shares', 'favorites', 'interactions'] as const;

/** Accounts' rows summed by key (null stays null when no account knew the figure), largest views first. */
function groupRows(rows: AccountRow[], keyOf: (r: AccountRow) => { key: string; label: string; platform: string | null }): TotalsRow[] {
  const out = new Map<string, TotalsRow>();
  for (const r of rows) {
    const k = keyOf(r);
    const g = out.get(k.key) ?? ({ ...k, accounts: 0 } as TotalsRow);
    g.accounts += 1;
    for (const f of FLOWS) g[f] = plus(g[f] ?? null, r[f] == null ? null : Number(r[f]));
    out.set(k.key, g);
  }
  return [...out.values()].sort((a, b) => (b.views ?? -1) - (a.views ?? -1) || a.key.localeCompare(b.key));
}

const ALL = () => ({ key: '', label: '', platform: null });

type DayRow = { day: string; followers: number | null; gained: number | null; lost: number | null; views: number | null; interactions: number | null };

async function daily(ex: Executor, s: Scope, p: Period): Promise<DayRow[]> {
  const r = await ex.execute<DayRow>(sql`
    select to_char(m.day, 'YYYY-MM-DD') as day, ${sumOf('m.followers')} as followers, ${sumOf('m.followers_gained')} as gained,
      ${sumOf('m.followers_lost')} as lost, ${sumOf('m.views')} as views, sum(${interactionsOf('m', false)})::bigint as interactions
    from account_metrics m ${platformJoin('m', s)}
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
  const [rows, days, linkCur, linkPrev, linkLy, linkPlatform, linkAccount, linkCampaign] = await Promise.all([
    accountTotals(ex, s, { current: p, previous, lastYear }),
    daily(ex, s, p),
    links(p, 'all'),
    links(previous, 'all'),
    links(lastYear, 'all'),
    links(p, 'platform'),
    links(p, 'account'),
    links(p, 'campaign'),
  ]);
  const of = (k: PeriodKey) => rows.filter((r) => r.period === k);
  const [cur, prev, ly] = (['current', 'previous', 'lastYear'] as const).map((k) => groupRows(of(k), ALL));
  const byPlatform = groupRows(of('current'), (r) => ({ key: r.platform as string, label: r.platform as string, platform: r.platform }));
  const byAccount = groupRows(of('current'), (r) => ({ key: r.account_id, label: r.name, platform: r.platform }));
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
