// Publications as other modules need to find them (analytics: a row of an imported sheet names
// its post by the live link or the publication id). Always within one workspace.
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/pool';
import { operatorsOf } from '../accounts/repository';
import { platformAccounts } from '../accounts/tables';
import { posts } from '../content/tables';
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
