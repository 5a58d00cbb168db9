// The monthly roll-up of post days (post_metrics_months, kept by triggers) against the days it
// sums: inserts, replacements (null → known and back), deletes of a post with its publication;
// the per-publication sums of a range with partial months at its edges; and the write path's
// answer for a publication that no longer exists (no foreign key any more: see tables.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { testEnv, workspaceWithTeam } from '../../test/app';
import { dayAt, postFigures, seedAccounts, seedPostDays, seedPublished } from '../../test/analytics-seed';
import { posts } from '../content/tables';
import { ingestPostDays, type PostDay } from './ingest';
import { planSums, publicationSums } from './post-sums';
import { postMetrics } from './tables';

const t = await testEnv();
const team = await workspaceWithTeam(t);
const db = t.deps.db;
const ws = team.workspaceId;

test('a range is read as whole months of the roll-up, each edge month by the fewer days', () => {
  const year = planSums({ from: '2025-12-01', to: '2026-11-30' });
  assert.equal(year.months.length, 12);
  assert.deepEqual([year.months[0], year.months[11], year.plus, year.minus], ['2025-12-01', '2026-11-01', [], []]);
  // Rolling: December 2025 lacks one day (month minus the 1st); December 2026 has one day (added).
  const rolling = planSums({ from: '2025-12-02', to: '2026-12-01' });
  assert.deepEqual(
    [rolling.months.length, rolling.plus, rolling.minus],
    [12, [{ from: '2026-12-01', to: '2026-12-01' }], [{ from: '2025-12-01', to: '2025-12-01' }]],
  );
  // Inside one month: 20 of February 2024's 29 days = the month minus the 9 days before.
  assert.deepEqual(planSums({ from: '2024-02-10', to: '2024-02-29' }), { months: ['2024-02-01'], plus: [], minus: [{ from: '2024-02-01', to: '2024-02-09' }] });
  assert.deepEqual(planSums({ from: '2024-02-10', to: '2024-02-20' }), { months: [], plus: [{ from: '2024-02-10', to: '2024-02-20' }], minus: [] });
  assert.deepEqual(planSums({ from: '2024-03-02', to: '2024-03-30' }).minus, [
    { from: '2024-03-01', to: '2024-03-01' },
    { from: '2024-03-31', to: '2024-03-31' },
  ]);
});

type F = PostDay['figures'];
const interactions = (f: F) =>
  f.likes == null && f.comments == null && f.shares == null && f.zaikan == null ? null : (f.likes ?? 0) + (f.comments ?? 0) + (f.shares ?? 0) + (f.zaikan ?? 0);

/** What the roll-up must hold, summed here from the days the test wrote. */
function expectedMonths(days: Map<string, F>) {
  const out = new Map<string, { days: number; views: number | null; likes: number | null; interactions: number | null }>();
  const plus = (a: number | null, b: number | null) => (b == null ? a : (a ?? 0) + b);
  for (const [k, f] of days) {
    const [pub, day] = k.split('|');
    const key = `${pub}|${day.slice(0, 7)}-01`;
    const m = out.get(key) ?? { days: 0, views: null, likes: null, interactions: null };
    out.set(key, { days: m.days + 1, views: plus(m.views, f.views), likes: plus(m.likes, f.likes), interactions: plus(m.interactions, interactions(f)) });
  }
  return out;
}

async function storedMonths(pubIds: string[]) {
  const r = await db.execute<{ k: string; days: number; views: number | null; likes: number | null; interactions: number | null }>(sql`
    select publication_id || '|' || month as k, days::int,
      case when views_n > 0 then views end::int as views, case when likes_n > 0 then likes end::int as likes,
      case when interactions_n > 0 then interactions end::int as interactions
    from post_metrics_months where publication_id = any(${sql.param(pubIds)}::uuid[])`);
  return new Map(r.rows.map(({ k, ...rest }) => [k, rest]));
}

