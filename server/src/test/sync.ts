// Seeding for the analytics sync tests: published publications of an account, with the platform
// ids the sync maps figures by, the emulator's clock and the test's clock kept together, and the
// three-run check of a platform whose figures are snapshotted.
import assert from 'node:assert/strict';
import { eq, sql } from 'drizzle-orm';
import { syncAccount } from '../modules/analytics/sync';
import { accountMetrics, postMetrics, postSnapshots } from '../modules/analytics/tables';
import { publications } from '../modules/publishing/tables';
import { dayIn } from '../platforms/metrics';
import { planBurst, type PubEnv, type wechatWorkspace } from './publishing';

const HOUR = 3_600_000;

/** `count` publications of the workspace's first account, published at `at`, with the given platform ids. */
export async function publishedPosts(
  e: PubEnv,
  ws: Awaited<ReturnType<typeof wechatWorkspace>>,
  at: Date,
  ids: { publishId?: string; msgDataId?: string; articleId?: string }[],
) {
  const pubIds = await planBurst(e, { ...ws, accounts: [ws.accounts[0]] }, ids.length, at, { prefix: `p${at.getTime()}` });
  for (const [i, id] of pubIds.entries()) {
    await e.deps.db
      .update(publications)
      .set({ state: 'published', publishedAt: at, submittedAt: at, ...ids[i] })
      .where(eq(publications.id, id));
  }
  return pubIds;
}

/** A clock shared with the emulator: `now()` is the emulator's time; `advance` moves both. */
export function sharedClock(e: PubEnv) {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    async advance(ms: number) {
      await e.control('POST', '/clock', { advanceMs: ms });
      offset += ms;
    },
    /** Moves to the next `hour`:`minute` o'clock in Beijing (UTC+8). */
    async toBeijing(hour: number, minute = 0) {
      const t = Date.now() + offset;
      const bj = t + 8 * HOUR;
      const dayStart = bj - (bj % (24 * HOUR));
      let target = dayStart + hour * HOUR + minute * 60_000;
      if (target <= bj) target += 24 * HOUR;
      await this.advance(target - bj);
    },
  };
}

export async function notificationsOf(e: PubEnv, workspaceId: string, kind: string) {
  const r = await e.deps.db.execute(sql`select user_id from notifications where workspace_id = ${workspaceId} and kind = ${kind}`);
  return r.rows as { user_id: string }[];
}

/** A snapshot platform's account and one published post, with the emulator's controls for their figures. */
export interface SnapshotCase {
  workspaceId: string;
  accountId: string;
  publicationId: string;
  /** The follower count the emulator answers now. */
  followers: number;
  setFollowers(n: number): Promise<void>;
  setViews(n: number): Promise<void>;
  /** The post's totals as set: [views, likes, comments, shares, favorites], null where the platform gives none. */
  totals: (number | null)[];
}

/**
 * The sync of a platform without per-day data (followers stored as today's figure, post totals as
 * snapshots with derived days), run three times: the first fills today; a rerun writes nothing; a
 * changed count makes one more snapshot and replaces the day (the new total, not a sum).
 */
export async function checkSnapshotSync(e: PubEnv, c: SnapshotCase) {
  const now = new Date();
  const today = dayIn('Asia/Shanghai', now);
  const run = (ms: number) => syncAccount(e.deps, c.workspaceId, c.accountId, { now: new Date(now.getTime() + ms) });
  const accountRows = () => e.deps.db.select().from(accountMetrics).where(eq(accountMetrics.accountId, c.accountId));
  const post = () => e.deps.db.select().from(postMetrics).where(eq(postMetrics.publicationId, c.publicationId));

  const first = await run(0);
  assert.ok(first.fetched.length >= 1 && first.fetched.every((f) => f.from === today && f.to === today), 'today only: no history in the API');
  assert.deepEqual(
    (await accountRows()).map((d) => [d.day, d.followers, d.followersGained, d.views, d.source]),
    [[today, c.followers, null, null, 'sync']],
  );
  assert.equal(first.snapshots, 1);
  assert.deepEqual(
    (await post()).map((p) => [p.day, p.views, p.likes, p.comments, p.shares, p.favorites, p.zaikan]),
    [[today, ...c.totals, null]],
    'published today: the day is its totals; figures the API lacks are null',
  );

  const second = await run(1000);
  assert.equal(second.snapshots, 0, 'unchanged totals: no new snapshot');
  assert.equal(second.accountDays.inserted + second.accountDays.replaced, 0);
  assert.equal(second.postDays.inserted + second.postDays.replaced, 0);

  const views = (c.totals[0] ?? 0) + 150;
  await c.setViews(views);
  await c.setFollowers(c.followers + 50);
  const third = await run(2000);
  assert.deepEqual([third.snapshots, third.accountDays.replaced, third.postDays.replaced, third.postDays.inserted], [1, 1, 1, 0]);
  assert.deepEqual(
    (await post()).map((p) => [p.day, p.views, p.likes]),
    [[today, views, c.totals[1]]],
    'the day is the new total, not the sum',
  );
  assert.equal((await e.deps.db.select().from(postSnapshots).where(eq(postSnapshots.publicationId, c.publicationId))).length, 2);
  assert.deepEqual(
    (await accountRows()).map((d) => d.followers),
    [c.followers + 50],
  );
}
