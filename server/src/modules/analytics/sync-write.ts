// What a sync writes, through ingest.ts (source 'sync'): figures the platform's API does not give
// (WeChat's likes and 在看, say) keep the value stored by an import or by typing, so a sync after
// an import never wipes it. Snapshots of running totals, and post days derived from them.
import { and, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../db/pool';
import type { MetricsLimits, PostTotals } from '../../platforms/metrics';
import { type AccountDay, type PostDay, type Written, ingestAccountDays, ingestPostDays } from './ingest';
import { accountMetrics, postMetrics, postSnapshots } from './tables';

export async function writeAccountDays(ex: Executor, days: AccountDay[], missing: MetricsLimits['missing']['account']): Promise<Written> {
  if (days.length && missing.length) {
    const stored = await ex
      .select()
      .from(accountMetrics)
      .where(
        and(
          eq(accountMetrics.accountId, days[0].accountId),
          inArray(
            accountMetrics.day,
            days.map((d) => d.day),
          ),
        ),
      );
    const byDay = new Map(stored.map((r) => [r.day, r]));
    for (const d of days) {
      const old = byDay.get(d.day);
      if (old) for (const f of missing) d.figures[f] = old[f];
    }
  }
  return ingestAccountDays(ex, days, 'sync');
}

export async function writePostDays(ex: Executor, days: PostDay[], missing: MetricsLimits['missing']['post']): Promise<Written> {
  if (days.length && missing.length) {
    const stored = await ex
      .select()
      .from(postMetrics)
      .where(inArray(postMetrics.publicationId, [...new Set(days.map((d) => d.publicationId))]));
    const byKey = new Map(stored.map((r) => [`${r.publicationId}|${r.day}`, r]));
    for (const d of days) {
      const old = byKey.get(`${d.publicationId}|${d.day}`);
      if (old) for (const f of missing) d.figures[f] = old[f];
    }
  }
  return ingestPostDays(ex, days, 'sync');
}

const TOTAL_FIELDS = ['views', 'likes', 'comments', 'shares', 'favorites'] as const;
type Totals = Record<(typeof TOTAL_FIELDS)[number], number | null>;

/** Stores each post's totals as read at `at`, unless they equal its latest snapshot. Answers how many were stored. */
export async function writeSnapshots(ex: Executor, workspaceId: string, totals: PostTotals[], at: Date): Promise<number> {
  if (!totals.length) return 0;
  const latest = await ex.execute(sql`
    select distinct on (publication_id) publication_id, views, likes, comments, shares, favorites
    from post_snapshots where publication_id in ${totals.map((t) => t.publicationId)}
    order by publication_id, taken_at desc`);
  const last = new Map((latest.rows as ({ publication_id: string } & Totals)[]).map((r) => [r.publication_id, r]));
  const fresh = totals.filter((t) => {
    const l = last.get(t.publicationId);
    return !l || TOTAL_FIELDS.some((f) => (l[f] === null ? null : Number(l[f])) !== t[f]);
  });
  if (fresh.length) await ex.insert(postSnapshots).values(fresh.map((t) => ({ workspaceId, takenAt: at, ...t })));
  return fresh.length;
}

/** The latest snapshot of a publication taken before `before`, or null. */
async function totalsBefore(ex: Executor, publicationId: string, before: Date): Promise<Totals | null> {
  const [r] = await ex
    .select()
    .from(postSnapshots)
    .where(and(eq(postSnapshots.publicationId, publicationId), lte(postSnapshots.takenAt, before)))
    .orderBy(desc(postSnapshots.takenAt))
    .limit(1);
  return r ?? null;
}

/**
 * A post's figures on `day` from consecutive snapshots: its totals at the day's end (or now)
 * minus its totals at the previous day's end (none before: it went out that day, from zero).
 */
export async function derivedDay(ex: Executor, publicationId: string, dayStart: Date, dayEnd: Date): Promise<Totals | null> {
  const end = await totalsBefore(ex, publicationId, dayEnd);
  if (!end) return null;
  const start = await totalsBefore(ex, publicationId, new Date(dayStart.getTime() - 1));
  const out = {} as Totals;
  for (const f of TOTAL_FIELDS) {
    const a = end[f] === null ? null : Number(end[f]);
    const b = start?.[f] === null || start?.[f] === undefined ? 0 : Number(start[f]);
    out[f] = a === null ? null : Math.max(0, a - b);
  }
  return out;
}
