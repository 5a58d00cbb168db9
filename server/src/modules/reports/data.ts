// One function that builds a report's data for (workspace, optional account, week | month, day).
import { PLATFORM_RULES, type PlatformId } from '../../../../contract/platforms';
import type { KpiKey, ReportData, ReportGoalAtRisk, ReportPeriod, ReportQuietAccount } from '../../../../contract/reports';
import type { Executor } from '../../db/pool';
import * as q from '../analytics/report-data';
import { figuresOf, linkStats } from '../links/stats';
import { rangesOf } from './period';

type Kpi = ReportData['kpis'][number];
type PostRow = ReportData['posts'][number];
type Nums = (number | null)[];

/**
 * Goals at risk and quiet accounts come from the goals/cadence part of analytics. Until it is
 * merged, both return [] (the report then says nothing about them).
 */
export interface ReportProviders {
  goalsAtRisk(ex: Executor, s: q.Scope, range: q.Range): Promise<ReportGoalAtRisk[]>;
  quietAccounts(ex: Executor, s: q.Scope, range: q.Range): Promise<ReportQuietAccount[]>;
}
export const NO_PROVIDERS: ReportProviders = { goalsAtRisk: async () => [], quietAccounts: async () => [] };

export const POSTS_LISTED = 500;

/** A sum of figures where null is unknown: null only when every part is unknown. */
export const sumKnown = (xs: Nums) => (xs.some((x) => x != null) ? xs.reduce<number>((a, x) => a + (x ?? 0), 0) : null);
const ratio = (a: number | null, b: number | null) => (a == null || b == null || b === 0 ? null : a / b);
export const change = (cur: number | null, base: number | null) => (cur == null || base == null || base === 0 ? null : (cur - base) / Math.abs(base));
const interactionsOf = (x: { likes: number | null; comments: number | null; shares: number | null; zaikan: number | null }) =>
  sumKnown([x.likes, x.comments, x.shares, x.zaikan]);
const netOf = (gained: number | null, lost: number | null) => (gained == null && lost == null ? null : (gained ?? 0) - (lost ?? 0));

export const formatOf = (platform: string) => PLATFORM_RULES[platform as PlatformId]?.kind ?? 'custom';

export interface BuildInput {
  workspaceId: string;
  workspaceName: string;
  timezone: string;
  accountId: string | null;
  period: ReportPeriod;
  start: string;
}

