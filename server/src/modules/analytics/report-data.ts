// The aggregates behind a 周报 / 月报, in SQL (a workspace's year of account-days and post-days is
// summed by PostgreSQL, never fetched). For speed these read a few columns of publications, posts,
// topics and platform_accounts directly (ids, names, platform, published_at, topic title): the
// owning modules have no aggregate lookups of this shape.
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/pool';
import { ownPublications } from './dashboard-range';

export type Range = { start: string; end: string };
/** c = the period, p = the previous one (环比), y = the same period last year (同比). */
export type RangeKey = 'c' | 'p' | 'y';
export type Ranges = Record<RangeKey, Range>;

export interface Scope {
  workspaceId: string;
  accountId: string | null;
  timezone: string;
}

export interface AccountRange {
  k: RangeKey;
  accountId: string;
  gained: number | null;
  lost: number | null;
  views: number | null;
  likes: number | null;
  comments: number | null;
  shares: number | null;
  zaikan: number | null;
}

const n = (v: unknown): number | null => (v == null ? null : Number(v));
const acc = (s: Scope, col = sql`account_id`) => (s.accountId ? sql`and ${col} = ${s.accountId}::uuid` : sql``);
const inRanges = (r: Ranges, col = sql`day`) =>
  sql`(${col} between ${r.c.start}::date and ${r.c.end}::date or ${col} between ${r.p.start}::date and ${r.p.end}::date or ${col} between ${r.y.start}::date and ${r.y.end}::date)`;
const keyOf = (r: Ranges, col = sql`day`) =>
  sql`case when ${col} between ${r.c.start}::date and ${r.c.end}::date then 'c' when ${col} between ${r.p.start}::date and ${r.p.end}::date then 'p' else 'y' end`;

/** The scope's accounts (id, name, platform), archived ones included when they have figures. */
export async function scopeAccounts(ex: Executor, s: Scope) {
  const r = await ex.execute(sql`
    select id, name, platform from platform_accounts
    where workspace_id = ${s.workspaceId}::uuid ${acc(s, sql`id`)}
    order by name`);
  return r.rows as { id: string; name: string; platform: string }[];
}

/**
 * Per account and range: account-day sums, with each figure the account's own daily total where
 * it reports one and else the sum of its posts' days (manual platforms have only post figures).
 */
export async function accountRanges(ex: Executor, s: Scope, r: Ranges): Promise<AccountRange[]> {
  const res = await ex.execute(sql`
    with a as (
      select ${keyOf(r)} k, account_id, sum(followers_gained) gained, sum(followers_lost) lost, sum(views) views,
             sum(likes) likes, sum(comments) comments, sum(shares) shares
      from account_metrics where workspace_id = ${s.workspaceId}::uuid ${acc(s)} and ${inRanges(r)}
      group by 1, 2),
    p as (
      select ${keyOf(r)} k, account_id, sum(views) views, sum(likes) likes, sum(comments) comments, sum(shares) shares,
             sum(zaikan) zaikan, sum(followers_gained) gained
      from post_metrics where workspace_id = ${s.workspaceId}::uuid ${acc(s)}
        ${s.accountId ? sql`and publication_id = any(${ownPublications(s.workspaceId, s.accountId)})` : sql``} and ${inRanges(r)}
      group by 1, 2)
    select k, account_id, coalesce(a.gained, p.gained) gained, a.lost, coalesce(a.views, p.views) views,
           coalesce(a.likes, p.likes) likes, coalesce(a.comments, p.comments) comments, coalesce(a.shares, p.shares) shares, p.zaikan
    from a full join p using (k, account_id)`);
  return (res.rows as Record<string, unknown>[]).map((x) => ({
    k: x.k as RangeKey,
    accountId: String(x.account_id),
    gained: n(x.gained),
    lost: n(x.lost),
    views: n(x.views),
    likes: n(x.likes),
    comments: n(x.comments),
    shares: n(x.shares),
    zaikan: n(x.zaikan),
  }));
}

