// Post-level dashboards from post_metrics: content analysis (by topic, pillar, format, author,
// weekday, hour, platform), top and bottom posts, and one post's page. Figures are first summed
// per publication over the range in SQL (post-sums.ts: whole months from the monthly roll-up, the
// edge days from post_metrics), then joined to what the content, publishing and accounts modules store about it, reading
// only the columns named here (topic title and tags, post title/author/owner, the variant's media
// kind, the publication's publish time, the account's name and platform).
import { type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ContentAnalysis, ContentDimension, PostRanking, PostSort } from '../../../../contract/dashboard';
import type { Executor } from '../../db/pool';
import { plainArray } from '../../lib/pg-array';
import { isoOr } from '../../lib/time';
import { conversionRate, figuresOf, type LinkFigures, linkStats } from '../links/stats';
import { assertAccount, ENGAGEMENT_DEFINITION, type Period, rate, type Scope, sumOf } from './dashboard-range';
import { pillarNames } from '../strategy/repository';
import { publicationSums } from './post-sums';

type Dimension = z.infer<typeof ContentDimension>;

/** How each dimension is read from what the product stores, said with the chart. */
export const DIMENSION_BASIS: Record<Dimension, { zh: string; en: string }> = {
  topic: { zh: '按内容关联的选题（选题库）', en: "By the post's topic (the topic library)" },
  pillar: {
    zh: '栏目 = 稿件的内容支柱（内容策略）；未标注时为选题的第一个标签',
    en: "Pillar = the post's content pillar (the strategy); when it has none, the first tag of its topic",
  },
  format: { zh: '形式：有视频为视频，有图片为图文，否则为文章', en: 'Format: video when the variant has one, images when it has images, else article' },
  author: { zh: '作者：内容的作者栏，未填时为负责人', en: "Author: the post's author field, or its owner when empty" },
  weekday: { zh: '按发布时间的星期（工作区时区）', en: "By the weekday it went out (workspace's time zone)" },
  hour: { zh: '按发布时间的小时（工作区时区）', en: "By the hour it went out (workspace's time zone)" },
  platform: { zh: '按平台', en: 'By platform' },
};

const WEEKDAY = ['周一 Mon', '周二 Tue', '周三 Wed', '周四 Thu', '周五 Fri', '周六 Sat', '周日 Sun'];
const FORMAT: Record<string, string> = { video: '视频 Video', images: '图文 Images', article: '文章 Article' };

/**
 * Per publication: its figures summed over the range, with the facts the dimensions group by.
 * `top`: only the first publications by that order (ranked before the joins, which then join 20
 * rows instead of every publication of the range).
 */
function perPublication(s: Scope, p: Period, top?: { expr: SQL; order: 'asc' | 'desc'; limit: number }): SQL {
  const sums = publicationSums(s, p);
  return sql`
    with pm as (${top ? sql`select * from (${sums}) x where ${top.expr} is not null order by ${top.expr} ${sql.raw(top.order)}, publication_id limit ${top.limit}` : sums}),
    pub as (
      select pm.*, pb.post_id, pb.account_id, coalesce(pb.published_at, pb.due_at) as went_out,
        (coalesce(pb.published_at, pb.due_at) at time zone w.timezone) as local_at,
        po.title, coalesce(nullif(po.author, ''), u.name, '') as author, t.id as topic_id, t.title as topic, t.tags[1] as pillar, po.pillar_id,
        case when v.video_media_id is not null then 'video' when cardinality(v.image_media_ids) > 0 then 'images' else 'article' end as format,
        a.name as account_name, a.platform
      from pm
      join publications pb on pb.id = pm.publication_id
      join posts po on po.id = pb.post_id
      join platform_accounts a on a.id = pb.account_id
      join workspaces w on w.id = pb.workspace_id
      left join users u on u.id = po.owner_id
      left join topics t on t.id = po.topic_id
      left join post_variants v on v.post_id = pb.post_id and v.account_id = pb.account_id
    )`;
}

const KEY: Record<Dimension, string> = {
  topic: "coalesce(topic_id::text, '')",
  pillar: "coalesce('p:' || pillar_id::text, pillar, '')",
  format: 'format',
  author: 'author',
  weekday: 'extract(isodow from local_at)::int::text',
  hour: 'extract(hour from local_at)::int::text',
  platform: 'platform',
};

type ContentRow = { key: string; label: string | null; publications: number; views: number | null; interactions: number | null; variants: string[] };

function labelOf(by: Dimension, r: ContentRow) {
  if (by === 'weekday') return WEEKDAY[Number(r.key) - 1] ?? r.key;
  if (by === 'hour') return `${r.key.padStart(2, '0')}:00`;
  if (by === 'format') return FORMAT[r.key] ?? r.key;
  if (!r.key) return by === 'topic' ? '未关联选题 No topic' : by === 'pillar' ? '未分栏目 No pillar' : '未署名 No author';
  return r.label ?? r.key;
}

