import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { METRIC_FIELDS, type MetricField } from '../../../../contract/analytics';
import type { Executor } from '../../db/pool';
import { isoOr } from '../../lib/time';
import { users } from '../identity/tables';
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

const col = (f: MetricField) => postMetrics[f];
// The table is declared in camelCase and stored in snake_case (db/pool.ts casing).
const snake = (f: string) => f.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const excluded = (f: MetricField) => sql`excluded.${sql.identifier(snake(f))}`;

/**
 * Writes days, each replacing the stored one of its (publication, day). A day whose figures are
 * already stored as they are is left alone (not rewritten, not counted): importing a file twice
 * changes nothing the second time.
 */
export async function upsertDays(ex: Executor, days: NewDay[]): Promise<{ inserted: number; replaced: number; unchanged: number }> {
  if (!days.length) return { inserted: 0, replaced: 0, unchanged: 0 };
  const rows = await ex
    .insert(postMetrics)
    .values(
      days.map((d) => ({
        workspaceId: d.workspaceId,
        publicationId: d.publicationId,
        postId: d.postId,
        accountId: d.accountId,
        day: d.day,
        ...d.figures,
        source: d.source,
        updatedBy: d.userId,
      })),
    )
    .onConflictDoUpdate({
      target: [postMetrics.publicationId, postMetrics.day],
      set: {
        ...Object.fromEntries(METRIC_FIELDS.map((f) => [f, excluded(f)])),
        source: sql`excluded.source`,
        updatedBy: sql`excluded.updated_by`,
        updatedAt: sql`now()`,
      },
      setWhere: sql`(${sql.join(
        METRIC_FIELDS.map((f) => col(f)),
        sql`, `,
      )}) is distinct from (${sql.join(
        METRIC_FIELDS.map((f) => excluded(f)),
        sql`, `,
      )})`,
    })
    .returning({ publicationId: postMetrics.publicationId, day: postMetrics.day, inserted: sql<boolean>`(xmax = 0)` });
  const inserted = rows.filter((r) => r.inserted).length;
  return { inserted, replaced: rows.length - inserted, unchanged: days.length - rows.length };
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