/** Followers at the end of each range: each account's last known count on or before that day, summed. */
export async function followersAt(ex: Executor, accountIds: string[], days: Record<RangeKey, string>) {
  const out: Record<RangeKey, number | null> = { c: null, p: null, y: null };
  if (!accountIds.length) return out;
  const res = await ex.execute(sql`
    select e.k, sum(f.followers) followers
    from unnest(${`{${accountIds.join(',')}}`}::uuid[]) a(id)
    cross join (values ('c', ${days.c}::date), ('p', ${days.p}::date), ('y', ${days.y}::date)) e(k, day)
    cross join lateral (
      select followers from account_metrics m
      where m.account_id = a.id and m.day <= e.day and m.day > e.day - 400 and m.followers is not null
      order by m.day desc limit 1) f
    group by e.k`);
  for (const x of res.rows as { k: RangeKey; followers: unknown }[]) out[x.k] = n(x.followers);
  return out;
}

/** The scope's daily follower figures over the period. */
export async function growthDays(ex: Executor, s: Scope, range: Range) {
  const res = await ex.execute(sql`
    select day::text as d, sum(followers_gained) gained, sum(followers_lost) lost, sum(followers) followers
    from account_metrics
    where workspace_id = ${s.workspaceId}::uuid ${acc(s)} and day between ${range.start}::date and ${range.end}::date
    group by day order by day`);
  return (res.rows as Record<string, unknown>[]).map((x) => ({ day: String(x.d), gained: n(x.gained), lost: n(x.lost), followers: n(x.followers) }));
}

const published = (s: Scope, r: Range) =>
  sql`p.workspace_id = ${s.workspaceId}::uuid ${acc(s, sql`p.account_id`)} and p.state = 'published'
      and p.published_at >= (${r.start}::date)::timestamp at time zone ${s.timezone}
      and p.published_at < (${r.end}::date + 1)::timestamp at time zone ${s.timezone}`;

/** Posts published in each range and the views of those posts up to the range's end. */
export async function postCounts(ex: Executor, s: Scope, r: Ranges) {
  const out: Record<RangeKey, { posts: number; views: number | null }> = {
    c: { posts: 0, views: null },
    p: { posts: 0, views: null },
    y: { posts: 0, views: null },
  };
  for (const k of ['c', 'p', 'y'] as RangeKey[]) {
    const res = await ex.execute(sql`
      select count(*) posts, sum(v.views) views from publications p
      cross join lateral (select sum(m.views) views from post_metrics m where m.publication_id = p.id and m.day <= ${r[k].end}::date) v
      where ${published(s, r[k])}`);
    const row = res.rows[0] as { posts: unknown; views: unknown };
    out[k] = { posts: Number(row.posts), views: n(row.views) };
  }
  return out;
}

export interface PostTotals {
  publicationId: string;
  /** The post and account of the publication (the key of its variant's links). */
  postId: string;
  accountId: string;
  title: string;
  accountName: string;
  platform: string;
  topic: string | null;
  publishedAt: string;
  views: number | null;
  likes: number | null;
  comments: number | null;
  shares: number | null;
  favorites: number | null;
  zaikan: number | null;
}

/** Every post published in the period with its figures summed up to the period's end, most viewed first. */
export async function periodPosts(ex: Executor, s: Scope, range: Range): Promise<PostTotals[]> {
  const res = await ex.execute(sql`
    select p.id, p.post_id, p.account_id, po.title, a.name account_name, a.platform, t.title topic, p.published_at,
           v.views, v.likes, v.comments, v.shares, v.favorites, v.zaikan
    from publications p
    join posts po on po.id = p.post_id
    join platform_accounts a on a.id = p.account_id
    left join topics t on t.id = po.topic_id
    cross join lateral (
      select sum(m.views) views, sum(m.likes) likes, sum(m.comments) comments, sum(m.shares) shares,
             sum(m.favorites) favorites, sum(m.zaikan) zaikan
      from post_metrics m where m.publication_id = p.id and m.day <= ${range.end}::date) v
    where ${published(s, range)}
    order by v.views desc nulls last, p.published_at`);
  return (res.rows as Record<string, unknown>[]).map((x) => ({
    publicationId: String(x.id),
    postId: String(x.post_id),
    accountId: String(x.account_id),
    title: String(x.title),
    accountName: String(x.account_name),
    platform: String(x.platform),
    topic: x.topic == null ? null : String(x.topic),
    publishedAt: new Date(x.published_at as string).toISOString(),
    views: n(x.views),
    likes: n(x.likes),
    comments: n(x.comments),
    shares: n(x.shares),
    favorites: n(x.favorites),
    zaikan: n(x.zaikan),
  }));
}
