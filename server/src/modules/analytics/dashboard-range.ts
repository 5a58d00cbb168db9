// What every dashboard query shares: the periods compared, the scope filter, and the definitions
// of interactions and engagement rate (shown with each chart, so a reader knows what a rate means).
import { type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Platform } from '../../../../contract/accounts';
import type { Executor } from '../../db/pool';
import { notFound } from '../../lib/errors';

export type Scope = { workspaceId: string; accountId?: string; platform?: z.infer<typeof Platform> };
export type Period = { from: string; to: string };

/**
 * Interactions (PRODUCT.md): likes + comments + shares/reposts, plus 在看 where the platform has
 * it (WeChat's definition: likes + 在看 + comments + shares; Douyin and Weibo: comments + likes + reposts).
 * Favorites (收藏) are shown but not counted, as in both definitions.
 */
export const INTERACTIONS_DEFINITION = {
  zh: '互动 = 点赞 + 评论 + 分享/转发 + 在看（有在看的平台）；收藏单列，不计入',
  en: 'Interactions = likes + comments + shares/reposts + 在看 (where the platform has it); favorites shown apart, not counted',
};
export const ENGAGEMENT_DEFINITION = {
  zh: '互动率（按阅读/播放）= 互动 ÷ 阅读/播放数；没有阅读数的平台（如微博）不计入分母，显示为空',
  en: 'Engagement rate (by views) = interactions ÷ reads/plays; platforms without read counts (e.g. Weibo) have no rate',
};
export const FOLLOWER_ENGAGEMENT_DEFINITION = {
  zh: '互动率（按粉丝）= 互动 ÷ 发布当天的粉丝数',
  en: 'Engagement rate (by followers) = interactions ÷ followers on the day of posting',
};

const DAY = 86_400_000;
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
export const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY) + 1;

/** The same number of days just before the range (环比). */
export function previousPeriod(p: Period): Period {
  const len = daysBetween(p.from, p.to);
  return { from: addDays(p.from, -len), to: addDays(p.from, -1) };
}

/** The same calendar days one year earlier (同比); 29 February falls back to the 28th. */
export function lastYearPeriod(p: Period): Period {
  const back = (d: string) => {
    const y = Number(d.slice(0, 4)) - 1;
    const md = d.slice(5) === '02-29' ? '02-28' : d.slice(5);
    return `${String(y).padStart(4, '0')}-${md}`;
  };
  return { from: back(p.from), to: back(p.to) };
}

/** Monday of the ISO week of a day. */
export function weekOf(day: string) {
  const d = new Date(`${day}T00:00:00Z`);
  return addDays(day, -((d.getUTCDay() + 6) % 7));
}

export const rate = (num: number | null, den: number | null) => (num == null || !den ? null : num / den);

/** A sum that stays null when every figure is null (not known), as the tables store it. */
export const sumOf = (col: string) => sql.raw(`sum(${col})::bigint`);

/** likes + comments + shares (+ zaikan), null when none of them is known. */
export function interactionsOf(alias: string, withZaikan: boolean) {
  const cols = ['likes', 'comments', 'shares', ...(withZaikan ? ['zaikan'] : [])].map((c) => `${alias}.${c}`);
  return sql.raw(`case when ${cols.map((c) => `${c} is null`).join(' and ')} then null else ${cols.map((c) => `coalesce(${c}, 0)`).join(' + ')} end`);
}

/** Filters on an alias that has workspace_id, account_id and (through `acc`) the account's platform. */
export function scopeWhere(alias: string, s: Scope, acc = 'a'): SQL {
  return sql.join(
    [
      sql`${sql.raw(alias)}.workspace_id = ${s.workspaceId}`,
      s.accountId ? sql`${sql.raw(alias)}.account_id = ${s.accountId}` : undefined,
      s.platform ? sql`${sql.raw(acc)}.platform = ${s.platform}` : undefined,
    ].filter((x): x is SQL => !!x),
    sql` and `,
  );
}

/**
 * scopeWhere on post_metrics and its monthly roll-up: one account's rows are found through its
 * publications, by the (publication, day or month) key, so post days need no index of their own by
 * account (keeping one cost ~10 % of the ingestion rate; bench/README.md, "analytics").
 */
export function postDaysWhere(alias: string, s: Scope): SQL {
  if (!s.accountId) return scopeWhere(alias, s);
  return sql`${scopeWhere(alias, s)} and ${sql.raw(alias)}.publication_id = any(${ownPublications(s.workspaceId, s.accountId)})`;
}

/** The ids of one account's publications, as an array computed once per statement. */
export const ownPublications = (workspaceId: string, accountId: string): SQL =>
  sql`array(select p.id from publications p where p.workspace_id = ${workspaceId}::uuid and p.account_id = ${accountId}::uuid)`;

/** The join scopeWhere's platform filter needs (`a`), and only when there is one: a join of every day row to its account cost ~30 ms a year. */
export const platformJoin = (alias: string, s: Scope): SQL => (s.platform ? sql.raw(`join platform_accounts a on a.id = ${alias}.account_id`) : sql``);

/** The account must be one of the workspace's (its figures are then read by id). */
export async function assertAccount(ex: Executor, workspaceId: string, accountId: string) {
  const r = await ex.execute<{ id: string; name: string; platform: string }>(
    sql`select id, name, platform from platform_accounts where id = ${accountId} and workspace_id = ${workspaceId}`,
  );
  if (!r.rows[0]) throw notFound({ zh: '账号', en: 'Account' });
  return r.rows[0];
}

export async function timezoneOf(ex: Executor, workspaceId: string): Promise<string> {
  const r = await ex.execute<{ timezone: string }>(sql`select timezone from workspaces where id = ${workspaceId}`);
  return r.rows[0]?.timezone ?? 'Asia/Shanghai';
}
