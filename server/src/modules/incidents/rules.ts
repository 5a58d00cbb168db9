// The alert rules of monitoring (stated in monitor.ts and README.md): keyword hits and negative
// spikes, deduplicated per rule and window through the AlertBook of one ingestion.
import { and, asc, desc, eq, gt, lte, sql } from 'drizzle-orm';
import type { Tx } from '../../db/pool';
import type { MonitorSettingsView } from './monitor';
import { type MonitorHitRow, monitorAlerts, monitorItems } from './tables';

type AlertRow = typeof monitorAlerts.$inferSelect;
const MAX_EVIDENCE = 200;
const SOURCE = { comment: { zh: '评论', en: 'comments' }, message: { zh: '私信', en: 'messages' } };

const alerting = (h: MonitorHitRow, s: MonitorSettingsView) =>
  h.action === 'block' || s.alertCategories.includes(h.category) || (h.severity !== null && s.alertSeverities.includes(h.severity));

/** Alerts touched by one ingestion, written back once at the end. */
export class AlertBook {
  private readonly touched = new Map<string, AlertRow>();
  private readonly dirty = new Set<string>();
  readonly raised: AlertRow[] = [];
  constructor(
    private readonly tx: Tx,
    private readonly workspaceId: string,
    private readonly windowMs: number,
  ) {}

  private covers(a: AlertRow, t: number) {
    return a.firstSeenAt.getTime() - this.windowMs <= t && t <= a.lastSeenAt.getTime() + this.windowMs;
  }

  /** [from, to] (ms) for which every alert whose window reaches into it is already in `touched`. */
  private loaded: { from: number; to: number } | null = null;

  /** Reads every alert whose window reaches into [from, to] at once (a batch's time span). */
  async preload(from: number, to: number) {
    const w = this.windowMs;
    const rows = await this.tx
      .select()
      .from(monitorAlerts)
      .where(
        and(
          eq(monitorAlerts.workspaceId, this.workspaceId),
          lte(monitorAlerts.firstSeenAt, new Date(to + w)),
          sql`${monitorAlerts.lastSeenAt} >= ${new Date(from - w).toISOString()}::timestamptz`,
        ),
      );
    for (const row of rows) if (!this.touched.has(row.id)) this.touched.set(row.id, row);
    this.loaded = { from, to };
  }

  async covering(rule: string, at: Date): Promise<AlertRow | null> {
    const t = at.getTime();
    let best: AlertRow | null = null;
    for (const a of this.touched.values()) if (a.rule === rule && this.covers(a, t) && (!best || a.lastSeenAt > best.lastSeenAt)) best = a;
    if (best || (this.loaded && this.loaded.from <= t && t <= this.loaded.to)) return best;
    const w = this.windowMs;
    const [row] = await this.tx
      .select()
      .from(monitorAlerts)
      .where(
        and(
          eq(monitorAlerts.workspaceId, this.workspaceId),
          eq(monitorAlerts.rule, rule),
          lte(monitorAlerts.firstSeenAt, new Date(t + w)),
          sql`${monitorAlerts.lastSeenAt} >= ${new Date(t - w).toISOString()}::timestamptz`,
        ),
      )
      .orderBy(desc(monitorAlerts.lastSeenAt))
      .limit(1);
    if (row) this.touched.set(row.id, row);
    return row ?? null;
  }

  join(a: AlertRow, at: Date, itemId: string, terms: string[] = []) {
    const ids = a.evidence.itemIds;
    if (ids.includes(itemId)) return;
    a.evidence = {
      itemIds: ids.length < MAX_EVIDENCE ? [...ids, itemId] : ids,
      terms: [...new Set([...a.evidence.terms, ...terms])].slice(0, 50),
    };
    a.itemCount += 1;
    if (at < a.firstSeenAt) a.firstSeenAt = at;
    if (at > a.lastSeenAt) a.lastSeenAt = at;
    this.dirty.add(a.id);
  }

  async raise(values: Omit<typeof monitorAlerts.$inferInsert, 'workspaceId'>) {
    const [row] = await this.tx
      .insert(monitorAlerts)
      .values({ ...values, workspaceId: this.workspaceId })
      .returning();
    this.touched.set(row.id, row);
    this.raised.push(row);
    return row;
  }

  async flush() {
    for (const id of this.dirty) {
      const a = this.touched.get(id);
      if (!a) continue;
      await this.tx
        .update(monitorAlerts)
        .set({ evidence: a.evidence, itemCount: a.itemCount, firstSeenAt: a.firstSeenAt, lastSeenAt: a.lastSeenAt })
        .where(eq(monitorAlerts.id, id));
    }
  }
}

export interface Stored {
  id: string;
  source: 'comment' | 'message';
  at: Date;
  negative: boolean;
  hits: MonitorHitRow[];
}

