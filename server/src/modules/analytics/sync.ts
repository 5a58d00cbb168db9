// The metrics sync of one account: a new account is backfilled as far back as its platform
// answers (oldest first, progress stored after each call), then each run fetches the days not
// yet final at the last run up to the latest day the platform gives (WeChat: yesterday, once
// final after 08:00 the next morning; today never), in calls of at most the platform's span,
// within its quotas (the call meter). Post days come per day, or are derived from snapshots of
// running totals. Everything is written through ingest.ts with source 'sync': a run repeated
// writes nothing. A run that fails is recorded on the account; failing runs in a row notify the
// account's operators once. Platform-neutral: platforms say how through platforms/metrics.ts.
import type { Deps } from '../../context';
import { AppError, notFound } from '../../lib/errors';
import { isPlatformError, PlatformError } from '../../platforms/adapter';
import { type AccountDayFigures, addDays, dayIn, type MetricsLimits, type MetricsReader, type PostRef } from '../../platforms/metrics';
import { grantCapabilities, platformModule } from '../../platforms/registry';
import { contextWithApp, refreshMeters } from '../accounts/platform';
import { type AccountRow, findAccount } from '../accounts/repository';
import type { CallMeter } from '../../platforms/adapter';
import { publishedSince } from '../publishing/lookup';
import { addWritten, NOTHING_WRITTEN, type Written } from './ingest';
import { notifyFailing } from './sync-notify';
import { markFailed, markSucceeded, saveProgress, type SyncState, takeLease } from './sync-state';
import { derivedDay, writeAccountDays, writePostDays, writeSnapshots } from './sync-write';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** A run holds its account at most this long (a crashed run's lease lapses). */
const LEASE_MS = 15 * 60_000;

export interface SyncReport {
  /** false when another run held the account. */
  ran: boolean;
  accountDays: Written;
  postDays: Written;
  snapshots: number;
  /** The account days fetched, oldest to newest (empty when none were due). */
  fetched: { from: string; to: string }[];
}

export const NO_DATA_API = { zh: '该平台没有数据接口，请导入数据', en: 'This platform has no data API; import its figures' };
export const NO_DATA_GRANT = {
  zh: '该账号的授权中没有数据权限，请重新授权并勾选数据权限，或导入数据',
  en: "This account's grant has no data scope; reconnect it granting data access, or import its figures",
};

/** Whether the account's platform has a data API and its grant allows reading it. */
export function readsMetrics(row: Pick<AccountRow, 'platform' | 'scopes'>): boolean {
  const mod = platformModule(row.platform);
  if (!mod?.metrics || !mod.metricsLimits) return false;
  const needs = mod.metricsLimits.scopes ?? [];
  return grantCapabilities(mod, row.scopes).has.includes('data') && needs.every((s) => row.scopes.includes(s));
}

/** The last day whose figures are final at `now`: the day before the one `finalAfterHours` ago. */
export function lastFinalDay(l: MetricsLimits, now: Date) {
  return addDays(dayIn(l.timeZone, new Date(now.getTime() - l.finalAfterHours * HOUR)), -1);
}

/** The latest day a sync may ask for: today where the platform gives it, else yesterday. */
export function lastDayOf(l: MetricsLimits, now: Date) {
  const today = dayIn(l.timeZone, now);
  return l.today ? today : addDays(today, -1);
}

/** The earlier of two days (YYYY-MM-DD compare as strings). */
const earlier = (a: string, b: string) => (a < b ? a : b);

/** Midnight starting `day` in `timeZone`. */
export function dayStart(timeZone: string, day: string): Date {
  const guess = new Date(`${day}T00:00:00Z`);
  const local = new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  })
    .format(guess)
    .replace(' ', 'T');
  const shown = new Date(`${local}Z`);
  return new Date(guess.getTime() - (shown.getTime() - guess.getTime()));
}

function checkQuota(meter: CallMeter, apis: string[]) {
  const spent = apis.find((api) => meter.remaining(api) < 1);
  if (spent) {
    throw new PlatformError({
      kind: 'rate_limited',
      platform: 'meter',
      code: 'quota',
      message: `the daily quota of ${spent} is used up; the sync continues tomorrow (今日接口额度已用完，明天继续同步)`,
    });
  }
}

/**
 * One sync run of an account. `now` is the clock it judges days by (tests move it);
 * `backfillDays` shortens a new account's backfill below what its platform allows.
 */
export async function syncAccount(deps: Deps, workspaceId: string, accountId: string, opts: { now?: Date; backfillDays?: number } = {}): Promise<SyncReport> {
  const now = opts.now ?? new Date();
  const row = await findAccount(deps.db, workspaceId, accountId);
  if (!row) throw notFound({ zh: '账号', en: 'Account' });
  const mod = platformModule(row.platform);
  if (!mod?.metrics) throw new AppError('invalid_state', NO_DATA_API);
  if (!readsMetrics(row)) throw new AppError('invalid_state', NO_DATA_GRANT);
  const state = await takeLease(deps.db, workspaceId, accountId, now, new Date(now.getTime() + LEASE_MS));
  if (!state) return { ran: false, accountDays: NOTHING_WRITTEN, postDays: NOTHING_WRITTEN, snapshots: 0, fetched: [] };
  try {
    await refreshMeters(deps, [row]);
    const ctx = await contextWithApp(deps, row);
    const reader = mod.metrics(ctx);
    const limits = { ...reader.limits, backfillDays: Math.min(reader.limits.backfillDays, opts.backfillDays ?? Number.POSITIVE_INFINITY) };
    const report = await run(deps, row, { ...reader, limits }, ctx.meter, state, now);
    await markSucceeded(deps.db, accountId, now);
    return report;
  } catch (err) {
    const failed = await markFailed(deps.db, accountId, errorText(err));
    if (failed) await notifyFailing(deps, row, failed, now);
    throw err;
  }
}

