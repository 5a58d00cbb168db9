// The links module's SQL. Lists show the post's title and the account's name, read (two columns,
// read-only) from the content and accounts modules' tables, as analytics does for its tables.
import { and, desc, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/pool';
import { contains } from '../../lib/sql';
import { platformAccounts } from '../accounts/tables';
import { posts } from '../content/tables';
import { workspaces } from '../identity/tables';
import { conversions, linkClicks, links, linkSettings } from './tables';

export type LinkRow = typeof links.$inferSelect;
export type LinkListRow = LinkRow & { postTitle: string | null; accountName: string | null; clicks: number; conversions: number };
export type LinkFilter = { q?: string; postId?: string; campaign?: string; archived?: 'true' | 'false' };

/** Inserts the link unless its code is taken (then null: the caller draws another code). */
export async function insertLink(ex: Executor, values: typeof links.$inferInsert): Promise<LinkRow | null> {
  const [row] = await ex.insert(links).values(values).onConflictDoNothing({ target: links.code }).returning();
  return row ?? null;
}

function linkWhere(workspaceId: string, f: LinkFilter): SQL | undefined {
  return and(
    eq(links.workspaceId, workspaceId),
    f.q ? or(ilike(links.code, contains(f.q)), ilike(links.targetUrl, contains(f.q)), ilike(links.campaign, contains(f.q))) : undefined,
    f.postId ? eq(links.postId, f.postId) : undefined,
    f.campaign ? eq(links.campaign, f.campaign) : undefined,
    f.archived ? eq(links.archived, f.archived === 'true') : undefined,
  );
}

const totalClicks = sql<number>`coalesce((select sum(c.clicks) from link_clicks c where c.link_id = ${links.id}), 0)::int`;
const totalConversions = sql<number>`(select count(*) from conversions v where v.link_id = ${links.id})::int`;

function listSelect(ex: Executor) {
  return ex
    .select({ link: links, postTitle: posts.title, accountName: platformAccounts.name, clicks: totalClicks, conversions: totalConversions })
    .from(links)
    .leftJoin(posts, eq(posts.id, links.postId))
    .leftJoin(platformAccounts, eq(platformAccounts.id, links.accountId));
}

const flat = (r: { link: LinkRow; postTitle: string | null; accountName: string | null; clicks: number; conversions: number }): LinkListRow => ({
  ...r.link,
  postTitle: r.postTitle,
  accountName: r.accountName,
  clicks: r.clicks,
  conversions: r.conversions,
});

export async function listLinks(ex: Executor, workspaceId: string, f: LinkFilter, limit: number, offset: number): Promise<LinkListRow[]> {
  const rows = await listSelect(ex).where(linkWhere(workspaceId, f)).orderBy(desc(links.createdAt), desc(links.id)).limit(limit).offset(offset);
  return rows.map(flat);
}

export const countLinks = (ex: Executor, workspaceId: string, f: LinkFilter) =>
  ex.select({ n: sql<number>`count(*)::int` }).from(links).where(linkWhere(workspaceId, f));

export async function findLink(ex: Executor, workspaceId: string, id: string): Promise<LinkListRow | null> {
  const [row] = await listSelect(ex).where(and(eq(links.workspaceId, workspaceId), eq(links.id, id)));
  return row ? flat(row) : null;
}

export async function updateLink(ex: Executor, workspaceId: string, id: string, set: Partial<typeof links.$inferInsert>) {
  await ex
    .update(links)
    .set({ ...set, updatedAt: sql`now()` })
    .where(and(eq(links.workspaceId, workspaceId), eq(links.id, id)));
}

/** A link by its code with its workspace's time zone (the day a click is counted on), or null. */
export async function linkByCode(ex: Executor, code: string) {
  const [row] = await ex
    .select({ link: links, timezone: workspaces.timezone })
    .from(links)
    .innerJoin(workspaces, eq(workspaces.id, links.workspaceId))
    .where(eq(links.code, code));
  return row ?? null;
}

export type Counts = { clicks: number; uniques: number; previews: number; bots: number };

/** One visit, one statement: the (link, day) row is created or its counters raised atomically. */
export async function countVisit(ex: Executor, linkId: string, day: string, c: Counts) {
  await ex
    .insert(linkClicks)
    .values({ linkId, day, ...c })
    .onConflictDoUpdate({
      target: [linkClicks.linkId, linkClicks.day],
      set: {
        clicks: sql`${linkClicks.clicks} + excluded.clicks`,
        uniques: sql`${linkClicks.uniques} + excluded.uniques`,
        previews: sql`${linkClicks.previews} + excluded.previews`,
        bots: sql`${linkClicks.bots} + excluded.bots`,
      },
    });
}

/** Records a conversion once per (workspace, event_id): the id and whether it was already there. */
export async function insertConversion(ex: Executor, values: typeof conversions.$inferInsert): Promise<{ id: string; duplicate: boolean }> {
  const [row] = await ex
    .insert(conversions)
    .values(values)
    .onConflictDoNothing({ target: [conversions.workspaceId, conversions.eventId] })
    .returning({ id: conversions.id });
  if (row) return { id: row.id, duplicate: false };
  const [old] = await ex
    .select({ id: conversions.id })
    .from(conversions)
    .where(and(eq(conversions.workspaceId, values.workspaceId), eq(conversions.eventId, values.eventId)));
  return { id: old.id, duplicate: true };
}

export type DayRow = Counts & { day: string; conversions: number; value: number | null };

/** A link's days in [from, to]: counters and the conversions that occurred that day (workspace time). */
export async function linkDays(ex: Executor, linkId: string, from: string, to: string): Promise<DayRow[]> {
  const r = await ex.execute<DayRow>(sql`
    with conv as (
      select (v.occurred_at at time zone w.timezone)::date as day, count(*)::int as conversions, sum(v.value)::float8 as value
      from conversions v join workspaces w on w.id = v.workspace_id
      where v.link_id = ${linkId} and (v.occurred_at at time zone w.timezone)::date between ${from} and ${to}
      group by 1
    ),
    clk as (select day, clicks, uniques, previews, bots from link_clicks where link_id = ${linkId} and day between ${from} and ${to})
    select to_char(coalesce(clk.day, conv.day), 'YYYY-MM-DD') as day,
      coalesce(clk.clicks, 0) as clicks, coalesce(clk.uniques, 0) as uniques, coalesce(clk.previews, 0) as previews,
      coalesce(clk.bots, 0) as bots, coalesce(conv.conversions, 0) as conversions, conv.value
    from clk full join conv on conv.day = clk.day
    order by 1`);
  return r.rows;
}

export async function settingsOf(ex: Executor, workspaceId: string) {
  const [row] = await ex.select().from(linkSettings).where(eq(linkSettings.workspaceId, workspaceId));
  return row ?? null;
}

export async function settingsByKey(ex: Executor, hookKey: string) {
  const [row] = await ex.select().from(linkSettings).where(eq(linkSettings.hookKey, hookKey));
  return row ?? null;
}

export async function putSettings(ex: Executor, values: typeof linkSettings.$inferInsert) {
  const [row] = await ex
    .insert(linkSettings)
    .values(values)
    .onConflictDoUpdate({ target: linkSettings.workspaceId, set: { secretSealed: values.secretSealed, rotatedAt: sql`now()`, rotatedBy: values.rotatedBy } })
    .returning();
  return row;
}

/** The workspace's link of this code (conversions name their link by code), or null. */
export async function linkIdByCode(ex: Executor, workspaceId: string, code: string) {
  const [row] = await ex
    .select({ id: links.id })
    .from(links)
    .where(and(eq(links.workspaceId, workspaceId), eq(links.code, code)));
  return row?.id ?? null;
}
