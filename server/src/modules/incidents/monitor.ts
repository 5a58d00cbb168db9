// Monitoring of incoming comments and messages (R1/R2): each item is screened with the
// workspace's dictionaries plus its monitoring keywords, scored for sentiment, stored once per
// (workspace, source, external id), and may raise an alert. The rules (also in README.md):
//
// Keyword alert, rule "keyword:<category>": a hit alerts when its action is 'block' (its category
//   is set to block in the workspace's screening policy, or it is a monitoring keyword marked
//   block), or its category is in alertCategories, or its severity is in alertSeverities.
// Negative spike, rule "negative_spike", checked at each new negative item's time t:
//   n    = negative items with time in (t − W, t]
//   base = negative items with time in (t − W − B, t − W], expected = base × W / B
//   raise when n > max(K, M × expected)
//   with W = spikeWindowMinutes, B = baselineHours, K = spikeMinCount, M = spikeMultiplier.
// Deduplication: an item that would raise an alert joins the alert of the same rule whose span
//   [firstSeen − W, lastSeen + W] holds its time (whatever that alert's status), so a wave of
//   comments makes one alert that grows, not one per comment. Ingestion takes a per-workspace
//   lock, so two batches cannot both raise the same alert.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type * as C from '../../../../contract/incidents';
import type { Deps } from '../../context';
import type { Executor, Tx } from '../../db/pool';
import { AppError } from '../../lib/errors';
import { plainArray } from '../../lib/pg-array';
import { isoOr } from '../../lib/time';
import { platformAccounts } from '../accounts/tables';
import { type Actor, audit } from '../identity/audit';
import { assertCan } from '../identity/roles';
import { notify } from '../notify/service';
import { workspaceScreen } from '../risk/engine';
import { createScreener, type Screener } from '../risk/screener';
import { classifySentiment, type Sentiment } from '../text/index';
import { DEFAULT_CRISIS_WORDS } from './defaults';
import { AlertBook, checkKeywords, checkSpike, negativeTimes, type Stored } from './rules';
import { type MonitorHitRow, monitorItems, monitorSettings } from './tables';

export type MonitorSettingsView = z.infer<typeof C.MonitorSettings>;

export const DEFAULT_SETTINGS: MonitorSettingsView = {
  keywords: DEFAULT_CRISIS_WORDS.map((term) => ({ term, category: 'crisis', severity: 'block' })),
  alertCategories: [],
  alertSeverities: [],
  spikeWindowMinutes: 15,
  spikeMinCount: 10,
  spikeMultiplier: 3,
  baselineHours: 24,
};
const MAX_HITS = 50;
/** Clocks differ; an item a little in the future is accepted, one far ahead is a mistake. */
const FUTURE_SLACK_MS = 5 * 60_000;

export interface Incoming {
  workspaceId: string;
  accountId?: string | null;
  source: 'comment' | 'message';
  externalId: string;
  author?: string | null;
  text: string;
  at: Date | string;
  /** The text module's reading, when the caller has it already (the inbox reads every item). */
  sentiment?: Sentiment;
}

export async function settingsOf(tx: Executor, workspaceId: string) {
  const [row] = await tx.select().from(monitorSettings).where(eq(monitorSettings.workspaceId, workspaceId));
  const view: MonitorSettingsView = row
    ? {
        keywords: row.keywords,
        alertCategories: row.alertCategories,
        alertSeverities: row.alertSeverities,
        spikeWindowMinutes: row.spikeWindowMinutes,
        spikeMinCount: row.spikeMinCount,
        spikeMultiplier: row.spikeMultiplier,
        baselineHours: row.baselineHours,
      }
    : DEFAULT_SETTINGS;
  return { view, version: row ? row.updatedAt.getTime() : 0 };
}

export async function getSettings(deps: Deps, actor: Actor) {
  return (await settingsOf(deps.db, actor.workspaceId)).view;
}

export async function updateSettings(deps: Deps, actor: Actor, body: z.infer<typeof C.MonitorSettingsBody>) {
  assertCan(actor.role, 'incidents.manage');
  return deps.db.transaction(async (tx) => {
    const before = (await settingsOf(tx, actor.workspaceId)).view;
    const next: MonitorSettingsView = { ...before, ...Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)) };
    await tx
      .insert(monitorSettings)
      .values({ workspaceId: actor.workspaceId, ...next })
      .onConflictDoUpdate({ target: monitorSettings.workspaceId, set: { ...next, updatedAt: sql`now()` } });
    await audit(tx, actor, { action: 'monitor.settings', entityType: 'workspace', entityId: actor.workspaceId, before, after: next });
    return next;
  });
}