test('the monthly roll-up follows every insert, replacement and delete of post days, unknown staying unknown', async () => {
  const [acc] = await seedAccounts(db, ws, 1, 'wechat_oa', '汇总');
  const pubs = await seedPublished(db, ws, team.owner.userId, [
    { accountId: acc.id, publishedAt: new Date('2026-01-25T02:00:00Z') },
    { accountId: acc.id, publishedAt: new Date('2026-02-20T02:00:00Z') },
  ]);
  const model = new Map<string, F>();
  const write = async (p: number, from: string, n: number, fig: (d: number) => F) => {
    await seedPostDays(db, ws, [pubs[p]], from, n, (_, d) => fig(d));
    for (let d = 0; d < n; d++) model.set(`${pubs[p].id}|${dayAt(from, d)}`, fig(d));
  };
  // Across a month end; the second post's February days know only likes (no reads).
  await write(0, '2026-01-25', 14, (d) => postFigures({ views: 100 + d, likes: d % 3, comments: 1 }));
  await write(1, '2026-02-20', 10, () => postFigures({ likes: 4 }));
  assert.deepEqual(await storedMonths(pubs.map((p) => p.id)), expectedMonths(model));

  // Late corrections: a day's reads become unknown, another's become known; the same figures again change nothing.
  await write(0, '2026-01-30', 3, (d) => postFigures({ views: d === 0 ? null : 5000, likes: 7 }));
  await write(1, '2026-03-01', 1, () => postFigures({ views: 9, likes: 4 }));
  await write(1, '2026-03-01', 1, () => postFigures({ views: 9, likes: 4 }));
  const months = await storedMonths(pubs.map((p) => p.id));
  assert.deepEqual(months, expectedMonths(model));
  assert.equal(months.get(`${pubs[1].id}|2026-02-01`)?.views, null, 'no day of February knew the reads: unknown, not 0');

  // Deleting the first post takes its publication, its days and their roll-up with it.
  await db.delete(posts).where(eq(posts.id, pubs[0].postId));
  for (const k of [...model.keys()]) if (k.startsWith(pubs[0].id)) model.delete(k);
  assert.equal((await db.select().from(postMetrics).where(eq(postMetrics.publicationId, pubs[0].id))).length, 0);
  assert.deepEqual(await storedMonths(pubs.map((p) => p.id)), expectedMonths(model));
});

test('per-publication sums of a range with partial months equal the sums of its days', async () => {
  const [acc] = await seedAccounts(db, ws, 1, 'douyin', '区间');
  const pubs = await seedPublished(db, ws, team.owner.userId, [
    { accountId: acc.id, publishedAt: new Date('2026-03-10T02:00:00Z') },
    { accountId: acc.id, publishedAt: new Date('2026-05-28T02:00:00Z') },
  ]);
  const fig = (p: number, d: number) => postFigures({ views: 10 * (p + 1) + d, likes: d % 2 ? null : 1, shares: p });
  await seedPostDays(db, ws, pubs, (p) => (p ? '2026-05-28' : '2026-03-10'), 90, fig);
  // Edge months read by adding their days (March 20–31, June 1–5), and by taking days away (March 1–4, June 28–30).
  for (const range of [
    { from: '2026-03-20', to: '2026-06-05' },
    { from: '2026-03-05', to: '2026-06-27' },
  ]) {
    const r = await db.execute<{ publication_id: string; views: number; likes: number | null; interactions: number | null }>(
      sql`select publication_id, views::int, likes::int, interactions::int from (${publicationSums({ workspaceId: ws, accountId: acc.id }, range)}) s`,
    );
    const got = new Map(r.rows.map((x) => [x.publication_id, [x.views, x.likes, x.interactions]]));
    for (let p = 0; p < 2; p++) {
      let views = 0;
      let likes = 0;
      let inter = 0;
      for (let d = 0; d < 90; d++) {
        const day = dayAt(p ? '2026-05-28' : '2026-03-10', d);
        if (day < range.from || day > range.to) continue;
        const f = fig(p, d);
        views += f.views ?? 0;
        likes += f.likes ?? 0;
        inter += interactions(f) ?? 0;
      }
      assert.deepEqual(got.get(pubs[p].id), [views, likes, inter], `publication ${p}, ${range.from}–${range.to}`);
    }
  }
});

test('days of a publication that no longer exists are skipped and said so, not stored', async () => {
  const [acc] = await seedAccounts(db, ws, 1, 'weibo', '已删');
  const [pub] = await seedPublished(db, ws, team.owner.userId, [{ accountId: acc.id, publishedAt: new Date('2026-04-01T02:00:00Z') }]);
  const day = (publicationId: string): PostDay => ({
    workspaceId: ws,
    publicationId,
    postId: pub.postId,
    accountId: acc.id,
    day: '2026-04-02',
    figures: postFigures({ likes: 1 }),
  });
  const gone = crypto.randomUUID();
  assert.deepEqual(await ingestPostDays(db, [day(pub.id), day(gone)], 'import'), { inserted: 1, replaced: 0, unchanged: 0, skipped: 1 });
  assert.equal((await db.select().from(postMetrics).where(eq(postMetrics.publicationId, gone))).length, 0);
});
