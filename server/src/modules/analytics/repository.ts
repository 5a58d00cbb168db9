import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { METRIC_FIELDS, type MetricField } from '../../../../contract/analytics';
import type { Executor } from '../../db/pool';
import { isoOr } from '../../lib/time';
import { users } from '../identity/tables';
import { interactionsOf } from './dashboard-range';
import { addWritten, ingestPostDays, NOTHING_WRITTEN } from './ingest';
import { postMetrics } from './tables';

export type Figures = Record<MetricField, number | null>;
export type MetricsRow = typeof postMetrics.$inferSelect;
export type NewDay = {
  workspaceId: string;
  publicationId: string;
  postId: string;
  accountId: string;
  day: string;
  figures: Figures;
  source: 'typed' | 'import' | 'sync';
  userId: string | null;
};

export const figuresOf = (r: Partial<Record<MetricField, number | null | undefined>>): Figures =>
  Object.fromEntries(METRIC_FIELDS.map((f) => [f, r[f] ?? null])) as Figures;

export const sameFigures = (a: Figures, b: Figures) => METRIC_FIELDS.every((f) => a[f] === b[f]);

export const metricsView = (r: MetricsRow, updatedBy: string | null) => ({
  publicationId: r.publicationId,
  day: r.day,
  ...figuresOf(r),
  source: r.source as 'typed' | 'import' | 'sync',
  updatedBy,
  updatedAt: isoOr(r.updatedAt),
});

/**
 * Writes days, each replacing the stored one of its (publication, day). A day whose figures are
 * already stored as they are is left alone (not rewritten, not counted): importing a file twice
 * changes nothing the second time.
 */
export async function upsertDays(ex: Executor, days: NewDay[]) {
  let out = NOTHING_WRITTEN;
  // One statement per source and writer (the ingestion path takes them per batch).
  const groups = new Map<string, NewDay[]>();
  for (const d of days) {
    const k = `${d.source}|${d.userId ?? ''}`;
    groups.set(k, [...(groups.get(k) ?? []), d]);
  }
  for (const g of groups.values()) {
    const w = await ingestPostDays(ex, g, g[0].source, g[0].userId);
    out = addWritten(out, w);
  }
  return out;
}

/** The stored days among these publications and days, by "publicationId|day". */
export async function storedDays(ex: Executor, workspaceId: string, publicationIds: string[], days: string[]) {
  const map = new Map<string, Figures>();
  if (!publicationIds.length || !days.length) return map;
  const rows = await ex
    .select()
    .from(postMetrics)
    .where(
      and(
        eq(postMetrics.workspaceId, workspaceId),
        inArray(postMetrics.publicationId, [...new Set(publicationIds)]),
        inArray(postMetrics.day, [...new Set(days)]),
      ),
    );
  for (const r of rows) map.set(`${r.publicationId}|${r.day}`, figuresOf(r));
  return map;
}

export async function daysOf(ex: Executor, workspaceId: string, publicationId: string) {
  const rows = await ex
    .select({ m: postMetrics, name: users.name })
    .from(postMetrics)
    .leftJoin(users, eq(users.id, postMetrics.updatedBy))
    .where(and(eq(postMetrics.workspaceId, workspaceId), eq(postMetrics.publicationId, publicationId)))
    .orderBy(desc(postMetrics.day))
    .limit(1000);
  return rows.map((r) => metricsView(r.m, r.name));
}

export async function deleteDay(ex: Executor, workspaceId: string, publicationId: string, day: string) {
  const rows = await ex
    .delete(postMetrics)
    .where(and(eq(postMetrics.workspaceId, workspaceId), eq(postMetrics.publicationId, publicationId), eq(postMetrics.day, day)))
    .returning();
  return rows[0] ?? null;
}

/**
 * Each publication's interactions (likes + comments + shares + 在看) over all its known days;
 * a publication with no known figure is absent (not known is not zero).
 */
export async function interactionsOfPublications(ex: Executor, workspaceId: string, publicationIds: string[]): Promise<Map<string, number>> {
  if (!publicationIds.length) return new Map();
  const r = await ex.execute<{ id: string; n: string | null }>(sql`
    select m.publication_id as id, sum(${interactionsOf('m', true)})::bigint as n from ${postMetrics} m
     where m.workspace_id = ${workspaceId} and m.publication_id = any(${sql.param(publicationIds)}::uuid[])
     group by m.publication_id`);
  return new Map(r.rows.filter((x) => x.n != null).map((x) => [x.id, Number(x.n)]));
}