const keywordCache = new Map<string, { version: number; screener: Screener }>();
function keywordScreener(workspaceId: string, version: number, s: MonitorSettingsView) {
  const hit = keywordCache.get(workspaceId);
  if (hit && hit.version === version) return hit.screener;
  if (keywordCache.size >= 500) keywordCache.delete(keywordCache.keys().next().value as string);
  const screener = createScreener(s.keywords.map((k) => ({ term: k.term, category: k.category, severity: k.severity })));
  keywordCache.set(workspaceId, { version, screener });
  return screener;
}

export interface ScreenedItem {
  itemId: string;
  source: 'comment' | 'message';
  externalId: string;
  duplicate: boolean;
  sentiment: number;
  negative: boolean;
  hits: MonitorHitRow[];
}

/** Screens, stores and checks a batch inside the caller's transaction (one workspace). */
type ItemRow = Omit<typeof monitorItems.$inferInsert, 'id' | 'createdAt'> & { at: Date; hits: MonitorHitRow[] };

const compareKeys = (a: { source: string; externalId: string }, b: { source: string; externalId: string }) =>
  a.source < b.source ? -1 : a.source > b.source ? 1 : a.externalId < b.externalId ? -1 : a.externalId > b.externalId ? 1 : 0;

/** One statement of arrays for the batch (a VALUES list of 11 parameters a row cost ~100 µs a row to parse). */
async function insertItems(tx: Tx, rows: ItemRow[]) {
  const col = <T>(f: (r: ItemRow) => T) => sql.param(rows.map(f));
  const plain = (f: (r: ItemRow) => string | number | boolean | null) => plainArray(rows.map(f));
  const r = await tx.execute<{ id: string; source: string; externalId: string }>(sql`
    insert into monitor_items (workspace_id, account_id, source, external_id, author, text, at, sentiment, negative, hits)
    select u.workspace_id, u.account_id, u.source, u.external_id, u.author, u.text, u.at, u.sentiment, u.negative, u.hits
    from unnest(${plain((r) => r.workspaceId)}::uuid[], ${plain((r) => r.accountId ?? null)}::uuid[], ${col((r) => r.source)}::text[],
      ${col((r) => r.externalId)}::text[], ${col((r) => r.author ?? null)}::text[], ${col((r) => r.text)}::text[],
      ${plain((r) => r.at.toISOString())}::timestamptz[], ${plain((r) => r.sentiment)}::float8[], ${plain((r) => r.negative)}::boolean[],
      ${col((r) => JSON.stringify(r.hits))}::jsonb[])
      as u(workspace_id, account_id, source, external_id, author, text, at, sentiment, negative, hits)
    on conflict do nothing
    returning id, source, external_id as "externalId"`);
  return r.rows;
}