export async function checkKeywords(book: AlertBook, s: MonitorSettingsView, item: Stored) {
  const byCategory = new Map<string, string[]>();
  for (const h of item.hits) if (alerting(h, s)) byCategory.set(h.category, [...new Set([...(byCategory.get(h.category) ?? []), h.term])]);
  for (const [category, terms] of byCategory) {
    const rule = `keyword:${category}`;
    const open = await book.covering(rule, item.at);
    if (open) {
      book.join(open, item.at, item.id, terms);
      continue;
    }
    const src = SOURCE[item.source];
    await book.raise({
      kind: 'keyword',
      rule,
      severity: 'warning',
      summaryZh: `${src.zh}命中预警词「${terms.join('、')}」（${category}）`,
      summaryEn: `Incoming ${src.en} hit watched words "${terms.join('", "')}" (${category})`,
      itemCount: 1,
      evidence: { itemIds: [item.id], terms },
      firstSeenAt: item.at,
      lastSeenAt: item.at,
    });
  }
}

/**
 * The times of the workspace's negative items in [from, to], sorted, for counting windows in
 * memory: a batch's spike checks then cost one query, not one per negative item. Null when the
 * span holds too many to fetch (a backfill across months): the checks then count in SQL.
 */
export async function negativeTimes(tx: Tx, workspaceId: string, from: number, to: number): Promise<Float64Array | null> {
  const cond = and(
    eq(monitorItems.workspaceId, workspaceId),
    eq(monitorItems.negative, true),
    gt(monitorItems.at, new Date(from)),
    lte(monitorItems.at, new Date(to)),
  );
  const [{ n }] = await tx.select({ n: sql<number>`count(*)::int` }).from(monitorItems).where(cond);
  if (n > 200_000) return null;
  const rows = await tx
    .select({ t: sql<number>`extract(epoch from ${monitorItems.at}) * 1000` })
    .from(monitorItems)
    .where(cond);
  return Float64Array.from(rows.map((r) => Number(r.t))).sort();
}

/** How many of the sorted times are ≤ x. */
function upTo(times: Float64Array, x: number) {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export async function checkSpike(tx: Tx, book: AlertBook, workspaceId: string, s: MonitorSettingsView, item: Stored, times?: Float64Array | null) {
  const open = await book.covering('negative_spike', item.at);
  if (open) return book.join(open, item.at, item.id);
  const W = s.spikeWindowMinutes * 60_000;
  const B = s.baselineHours * 3600_000;
  const t = item.at.getTime();
  const [c] = times
    ? [{ n: upTo(times, t) - upTo(times, t - W), base: upTo(times, t - W) - upTo(times, t - W - B) }]
    : await tx
        .select({
          n: sql<number>`count(*) filter (where ${monitorItems.at} > ${new Date(t - W).toISOString()}::timestamptz)::int`,
          base: sql<number>`count(*) filter (where ${monitorItems.at} <= ${new Date(t - W).toISOString()}::timestamptz)::int`,
        })
        .from(monitorItems)
        .where(
          and(
            eq(monitorItems.workspaceId, workspaceId),
            eq(monitorItems.negative, true),
            gt(monitorItems.at, new Date(t - W - B)),
            lte(monitorItems.at, item.at),
          ),
        );
  const expected = (c.base * W) / B;
  const threshold = Math.max(s.spikeMinCount, s.spikeMultiplier * expected);
  if (c.n <= threshold) return;
  const ids = await tx
    .select({ id: monitorItems.id, at: monitorItems.at })
    .from(monitorItems)
    .where(and(eq(monitorItems.workspaceId, workspaceId), eq(monitorItems.negative, true), gt(monitorItems.at, new Date(t - W)), lte(monitorItems.at, item.at)))
    .orderBy(asc(monitorItems.at))
    .limit(MAX_EVIDENCE);
  const thr = Math.round(threshold * 10) / 10;
  const exp = Math.round(expected * 10) / 10;
  await book.raise({
    kind: 'negative_spike',
    rule: 'negative_spike',
    severity: 'critical',
    summaryZh: `负面声音激增：${s.spikeWindowMinutes} 分钟内 ${c.n} 条负面评论/私信（阈值 ${thr}；过去 ${s.baselineHours} 小时平均每 ${s.spikeWindowMinutes} 分钟 ${exp} 条）`,
    summaryEn: `Negative spike: ${c.n} negative comments/messages in ${s.spikeWindowMinutes} min (threshold ${thr}; past ${s.baselineHours} h averaged ${exp} per ${s.spikeWindowMinutes} min)`,
    itemCount: c.n,
    evidence: { itemIds: ids.map((r) => r.id), terms: [] },
    firstSeenAt: ids[0]?.at ?? item.at,
    lastSeenAt: item.at,
  });
}