export async function buildReportData(
  ex: Executor,
  input: BuildInput,
  providers: ReportProviders = NO_PROVIDERS,
  progress?: (p: number) => Promise<void>,
): Promise<ReportData> {
  const scope: q.Scope = { workspaceId: input.workspaceId, accountId: input.accountId, timezone: input.timezone };
  const r = rangesOf(input.period, input.start);
  const accounts = await q.scopeAccounts(ex, scope);
  const byRange = await q.accountRanges(ex, scope, r);
  await progress?.(25);
  const followers = await q.followersAt(
    ex,
    accounts.map((a) => a.id),
    { c: r.c.end, p: r.p.end, y: r.y.end },
  );
  const counts = await q.postCounts(ex, scope, r);
  await progress?.(40);
  const rows = await q.periodPosts(ex, scope, r.c);
  const growth = await q.growthDays(ex, scope, r.c);
  // No link in scope and no conversion reported: conversions are not connected (null), not 0.
  const conversions = {} as Record<q.RangeKey, number | null>;
  for (const k of ['c', 'p', 'y'] as const) {
    const rows = await linkStats(ex, input.workspaceId, { from: r[k].start, to: r[k].end }, { accountId: input.accountId, by: 'all' });
    conversions[k] = rows.length ? figuresOf(rows).conversions : null;
  }
  // Each post's conversions in the period through its variant's links; a post without a link: null.
  const byVariant = new Map(
    (await linkStats(ex, input.workspaceId, { from: r.c.start, to: r.c.end }, { accountId: input.accountId, by: 'variant' })).map((l) => [l.key, l]),
  );
  await progress?.(55);

  const total = (k: q.RangeKey) => {
    const xs = byRange.filter((x) => x.k === k);
    const f = (pick: (x: q.AccountRange) => number | null) => sumKnown(xs.map(pick));
    const t = {
      gained: f((x) => x.gained),
      lost: f((x) => x.lost),
      views: f((x) => x.views),
      likes: f((x) => x.likes),
      comments: f((x) => x.comments),
      shares: f((x) => x.shares),
      zaikan: f((x) => x.zaikan),
    };
    const interactions = interactionsOf(t);
    return {
      followersNet: netOf(t.gained, t.lost),
      followersTotal: followers[k],
      views: t.views,
      viewsPerPost: ratio(counts[k].views, counts[k].posts),
      shares: t.shares,
      zaikan: t.zaikan,
      interactions,
      engagementRate: ratio(interactions, t.views),
      posts: counts[k].posts,
      conversions: conversions[k],
    } satisfies Record<KpiKey, number | null>;
  };
  const [cur, prev, ly] = [total('c'), total('p'), total('y')];
  const kpis: Kpi[] = (Object.keys(cur) as KpiKey[]).map((key) => ({
    key,
    current: cur[key],
    previous: prev[key],
    lastYear: ly[key],
    mom: change(cur[key], prev[key]),
    yoy: change(cur[key], ly[key]),
  }));

  const posts: PostRow[] = rows.map((p) => {
    const interactions = interactionsOf(p);
    const links = byVariant.get(`${p.postId}:${p.accountId}`);
    return { ...p, format: formatOf(p.platform), interactions, engagementRate: ratio(interactions, p.views), conversions: links ? links.conversions : null };
  });
  const group = (name: (p: PostRow) => string) => {
    const m = new Map<string, PostRow[]>();
    for (const p of posts) m.set(name(p), [...(m.get(name(p)) ?? []), p]);
    return [...m]
      .map(([g, ps]) => {
        const views = sumKnown(ps.map((p) => p.views));
        return { name: g, posts: ps.length, views, interactions: sumKnown(ps.map((p) => p.interactions)), avgViews: ratio(views, ps.length) };
      })
      .sort((a, b) => (b.avgViews ?? -1) - (a.avgViews ?? -1));
  };
  const accountRows = accounts
    .map((a) => {
      const c = byRange.find((x) => x.k === 'c' && x.accountId === a.id);
      const p = byRange.find((x) => x.k === 'p' && x.accountId === a.id);
      return {
        accountId: a.id,
        name: a.name,
        platform: a.platform,
        views: c?.views ?? null,
        previousViews: p?.views ?? null,
        followersNet: c ? netOf(c.gained, c.lost) : null,
        previousFollowersNet: p ? netOf(p.gained, p.lost) : null,
      };
    })
    .filter((a) => a.views != null || a.previousViews != null || a.followersNet != null || a.previousFollowersNet != null);
  const account = input.accountId ? accounts.find((a) => a.id === input.accountId) : null;
  return {
    period: input.period,
    timezone: input.timezone,
    start: r.c.start,
    end: r.c.end,
    previous: r.p,
    lastYear: r.y,
    scope: { workspaceName: input.workspaceName, accountId: input.accountId, accountName: account?.name ?? null, accounts: accounts.length },
    kpis,
    growth: growth.map((g) => ({ ...g, net: netOf(g.gained, g.lost) })),
    posts: posts.slice(0, POSTS_LISTED),
    postsTotal: posts.length,
    topPosts: posts.filter((p) => p.views != null).slice(0, 5),
    accounts: accountRows,
    topics: group((p) => p.topic ?? '未归类 / Unfiled'),
    formats: group((p) => p.format),
    goalsAtRisk: await providers.goalsAtRisk(ex, scope, r.c),
    quietAccounts: await providers.quietAccounts(ex, scope, r.c),
  };
}
