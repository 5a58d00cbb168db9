// Seeding for the goals, cadence, index and anomaly tests: account days, live publications with
// their publish moment, and post days, written through analytics' own ingestion path.
import { and, eq } from 'drizzle-orm';
import { ACCOUNT_FIELDS, type AccountFigures, ingestAccountDays, ingestPostDays } from '../modules/analytics/ingest';
import { notifications } from '../modules/notify/tables';
import { publications } from '../modules/publishing/tables';
import type { TestEnv, workspaceWithTeam } from './app';
import type { Member } from './app';
import { createAccount, createPost } from './fixtures';

type Team = Awaited<ReturnType<typeof workspaceWithTeam>>;

const addDays = (day: string, n: number) => new Date(new Date(`${day}T00:00:00Z`).getTime() + n * 86_400_000).toISOString().slice(0, 10);

/** Account days from `first`, one per value of `series` (the other figures unknown). */
export async function seedAccountDays(
  t: TestEnv,
  workspaceId: string,
  accountId: string,
  first: string,
  series: Partial<Record<keyof AccountFigures, number[]>>,
) {
  const len = Math.max(...Object.values(series).map((v) => v.length));
  const days = Array.from({ length: len }, (_, i) => ({
    workspaceId,
    accountId,
    day: addDays(first, i),
    figures: Object.fromEntries(ACCOUNT_FIELDS.map((f) => [f, series[f]?.[i] ?? null])) as AccountFigures,
  }));
  await ingestAccountDays(t.deps.db, days, 'import');
}

/** A live publication of a new post (owned by `author`) on the account, published at `at`. */
export async function seedPublication(t: TestEnv, team: Team, accountId: string, at: Date, opts: { author?: Member; bodyHtml?: string } = {}) {
  const post = await createPost(t, opts.author ?? team.editor, {
    title: `文章 ${Math.random().toString(36).slice(2, 7)}`,
    bodyHtml: opts.bodyHtml ?? '<p>正文</p>',
  });
  const [p] = await t.deps.db
    .insert(publications)
    .values({
      workspaceId: team.workspaceId,
      postId: post.id,
      accountId,
      dueAt: at,
      state: 'published',
      publishedAt: at,
      articleUrl: `https://mp.example.com/s/${p0()}`,
    })
    .returning();
  return { id: p.id, postId: post.id };
}
const p0 = () => Math.random().toString(36).slice(2);

/** One day of a publication's figures (unknown ones null). */
export async function seedPostDay(
  t: TestEnv,
  workspaceId: string,
  pub: { id: string; postId: string },
  accountId: string,
  day: string,
  f: Partial<Record<'views' | 'likes' | 'comments' | 'shares' | 'favorites' | 'zaikan' | 'followersGained', number>>,
) {
  await ingestPostDays(
    t.deps.db,
    [
      {
        workspaceId,
        publicationId: pub.id,
        postId: pub.postId,
        accountId,
        day,
        figures: { views: null, likes: null, comments: null, shares: null, favorites: null, zaikan: null, followersGained: null, ...f },
      },
    ],
    'import',
  );
}

export async function newAccount(t: TestEnv, team: Team, platform = 'wechat_oa', name?: string) {
  return createAccount(t, team.owner, { platform, ...(name ? { name } : {}) });
}

/** The in-app notifications of one user of the workspace with a kind starting with `prefix`. */
export async function notificationsOf(t: TestEnv, workspaceId: string, userId: string, prefix: string) {
  const rows = await t.deps.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.workspaceId, workspaceId), eq(notifications.userId, userId)));
  return rows.filter((r) => r.kind.startsWith(prefix));
}
