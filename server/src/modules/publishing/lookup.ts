// Publications as other modules need to find them (analytics: a row of an imported sheet names
// its post by the live link or the publication id). Always within one workspace.
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/pool';
import { operatorsOf } from '../accounts/repository';
import { platformAccounts } from '../accounts/tables';
import { posts, postVariants } from '../content/tables';
import { publications } from './tables';

export type FoundPublication = {
  id: string;
  postId: string;
  accountId: string;
  state: string;
  articleUrl: string | null;
  postTitle: string;
  accountName: string;
  platform: string;
  /** Members who operate the account (they may record its figures whatever their role). */
  operatorIds: string[];
};

/** A link as people copy it: spaces around it, a trailing slash or a #fragment make no difference. */
export const linkKey = (url: string) => url.trim().replace(/#.*$/, '').replace(/\/+$/, '');

const sqlLinkKey = () => sql`regexp_replace(regexp_replace(btrim(${publications.articleUrl}), '#.*$', ''), '/+$', '')`;

/** The workspace's publications with these ids or these live links (by linkKey). */
export async function findPublications(ex: Executor, workspaceId: string, refs: { ids: string[]; links: string[] }): Promise<FoundPublication[]> {
  const keys = [...new Set(refs.links.map(linkKey).filter(Boolean))];
  const ids = [...new Set(refs.ids)];
  if (!ids.length && !keys.length) return [];
  // A stored link may itself carry a slash or fragment: compared on the same key in SQL.
  const rows = await ex
    .select({
      p: publications,
      postTitle: posts.title,
      accountName: platformAccounts.name,
      platform: platformAccounts.platform,
    })
    .from(publications)
    .innerJoin(posts, eq(posts.id, publications.postId))
    .innerJoin(platformAccounts, eq(platformAccounts.id, publications.accountId))
    .where(
      and(
        eq(publications.workspaceId, workspaceId),
        or(ids.length ? inArray(publications.id, ids) : undefined, keys.length ? inArray(sqlLinkKey(), keys) : undefined),
      ),
    );
  const ops = await operatorsOf(ex, [...new Set(rows.map((r) => r.p.accountId))]);
  return rows.map((r) => ({
    id: r.p.id,
    postId: r.p.postId,
    accountId: r.p.accountId,
    state: r.p.state,
    articleUrl: r.p.articleUrl,
    postTitle: r.postTitle,
    accountName: r.accountName,
    platform: r.platform,
    operatorIds: ops.get(r.p.accountId) ?? [],
  }));
}

export type SyncedPublication = {
  id: string;
  postId: string;
  publishId: string | null;
  msgDataId: string | null;
  articleId: string | null;
  articleUrl: string | null;
  publishedAt: Date;
};

/** An account's publications that went out since `since`, with the platform ids stored for them (analytics sync). */
export async function publishedSince(ex: Executor, workspaceId: string, accountId: string, since: Date): Promise<SyncedPublication[]> {
  const rows = await ex
    .select({
      id: publications.id,
      postId: publications.postId,
      publishId: publications.publishId,
      msgDataId: publications.msgDataId,
      articleId: publications.articleId,
      articleUrl: publications.articleUrl,
      publishedAt: publications.publishedAt,
    })
    .from(publications)
    .where(
      and(
        eq(publications.workspaceId, workspaceId),
        eq(publications.accountId, accountId),
        eq(publications.state, 'published'),
        sql`${publications.publishedAt} >= ${since}`,
      ),
    );
  return rows.flatMap((r) => (r.publishedAt ? [{ ...r, publishedAt: r.publishedAt }] : []));
}

export type LivePublication = {
  accountId: string;
  publishedAt: Date;
  /** The post's owner (member goals count their own posts). */
  ownerId: string;
  /** What the published variant carried, for telling formats apart (goals/cadence.ts). */
  hasVideo: boolean;
  imageCount: number;
  hasBody: boolean;
};

/** The workspace's publications that went live in [from, to), optionally of some accounts or one owner's posts. */
export async function publishedBetween(
  ex: Executor,
  workspaceId: string,
  from: Date,
  to: Date,
  filter: { accountIds?: string[]; ownerId?: string } = {},
): Promise<LivePublication[]> {
  if (filter.accountIds && !filter.accountIds.length) return [];
  const rows = await ex.execute(sql`
    select p.account_id, p.published_at, po.owner_id,
           (v.video_media_id is not null) as has_video,
           coalesce(cardinality(v.image_media_ids), 0) as image_count,
           (coalesce(v.body_html, po.body_html) <> '') as has_body
      from ${publications} p
      join ${posts} po on po.id = p.post_id
      left join ${postVariants} v on v.post_id = p.post_id and v.account_id = p.account_id
     where p.workspace_id = ${workspaceId} and p.state = 'published'
       and p.published_at >= ${from.toISOString()} and p.published_at < ${to.toISOString()}
       ${
         filter.accountIds
           ? sql`and p.account_id in (${sql.join(
               filter.accountIds.map((id) => sql`${id}`),
               sql`, `,
             )})`
           : sql``
       }
       ${filter.ownerId ? sql`and po.owner_id = ${filter.ownerId}` : sql``}`);
  return (rows.rows as Record<string, unknown>[]).map((r) => ({
    accountId: String(r.account_id),
    publishedAt: new Date(r.published_at as string),
    ownerId: String(r.owner_id),
    hasVideo: Boolean(r.has_video),
    imageCount: Number(r.image_count),
    hasBody: Boolean(r.has_body),
  }));
}

/** When each of the workspace's accounts last had a publication go live. */
export async function lastPublished(ex: Executor, workspaceId: string): Promise<Map<string, Date>> {
  const rows = await ex.execute(sql`
    select account_id, max(published_at) as at from ${publications}
     where workspace_id = ${workspaceId} and state = 'published' and published_at is not null
     group by account_id`);
  return new Map((rows.rows as { account_id: string; at: string }[]).map((r) => [r.account_id, new Date(r.at)]));
}

/** The platform's ids of one publication of the workspace (the inbox's replies need the post's), or null. */
export async function platformIdsOf(
  ex: Executor,
  workspaceId: string,
  publicationId: string,
): Promise<{ publishId: string | null; msgDataId: string | null } | null> {
  const [row] = await ex
    .select({ publishId: publications.publishId, msgDataId: publications.msgDataId })
    .from(publications)
    .where(and(eq(publications.workspaceId, workspaceId), eq(publications.id, publicationId)));
  return row ?? null;
}

/**
 * The account's publications by the id the platform gave the post (publishId), for items read
 * from an account-wide feed (a comment inbox) that name the post only by that id.
 */
export async function publicationsByPublishId(ex: Executor, workspaceId: string, accountId: string, publishIds: string[]): Promise<Map<string, string>> {
  const ids = [...new Set(publishIds.filter(Boolean))];
  if (!ids.length) return new Map();
  const rows = await ex
    .select({ id: publications.id, publishId: publications.publishId })
    .from(publications)
    .where(and(eq(publications.workspaceId, workspaceId), eq(publications.accountId, accountId), inArray(publications.publishId, ids)));
  return new Map(rows.map((r) => [r.publishId as string, r.id]));
}

export type ShippedPublication = { id: string; postId: string; accountId: string; ownerId: string; dueAt: Date; publishedAt: Date };

/** Publications that went live in [from, to) with the owner of their post and the time they were planned for (team scorecards). */
export async function shippedBetween(ex: Executor, workspaceId: string, from: Date, to: Date): Promise<ShippedPublication[]> {
  const rows = await ex.execute<{ id: string; post_id: string; account_id: string; owner_id: string; due_at: string; published_at: string }>(sql`
    select p.id, p.post_id, p.account_id, po.owner_id, p.due_at, p.published_at
      from ${publications} p join ${posts} po on po.id = p.post_id
     where p.workspace_id = ${workspaceId} and p.state = 'published'
       and p.published_at >= ${from.toISOString()} and p.published_at < ${to.toISOString()}
     order by p.published_at, p.id`);
  return rows.rows.map((r) => ({
    id: r.id,
    postId: r.post_id,
    accountId: r.account_id,
    ownerId: r.owner_id,
    dueAt: new Date(r.due_at),
    publishedAt: new Date(r.published_at),
  }));
}