async function ingest(deps: Deps, tx: Tx, workspaceId: string, input: Omit<Incoming, 'workspaceId'>[]) {
  const now = Date.now();
  input.forEach((it, i) => {
    if (new Date(it.at).getTime() > now + FUTURE_SLACK_MS) {
      throw new AppError('validation_failed', { zh: `第 ${i + 1} 条的时间晚于现在`, en: `Item ${i + 1}: its time is in the future` }, [
        { path: `items.${i}.at`, message: 'in the future' },
      ]);
    }
  });
  const accountIds = [...new Set(input.map((i) => i.accountId).filter((x): x is string => !!x))];
  if (accountIds.length) {
    const found = await tx
      .select({ id: platformAccounts.id })
      .from(platformAccounts)
      .where(and(eq(platformAccounts.workspaceId, workspaceId), inArray(platformAccounts.id, accountIds)));
    if (found.length !== accountIds.length)
      throw new AppError('validation_failed', { zh: '账号不属于本工作区', en: 'An account does not belong to this workspace' });
  }
  const { view: s, version } = await settingsOf(tx, workspaceId);
  const risk = await workspaceScreen(tx, workspaceId);
  const keywords = keywordScreener(workspaceId, version, s);

  const key = (src: string, ext: string) => `${src}\u0000${ext}`;
  const unique = new Map<string, (typeof input)[number]>();
  for (const it of input) if (!unique.has(key(it.source, it.externalId))) unique.set(key(it.source, it.externalId), it);
  const rows = [...unique.values()].map((it) => {
    const hits: MonitorHitRow[] = [];
    for (const m of risk.screener.scan(it.text)) {
      const action = risk.policy[m.category as keyof typeof risk.policy] ?? 'warn';
      if (action !== 'off') hits.push({ term: m.term, category: m.category, severity: m.severity ?? null, action, start: m.start, end: m.end });
    }
    for (const m of keywords.scan(it.text)) {
      hits.push({
        term: m.term,
        category: m.category,
        severity: m.severity ?? null,
        action: m.severity === 'block' ? 'block' : 'warn',
        start: m.start,
        end: m.end,
      });
    }
    const sentiment = it.sentiment ?? classifySentiment(it.text);
    return {
      workspaceId,
      accountId: it.accountId ?? null,
      source: it.source,
      externalId: it.externalId,
      author: it.author ?? null,
      text: it.text,
      at: new Date(it.at),
      sentiment: sentiment.score,
      negative: sentiment.label === 'negative',
      hits: hits.slice(0, MAX_HITS),
    };
  });
  // Inserted in key order, so two batches naming the same items wait for each other instead of deadlocking.
  const inserted = rows.length ? await insertItems(tx, [...rows].sort(compareKeys)) : [];
  const newIds = new Map(inserted.map((r) => [key(r.source, r.externalId), r.id]));
  const dupes = rows.filter((r) => !newIds.has(key(r.source, r.externalId)));
  const existing = new Map<string, string>();
  for (const src of ['comment', 'message'] as const) {
    const ext = dupes.filter((d) => d.source === src).map((d) => d.externalId);
    if (!ext.length) continue;
    const found = await tx
      .select({ id: monitorItems.id, externalId: monitorItems.externalId })
      .from(monitorItems)
      .where(and(eq(monitorItems.workspaceId, workspaceId), eq(monitorItems.source, src), inArray(monitorItems.externalId, ext)));
    for (const f of found) existing.set(key(src, f.externalId), f.id);
  }

  // The alert checks one batch at a time per workspace, so the spike count and the open alerts
  // include every batch checked before (taken after the insert: only this part needs the order).
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`monitor:${workspaceId}`}))`);
  const book = new AlertBook(tx, workspaceId, s.spikeWindowMinutes * 60_000);
  const fresh: Stored[] = [];
  for (const r of rows) {
    const id = newIds.get(key(r.source, r.externalId));
    if (id) fresh.push({ id, source: r.source, at: r.at, negative: r.negative, hits: r.hits });
  }
  fresh.sort((a, b) => a.at.getTime() - b.at.getTime());
  let times: Float64Array | null = null;
  if (fresh.length) {
    const [first, last] = [fresh[0].at.getTime(), fresh[fresh.length - 1].at.getTime()];
    await book.preload(first, last);
    if (fresh.some((f) => f.negative)) times = await negativeTimes(tx, workspaceId, first - (s.spikeWindowMinutes * 60_000 + s.baselineHours * 3600_000), last);
  }
  for (const item of fresh) {
    await checkKeywords(book, s, item);
    if (item.negative) await checkSpike(tx, book, workspaceId, s, item, times);
  }
  await book.flush();
  await tellRaised(deps, tx, workspaceId, book);
  const byKey = new Map(rows.map((r) => [key(r.source, r.externalId), r]));
  const items: ScreenedItem[] = input.map((it) => {
    const k = key(it.source, it.externalId);
    const r = byKey.get(k) as (typeof rows)[number];
    const inserted = newIds.get(k);
    // A repeated id in the same batch is a duplicate of its first occurrence.
    const firstOfBatch = unique.get(k) === it;
    return {
      // Every key is either inserted now or found among the existing rows.
      itemId: (inserted ?? existing.get(k)) as string,
      source: it.source,
      externalId: it.externalId,
      duplicate: !inserted || !firstOfBatch,
      sentiment: r.sentiment,
      negative: r.negative,
      hits: r.hits,
    };
  });
  return { items, alertsRaised: book.raised.map((a) => a.id) };
}

/** The alerts a batch raised, told to the workspace (in-app and the group robots subscribed to alert.raised). */
async function tellRaised(deps: Deps, tx: Tx, workspaceId: string, book: AlertBook) {
  for (const a of book.raised) {
    await notify(
      deps,
      {
        workspaceId,
        kind: 'alert.raised',
        severity: a.severity as 'warning' | 'critical',
        title: { zh: `舆情预警：${a.summaryZh}`, en: `Monitoring alert: ${a.summaryEn}` },
        body: { zh: a.summaryZh, en: a.summaryEn },
        link: `/alerts?id=${a.id}`,
      },
      tx,
    );
  }
}

/**
 * An inbox rule's "raise a risk alert" (kind `rule`, rule `rule:<id>`) for inbox items already
 * screened (their monitor items are found by the inbox item's id): deduplicated like the other
 * alerts, so a rule matching a wave of comments makes one alert that grows. Answers the alerts raised.
 */
export async function raiseRuleAlert(deps: Deps, tx: Tx, workspaceId: string, rule: { id: string; name: string }, inboxItemIds: string[]) {
  if (!inboxItemIds.length) return [];
  const { view: s } = await settingsOf(tx, workspaceId);
  const found = await tx
    .select({ id: monitorItems.id, at: monitorItems.at })
    .from(monitorItems)
    // The source too, so the lookup reads the (workspace, source, external id) key, not the whole workspace.
    .where(and(eq(monitorItems.workspaceId, workspaceId), inArray(monitorItems.source, ['comment', 'message']), inArray(monitorItems.externalId, inboxItemIds)))
    .orderBy(monitorItems.at);
  const book = new AlertBook(tx, workspaceId, s.spikeWindowMinutes * 60_000);
  const key = `rule:${rule.id}`;
  if (found.length) await book.preload(found[0].at.getTime(), found[found.length - 1].at.getTime());
  for (const item of found) {
    const open = await book.covering(key, item.at);
    if (open) book.join(open, item.at, item.id);
    else
      await book.raise({
        kind: 'rule',
        rule: key,
        severity: 'warning',
        summaryZh: `收件箱规则「${rule.name}」命中`,
        summaryEn: `Inbox rule "${rule.name}" matched`,
        itemCount: 1,
        evidence: { itemIds: [item.id], terms: [] },
        firstSeenAt: item.at,
        lastSeenAt: item.at,
      });
  }
  await book.flush();
  await tellRaised(deps, tx, workspaceId, book);
  return book.raised.map((a) => a.id);
}

/**
 * The entry point for the inbox (and any other feed of comments/messages): screens one item,
 * stores it unless this (workspace, source, externalId) was seen before, and raises alerts.
 */
export async function screenIncoming(deps: Deps, input: Incoming) {
  const { workspaceId, ...item } = input;
  const r = await deps.db.transaction((tx) => ingest(deps, tx, workspaceId, [item]));
  return { ...r.items[0], alertsRaised: r.alertsRaised };
}

/** The inbox's entry point for a batch of new items, inside the inbox's transaction. */
export function screenBatch(deps: Deps, tx: Tx, workspaceId: string, items: Omit<Incoming, 'workspaceId'>[]) {
  return ingest(deps, tx, workspaceId, items);
}

/** POST /monitor/items: a batch fed by an operator or an import (the inbox feeds screenBatch). */
export async function feedItems(deps: Deps, actor: Actor, body: z.infer<typeof C.MonitorBatchBody>) {
  assertCan(actor.role, 'incidents.manage');
  return deps.db.transaction(async (tx) => {
    const r = await ingest(deps, tx, actor.workspaceId, body.items);
    const stored = r.items.filter((i) => !i.duplicate).length;
    const result = { received: body.items.length, stored, duplicates: body.items.length - stored, alertsRaised: r.alertsRaised };
    await audit(tx, actor, { action: 'monitor.import', entityType: 'workspace', entityId: actor.workspaceId, after: result });
    return result;
  });
}

export const monitorItemView = (r: typeof monitorItems.$inferSelect) => ({
  id: r.id,
  source: r.source as 'comment' | 'message',
  externalId: r.externalId,
  accountId: r.accountId,
  author: r.author,
  text: r.text,
  at: isoOr(r.at),
  sentiment: r.sentiment,
  negative: r.negative,
  hits: r.hits.map((h) => ({ ...h, action: h.action ?? 'warn' })),
});
