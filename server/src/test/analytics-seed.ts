// Seeded analytics data for dashboard tests and the analytics bench: accounts, published posts and
// their daily figures, written straight into the tables (no HTTP) and the figures through the one
// ingestion path (analytics/ingest.ts), so N accounts × D days go in a few statements per 5,000 rows.
import type { Executor } from '../db/pool';
import { platformAccounts } from '../modules/accounts/tables';
import { type AccountFigures, ingestAccountDays, ingestPostDays, type PostDay } from '../modules/analytics/ingest';
import { media, posts, postVariants, topics } from '../modules/content/tables';
import { publications } from '../modules/publishing/tables';

const DAY = 86_400_000;
export const dayAt = (from: string, i: number) => new Date(Date.parse(`${from}T00:00:00Z`) + i * DAY).toISOString().slice(0, 10);

export type PostFigures = PostDay['figures'];
export const postFigures = (f: Partial<PostFigures>): PostFigures => ({
  views: null,
  likes: null,
  comments: null,
  shares: null,
  favorites: null,
  zaikan: null,
  followersGained: null,
  ...f,
});
export const accountFigures = (f: Partial<AccountFigures>): AccountFigures => ({
  followers: null,
  followersGained: null,
  followersLost: null,
  views: null,
  likes: null,
  comments: null,
  shares: null,
  favorites: null,
  ...f,
});

/** `count` accounts of one platform in the workspace, in one insert. */
export async function seedAccounts(ex: Executor, workspaceId: string, count: number, platform = 'wechat_oa', prefix = '账号') {
  const rows = await ex
    .insert(platformAccounts)
    .values(Array.from({ length: count }, (_, i) => ({ workspaceId, platform, name: `${prefix} ${i + 1}` })))
    .returning({ id: platformAccounts.id, name: platformAccounts.name, platform: platformAccounts.platform });
  return rows;
}

/** Every account × `days` days from `from`, figures from `fig(accountIndex, dayIndex)` (null = no row). */
export async function seedAccountDays(
  ex: Executor,
  workspaceId: string,
  accountIds: string[],
  from: string,
  days: number,
  fig: (a: number, d: number) => AccountFigures | null,
) {
  const rows = [];
  for (let a = 0; a < accountIds.length; a++) {
    for (let d = 0; d < days; d++) {
      const figures = fig(a, d);
      if (figures) rows.push({ workspaceId, accountId: accountIds[a], day: dayAt(from, d), figures });
    }
  }
  return ingestAccountDays(ex, rows, 'sync');
}

export async function seedTopic(ex: Executor, workspaceId: string, userId: string, title: string, tags: string[] = []) {
  const [t] = await ex.insert(topics).values({ workspaceId, title, tags, createdBy: userId }).returning({ id: topics.id });
  return t.id;
}

export type SeedPost = {
  accountId: string;
  title?: string;
  publishedAt: Date;
  topicId?: string | null;
  author?: string;
  format?: 'article' | 'video' | 'images';
};

/** Published posts, one publication each (variants only where a format other than article is asked for). */
export async function seedPublished(ex: Executor, workspaceId: string, ownerId: string, items: SeedPost[]) {
  if (!items.length) return [];
  const ps = await ex
    .insert(posts)
    .values(
      items.map((it, i) => ({
        workspaceId,
        title: it.title ?? `内容 ${i + 1}`,
        author: it.author ?? '',
        topicId: it.topicId ?? null,
        status: 'approved',
        ownerId,
        createdBy: ownerId,
      })),
    )
    .returning({ id: posts.id });
  const pubs = await ex
    .insert(publications)
    .values(
      items.map((it, i) => ({
        workspaceId,
        postId: ps[i].id,
        accountId: it.accountId,
        dueAt: it.publishedAt,
        publishedAt: it.publishedAt,
        state: 'published',
      })),
    )
    .returning({ id: publications.id, postId: publications.postId, accountId: publications.accountId });
  // A video variant points at a media row (a foreign key); one placeholder row serves them all.
  let videoId: string | null = null;
  if (items.some((it) => it.format === 'video')) {
    const [m] = await ex
      .insert(media)
      .values({ workspaceId, filename: 'seed.mp4', contentType: 'video/mp4', size: 1, sha256: 'seed', storageKey: 'seed/seed.mp4', uploadedBy: ownerId })
      .returning({ id: media.id });
    videoId = m.id;
  }
  const variants = items.flatMap((it, i) =>
    it.format === 'video' || it.format === 'images'
      ? [
          {
            workspaceId,
            postId: ps[i].id,
            accountId: it.accountId,
            ...(it.format === 'images' ? { imageMediaIds: [crypto.randomUUID()] } : { videoMediaId: videoId }),
          },
        ]
      : [],
  );
  if (variants.length) await ex.insert(postVariants).values(variants);
  return pubs;
}

/** Days of figures for publications: `fig(publicationIndex, dayIndex)` (null = no row), from `from`. */
export async function seedPostDays(
  ex: Executor,
  workspaceId: string,
  pubs: { id: string; postId: string; accountId: string }[],
  from: string | ((p: number) => string),
  days: number,
  fig: (p: number, d: number) => PostFigures | null,
) {
  const rows: PostDay[] = [];
  for (let p = 0; p < pubs.length; p++) {
    const start = typeof from === 'string' ? from : from(p);
    for (let d = 0; d < days; d++) {
      const figures = fig(p, d);
      if (figures) rows.push({ workspaceId, publicationId: pubs[p].id, postId: pubs[p].postId, accountId: pubs[p].accountId, day: dayAt(start, d), figures });
    }
  }
  return ingestPostDays(ex, rows, 'sync');
}
