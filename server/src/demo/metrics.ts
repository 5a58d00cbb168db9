// The demo's figures: 90 days of account days for each demo account and daily figures for each
// published demo post, written through the analytics ingestion path (source 'import', as a team
// bringing its history in would). Deterministic, so a second start rewrites nothing.
import { and, eq, isNotNull } from 'drizzle-orm';
import type { Deps } from '../context';
import { type AccountDay, ingestAccountDays, ingestPostDays, type PostDay } from '../modules/analytics/ingest';
import { publications } from '../modules/publishing/tables';

const DAY = 86_400_000;
const DAYS = 90;

/** A small deterministic wave with noise: the same (seed, i) gives the same figure. */
const wave = (seed: number, i: number, base: number, spread: number) =>
  Math.max(0, Math.round(base + spread * Math.sin((i + seed) / 5) + ((Math.imul(seed * 97 + i, 2654435761) >>> 0) % spread) - spread / 2));

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export async function seedDemoMetrics(deps: Deps, workspaceId: string, accountIds: string[]) {
  const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
  const days: AccountDay[] = [];
  for (const [a, accountId] of accountIds.entries()) {
    let followers = 8000 + a * 5000;
    for (let d = DAYS; d >= 1; d--) {
      const i = DAYS - d;
      const gained = wave(a + 1, i, 60 + a * 20, 40);
      const lost = wave(a + 7, i, 15, 10);
      followers += gained - lost;
      const views = wave(a + 3, i, 2500 + a * 800, 1200);
      days.push({
        workspaceId,
        accountId,
        day: isoDay(today - d * DAY),
        figures: { followers, followersGained: gained, followersLost: lost, views, likes: Math.round(views * 0.03), comments: Math.round(views * 0.006), shares: Math.round(views * 0.012), favorites: Math.round(views * 0.008) },
      });
    }
  }
  await ingestAccountDays(deps.db, days, 'import');

  const pubs = await deps.db
    .select({ id: publications.id, postId: publications.postId, accountId: publications.accountId, publishedAt: publications.publishedAt })
    .from(publications)
    .where(and(eq(publications.workspaceId, workspaceId), eq(publications.state, 'published'), isNotNull(publications.publishedAt)));
  const postDays: PostDay[] = [];
  for (const [n, p] of pubs.entries()) {
    const at = p.publishedAt;
    if (!at) continue;
    const start = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
    const peak = wave(n + 11, 0, 4000, 3000);
    for (let d = 0; d < 7 && start + d * DAY < today; d++) {
      const views = Math.round(peak / (1 + d * d * 0.6));
      postDays.push({
        workspaceId,
        publicationId: p.id,
        postId: p.postId,
        accountId: p.accountId,
        day: isoDay(start + d * DAY),
        figures: { views, likes: Math.round(views * 0.04), comments: Math.round(views * 0.007), shares: Math.round(views * 0.015), favorites: Math.round(views * 0.01), zaikan: Math.round(views * 0.006), followersGained: Math.round(views * 0.002) },
      });
    }
  }
  await ingestPostDays(deps.db, postDays, 'import');
}
