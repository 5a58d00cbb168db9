// Seeded figures for the report tests: two accounts over one week (2026-11-23 to 11-29), the week
// before and the same week a year earlier, five published posts with their days. The expected
// totals are written out in reports.test.ts by hand from these numbers.
import { ingestAccountDays, ingestPostDays } from '../modules/analytics/ingest';
import { topics } from '../modules/content/tables';
import { publications } from '../modules/publishing/tables';
import { addDays } from '../modules/reports/period';
import type { TestEnv, workspaceWithTeam } from './app';
import { createAccount, createPost } from './fixtures';
import { accountFigures, postFigures } from './analytics-seed';

type Team = Awaited<ReturnType<typeof workspaceWithTeam>>;
const days = (start: string, n: number) => Array.from({ length: n }, (_, i) => addDays(start, i));
const acct = accountFigures;
const postF = postFigures;

export const WEEK = { start: '2026-11-23', end: '2026-11-29' };

export async function seedReportWeek(t: TestEnv, team: Team) {
  const ws = team.workspaceId;
  const a = await createAccount(t, team.owner, { name: '春季公众号' });
  const b = await createAccount(t, team.owner, { platform: 'douyin', name: '抖音旗舰号' });
  const ex = t.deps.db;
  const rows = [
    // Account A: this week +20/−5 a day, 1000 reads; the week before +10/−5, 800; a year earlier +5, 500.
    ...days(WEEK.start, 7).map((day, i) => ({
      workspaceId: ws,
      accountId: a.id,
      day,
      figures: acct({ followers: 10000 + 15 * (i + 1), followersGained: 20, followersLost: 5, views: 1000, likes: 50, comments: 10, shares: 30 }),
    })),
    ...days('2026-11-16', 7).map((day, i) => ({
      workspaceId: ws,
      accountId: a.id,
      day,
      figures: acct({ followers: 9965 + 5 * (i + 1), followersGained: 10, followersLost: 5, views: 800, likes: 40, comments: 10, shares: 20 }),
    })),
    ...days('2025-11-24', 7).map((day, i) => ({
      workspaceId: ws,
      accountId: a.id,
      day,
      figures: acct({ followers: 4965 + 5 * (i + 1), followersGained: 5, followersLost: 0, views: 500 }),
    })),
    // Account B: reads fall from 500 to 200 a day.
    ...days(WEEK.start, 7).map((day, i) => ({
      workspaceId: ws,
      accountId: b.id,
      day,
      figures: acct({ followers: 2000 + 2 * (i + 1), followersGained: 3, followersLost: 1, views: 200, likes: 10, comments: 2, shares: 1 }),
    })),
    ...days('2026-11-16', 7).map((day, i) => ({
      workspaceId: ws,
      accountId: b.id,
      day,
      figures: acct({ followers: 1986 + 2 * (i + 1), followersGained: 3, followersLost: 1, views: 500 }),
    })),
  ];
  await ingestAccountDays(ex, rows, 'sync');

  const [review, holiday] = await ex
    .insert(topics)
    .values([
      { workspaceId: ws, title: '产品评测', createdBy: team.owner.userId },
      { workspaceId: ws, title: '节日营销', createdBy: team.owner.userId },
    ])
    .returning();
  const publish = async (title: string, accountId: string, at: string, topicId: string | null, figures: [string, ReturnType<typeof postF>][]) => {
    const post = await createPost(t, team.editor, { title, ...(topicId ? { topicId } : {}) });
    const [p] = await ex
      .insert(publications)
      .values({
        workspaceId: ws,
        postId: post.id,
        accountId,
        dueAt: new Date(at),
        state: 'published',
        publishedAt: new Date(at),
        articleUrl: `https://mp.example.com/s/${post.id}`,
      })
      .returning();
    await ingestPostDays(
      ex,
      figures.map(([day, f]) => ({ workspaceId: ws, publicationId: p.id, postId: post.id, accountId, day, figures: f })),
      'sync',
      null,
    );
    return p.id;
  };
  await publish('新品评测：春季系列', a.id, '2026-11-24T10:00:00+08:00', review.id, [
    ['2026-11-24', postF({ views: 3000, likes: 100, zaikan: 20 })],
    ['2026-11-25', postF({ views: 1000 })],
    ['2026-11-26', postF({ views: 500 })],
  ]);
  await publish('评测第二篇', a.id, '2026-11-26T09:00:00+08:00', review.id, [['2026-11-26', postF({ views: 800 })]]);
  await publish('双十二预热', a.id, '2026-11-28T20:00:00+08:00', holiday.id, [['2026-11-28', postF({ views: 300 })]]);
  await publish('开箱短视频', b.id, '2026-11-25T12:00:00+08:00', null, [['2026-11-25', postF({ views: 600, likes: 60, comments: 5, shares: 10 })]]);
  // Published the week before; its figures on 11-23 count for this week's reads, not its posts.
  await publish('上周的文章', a.id, '2026-11-18T08:00:00+08:00', null, [
    ['2026-11-18', postF({ views: 1000 })],
    ['2026-11-23', postF({ views: 200 })],
  ]);
  // Published 2026-11-29 23:30 Beijing time: still this week in the workspace's zone.
  await publish('周日深夜', b.id, '2026-11-29T15:30:00Z', null, []);
  return { a, b };
}
