// Seeding for the analytics sync tests: published publications of an account, with the platform
// ids the sync maps figures by, and the emulator's clock and the test's clock kept together.
import { eq, sql } from 'drizzle-orm';
import { publications } from '../modules/publishing/tables';
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
