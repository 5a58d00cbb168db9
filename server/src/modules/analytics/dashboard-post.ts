// One post's page: each of its publications with totals (over the range, or all its days) and
// both engagement rates, and the post's daily series. Reads post_metrics through
// post_metrics_post_day_idx; the post, its topic, publications and accounts are read for the
// columns named (content, publishing and accounts own those tables).
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { PostPage } from '../../../../contract/dashboard';
import type { Executor } from '../../db/pool';
import { notFound } from '../../lib/errors';
import { ENGAGEMENT_DEFINITION, interactionsOf, rate, sumOf } from './dashboard-range';
import { type PubRow, postRow, variantLinks } from './dashboard-posts';

export async function postPage(ex: Executor, workspaceId: string, postId: string, range: { from?: string; to?: string }): Promise<z.infer<typeof PostPage>> {
  const head = await ex.execute<{ id: string; title: string; author: string; topic: string | null }>(sql`
    select po.id, po.title, coalesce(nullif(po.author, ''), u.name, '') as author, t.title as topic
    from posts po left join users u on u.id = po.owner_id left join topics t on t.id = po.topic_id
    where po.id = ${postId} and po.workspace_id = ${workspaceId}`);
  const post = head.rows[0];
  if (!post) throw notFound({ zh: '内容', en: 'Post' });
  const from = range.from ?? '1970-01-01';
  const to = range.to ?? '9999-12-31';
  // By the post's publications, so that the (publication, day) key finds the rows (there is no post index).
  const inRange = sql`m.publication_id in (select id from publications where post_id = ${postId} and workspace_id = ${workspaceId})
    and m.workspace_id = ${workspaceId} and m.day between ${from} and ${to}`;
  const [pubs, days, links] = await Promise.all([
    ex.execute<PubRow & { followers_at: number | null }>(sql`
      select pb.id as publication_id, pb.post_id, ${post.title}::text as title, pb.account_id, a.name as account_name, a.platform,
        pb.published_at as went_out, s.views, s.likes, s.comments, s.shares, s.zaikan, s.interactions,
        (select am.followers from account_metrics am
          where am.account_id = pb.account_id and am.followers is not null
            and am.day <= (coalesce(pb.published_at, pb.due_at) at time zone w.timezone)::date
          order by am.day desc limit 1) as followers_at
      from publications pb
      join platform_accounts a on a.id = pb.account_id
      join workspaces w on w.id = pb.workspace_id
      left join lateral (
        select ${sumOf('m.views')} as views, ${sumOf('m.likes')} as likes, ${sumOf('m.comments')} as comments,
          ${sumOf('m.shares')} as shares, ${sumOf('m.zaikan')} as zaikan, sum(${interactionsOf('m', true)})::bigint as interactions
        from post_metrics m where ${inRange} and m.publication_id = pb.id
      ) s on true
      where pb.post_id = ${postId} and pb.workspace_id = ${workspaceId}
      order by pb.published_at nulls last, a.name`),
    ex.execute<{
      day: string;
      views: number | null;
      likes: number | null;
      comments: number | null;
      shares: number | null;
      favorites: number | null;
      zaikan: number | null;
      interactions: number | null;
    }>(sql`
      select to_char(m.day, 'YYYY-MM-DD') as day, ${sumOf('m.views')} as views, ${sumOf('m.likes')} as likes, ${sumOf('m.comments')} as comments,
        ${sumOf('m.shares')} as shares, ${sumOf('m.favorites')} as favorites, ${sumOf('m.zaikan')} as zaikan,
        sum(${interactionsOf('m', true)})::bigint as interactions
      from post_metrics m where ${inRange} group by m.day order by m.day`),
    variantLinks(ex, { workspaceId, postId }, { from, to }),
  ]);
  return {
    post,
    range: range.from && range.to ? { from: range.from, to: range.to } : null,
    engagementDefinition: ENGAGEMENT_DEFINITION,
    publications: pubs.rows.map((r) => ({
      ...postRow(links)(r),
      followersAtPublish: r.followers_at,
      engagementByFollowers: rate(r.interactions, r.followers_at),
    })),
    series: days.rows,
  };
}