export async function contentAnalysis(ex: Executor, s: Scope, p: Period, by: Dimension): Promise<z.infer<typeof ContentAnalysis>> {
  if (s.accountId) await assertAccount(ex, s.workspaceId, s.accountId);
  const key = sql.raw(KEY[by]);
  const label = by === 'topic' ? sql.raw('max(topic)') : sql.raw(`max(${KEY[by]})`);
  // A strategy pillar's key is 'p:<id>': its name from the strategy (the latest any version gave it).
  const pillars = by === 'pillar' ? await pillarNames(ex, s.workspaceId) : new Map<string, string>();
  const named = (row: ContentRow) => (row.key.startsWith('p:') ? { ...row, label: pillars.get(row.key.slice(2)) ?? '已删除的支柱 Removed pillar' } : row);
  // The variants with links in the range, read first: each group then collects only those of its
  // variants (a join on their ids), not every variant's id as text (~40 ms a year of 10,000 posts).
  const linkRows = await variantLinks(ex, s, p);
  const links = new Map(linkRows.map((l) => [l.key, l]));
  const pairs = linkRows.map((l) => l.key.split(':'));
  const linkedJoin = pairs.length
    ? sql`left join (select x.post_id, x.account_id, x.post_id::text || ':' || x.account_id::text as k
        from unnest(${plainArray(pairs.map((x) => x[0]))}::uuid[], ${plainArray(pairs.map((x) => x[1]))}::uuid[]) as x(post_id, account_id)) lk
        on lk.post_id = pub.post_id and lk.account_id = pub.account_id`
    : sql``;
  const r = await ex.execute<ContentRow>(sql`${perPublication(s, p)}
    select ${key} as key, ${label} as label, count(*)::int as publications, ${sumOf('views')} as views, ${sumOf('interactions')} as interactions,
      ${pairs.length ? sql`coalesce(array_agg(distinct lk.k) filter (where lk.k is not null), '{}')` : sql`'{}'::text[]`} as variants
    from pub ${linkedJoin} group by 1 order by ${by === 'weekday' || by === 'hour' ? sql.raw(`(${KEY[by]})::int`) : sql.raw('views desc nulls last, 1')}`);
  const linked = (variants: string[]) => {
    const ls = variants.flatMap((v) => links.get(v) ?? []);
    if (!ls.length) return { clicks: null, conversions: null, conversionRate: null };
    const clicks = ls.reduce((a, l) => a + l.clicks, 0);
    const conversions = ls.reduce((a, l) => a + l.conversions, 0);
    return { clicks, conversions, conversionRate: conversionRate(conversions, clicks) };
  };
  return {
    range: p,
    by,
    basis: DIMENSION_BASIS[by],
    engagementDefinition: ENGAGEMENT_DEFINITION,
    rows: r.rows.map((row) => ({
      key: row.key,
      label: labelOf(by, named(row)),
      publications: row.publications,
      views: row.views,
      interactions: row.interactions,
      viewsPerPublication: row.views == null ? null : row.views / row.publications,
      engagementRate: rate(row.interactions, row.views),
      ...linked(row.variants),
    })),
  };
}

export type PubRow = {
  publication_id: string;
  post_id: string;
  title: string;
  account_id: string;
  account_name: string;
  platform: string;
  went_out: Date | string | null;
  views: number | null;
  likes: number | null;
  comments: number | null;
  shares: number | null;
  zaikan: number | null;
  interactions: number | null;
};

/** The link figures of each (post, account) of the scope in the range, from the links module. */
export const variantLinks = (ex: Executor, s: Scope & { postId?: string }, p: Period) =>
  linkStats(ex, s.workspaceId, p, { accountId: s.accountId, platform: s.platform, postId: s.postId, by: 'variant' });

export const postRow = (links: LinkFigures[]) => (r: PubRow) => {
  const l = figuresOf(links, `${r.post_id}:${r.account_id}`);
  return { ...pubView(r), clicks: l.clicks, conversions: l.conversions, conversionRate: l.conversionRate };
};

const pubView = (r: PubRow) => ({
  publicationId: r.publication_id,
  postId: r.post_id,
  title: r.title,
  accountId: r.account_id,
  accountName: r.account_name,
  platform: r.platform as never,
  publishedAt: r.went_out ? isoOr(r.went_out) : null,
  views: r.views,
  likes: r.likes,
  comments: r.comments,
  shares: r.shares,
  zaikan: r.zaikan,
  interactions: r.interactions,
  engagementRate: rate(r.interactions, r.views),
});

const SORT: Record<z.infer<typeof PostSort>, string> = {
  views: 'views',
  interactions: 'interactions',
  engagement: 'interactions::float8 / nullif(views, 0)',
};

/** Top (desc) or bottom (asc) publications of the range; those without the sorted figure are left out. */
export async function rankPosts(
  ex: Executor,
  s: Scope,
  p: Period,
  opts: { sort: z.infer<typeof PostSort>; order: 'asc' | 'desc'; limit: number },
): Promise<z.infer<typeof PostRanking>> {
  if (s.accountId) await assertAccount(ex, s.workspaceId, s.accountId);
  const expr = sql.raw(SORT[opts.sort]);
  const [r, links] = await Promise.all([
    ex.execute<PubRow>(sql`${perPublication(s, p, { expr, order: opts.order, limit: opts.limit })}
    select * from pub order by ${expr} ${sql.raw(opts.order)}, publication_id`),
    variantLinks(ex, s, p),
  ]);
  return { range: p, sort: opts.sort, order: opts.order, engagementDefinition: ENGAGEMENT_DEFINITION, rows: r.rows.map(postRow(links)) };
}