function errorText(err: unknown): string {
  if (err instanceof AppError) return `${err.message}`;
  if (isPlatformError(err)) return `${err.code ?? err.kind}: ${err.platformMessage || err.message}`;
  return err instanceof Error ? err.message : String(err);
}

async function run(deps: Deps, row: AccountRow, reader: MetricsReader, meter: CallMeter, state: SyncState, now: Date): Promise<SyncReport> {
  const l = reader.limits;
  const last = lastDayOf(l, now);
  const final = lastFinalDay(l, now);
  const report: SyncReport = { ran: true, accountDays: NOTHING_WRITTEN, postDays: NOTHING_WRITTEN, snapshots: 0, fetched: [] };
  const fetch = async (from: string, to: string) => {
    checkQuota(meter, l.apis);
    const days = await reader.accountDays(from, to);
    report.fetched.push({ from, to });
    report.accountDays = addWritten(
      report.accountDays,
      await writeAccountDays(
        deps.db,
        days.map((d) => accountDay(row, d)),
        l.missing.account,
      ),
    );
  };
  const chunks = async (from: string, to: string, each?: (end: string) => Promise<void>) => {
    for (let start = from; start <= to; start = addDays(start, l.accountSpanDays)) {
      const end = earlier(addDays(start, l.accountSpanDays - 1), to);
      await fetch(start, end);
      await each?.(end);
    }
  };

  let finalThrough = state.finalThrough;
  if (!state.backfillDone) {
    const from = state.backfillFrom ?? addDays(last, -(l.backfillDays - 1));
    const to = state.backfillTo ?? last;
    await saveProgress(deps.db, row.id, { backfillFrom: from, backfillTo: to });
    await chunks(state.backfillThrough ? addDays(state.backfillThrough, 1) : from, to, (end) => saveProgress(deps.db, row.id, { backfillThrough: end }));
    finalThrough = earlier(to, final);
    await saveProgress(deps.db, row.id, { backfillDone: true, finalThrough });
  }
  // Days stored before they were final are fetched again (late corrections replace them).
  const from = finalThrough ? addDays(finalThrough, 1) : last;
  if (from <= last) await chunks(from, last);
  const through = earlier(last, final);
  if (!finalThrough || through > finalThrough) await saveProgress(deps.db, row.id, { finalThrough: through });

  const since = dayStart(l.timeZone, addDays(last, -(l.postWindowDays - 1)));
  const pubs = await publishedSince(deps.db, row.workspaceId, row.id, since);
  const refs: PostRef[] = pubs.map((p) => ({
    publicationId: p.id,
    publishId: p.publishId,
    msgDataId: p.msgDataId,
    articleId: p.articleId,
    articleUrl: p.articleUrl,
    publishedAt: p.publishedAt,
  }));
  const postOf = new Map(pubs.map((p) => [p.id, p.postId]));
  if (refs.length && l.postData === 'days' && reader.postDays) {
    checkQuota(meter, l.apis);
    const days = await reader.postDays(refs, dayIn(l.timeZone, since), last);
    report.postDays = await writePostDays(
      deps.db,
      days.map(({ publicationId, day, ...figures }) => ({
        workspaceId: row.workspaceId,
        accountId: row.id,
        publicationId,
        postId: postOf.get(publicationId) as string,
        day,
        figures,
      })),
      l.missing.post,
    );
  }
  if (refs.length && l.postData === 'snapshots' && reader.postTotals) {
    checkQuota(meter, l.apis);
    report.snapshots = await writeSnapshots(deps.db, row.workspaceId, await reader.postTotals(refs), now);
    report.postDays = await derivePostDays(deps, row, l, refs, postOf, now);
  }
  return report;
}

function accountDay(row: AccountRow, d: AccountDayFigures) {
  const { day, ...figures } = d;
  return { workspaceId: row.workspaceId, accountId: row.id, day, figures };
}

/** Yesterday's and today's post days from the snapshots (a day's last snapshot minus the day before's). */
async function derivePostDays(deps: Deps, row: AccountRow, l: MetricsLimits, refs: PostRef[], postOf: Map<string, string>, now: Date): Promise<Written> {
  const today = dayIn(l.timeZone, now);
  const days = [];
  for (const day of [addDays(today, -1), today]) {
    const start = dayStart(l.timeZone, day);
    const end = day === today ? now : new Date(start.getTime() + DAY - 1);
    for (const r of refs) {
      const t = await derivedDay(deps.db, r.publicationId, start, end);
      if (!t) continue;
      days.push({
        workspaceId: row.workspaceId,
        accountId: row.id,
        publicationId: r.publicationId,
        postId: postOf.get(r.publicationId) as string,
        day,
        figures: { ...t, zaikan: null, followersGained: null },
      });
    }
  }
  return writePostDays(deps.db, days, l.missing.post);
}
