// Our own count of each account's platform API calls per day, so the engine keeps within the
// platform's daily quotas (WeChat: 100 freepublish/get a day for a new account) and never spends a
// quota on status polls. Counting happens in memory as calls are made and is written to PostgreSQL
// in one statement every half second, so a due minute of 10,000 submits costs no extra round trips;
// every process adds its own counts, and each reads the others' when it asks what is left.

import type { Db } from '../../db/pool';
import type { CallMeter, QuotaRule } from '../../platforms/adapter';

const FLUSH_MS = 500;
/** How long a read of the stored counts is trusted before it is read again. */
const READ_MS = 2000;

interface Counter {
  stored: number;
  pending: number;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();
/** The platform's calendar day (YYYY-MM-DD) in its time zone: quotas reset at its midnight. */
export function quotaDay(timeZone: string, at = new Date()): string {
  // Asked for on every platform call: the answer is kept for the rest of the second it was made in.
  const second = Math.floor(at.getTime() / 1000);
  const kept = lastDay.get(timeZone);
  if (kept && kept.second === second) return kept.day;
  let f = dayFormats.get(timeZone);
  if (!f) dayFormats.set(timeZone, (f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  const day = f.format(at);
  lastDay.set(timeZone, { second, day });
  return day;
}
const lastDay = new Map<string, { second: number; day: string }>();

const clockFormats = new Map<string, Intl.DateTimeFormat>();
/** Milliseconds until the next midnight in the time zone (when the platform's quotas reset). */
export function msUntilNextDay(timeZone: string, at = new Date()): number {
  let f = clockFormats.get(timeZone);
  if (!f) clockFormats.set(timeZone, (f = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })));
  const [h, m, s] = f.format(at).split(':').map(Number);
  return 86_400_000 - ((h * 60 + m) * 60 + s) * 1000 - at.getMilliseconds();
}

export interface AccountMeter extends CallMeter {
  limit(api: string): number;
  msUntilReset(): number;
}

export class ApiMeter {
  private readonly counters = new Map<string, Counter>();
  /** When each account's stored counts of a day were last read ("<account>|<day>"). */
  private readonly readAt = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(private readonly db: Db) {}

  /** A meter for one account, with its limits (the platform's defaults, the account's overrides). */
  forAccount(accountId: string, rules: readonly QuotaRule[], overrides: Record<string, number>, timeZone: string): AccountMeter {
    const limit = (api: string) => overrides[api] ?? rules.find((r) => r.api === api)?.dailyLimit ?? Number.POSITIVE_INFINITY;
    return {
      limit,
      msUntilReset: () => msUntilNextDay(timeZone),
      take: (api, n = 1) => {
        const c = this.counter(accountId, api, quotaDay(timeZone));
        c.pending += n;
        this.schedule();
      },
      remaining: (api, reserve = 0) => {
        const c = this.counter(accountId, api, quotaDay(timeZone));
        return limit(api) - reserve - c.stored - c.pending;
      },
    };
  }

  /** Reads the stored counts of these accounts for today (other processes' calls included). */
  async refresh(accountIds: string[], timeZone: string): Promise<void> {
    const day = quotaDay(timeZone);
    const stale = [...new Set(accountIds)].filter((id) => Date.now() - (this.readAt.get(`${id}|${day}`) ?? 0) >= READ_MS);
    if (!stale.length) return;
    // Our own counts first, so what is read includes them.
    await this.flush();
    const r = await this.db.$client.query('select account_id, api, calls from platform_api_usage where account_id = any($1::uuid[]) and day = $2', [stale, day]);
    for (const row of r.rows as { account_id: string; api: string; calls: number }[]) this.counter(row.account_id, row.api, day).stored = row.calls;
    for (const id of stale) this.readAt.set(`${id}|${day}`, Date.now());
  }

  /** Writes what was counted since the last flush. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      const rows = [...this.counters.entries()].filter(([, c]) => c.pending > 0);
      if (!rows.length) return;
      const taken = rows.map(([k, c]) => {
        const n = c.pending;
        c.pending = 0;
        c.stored += n;
        return { key: k.split('|'), n };
      });
      try {
        await this.db.$client.query(
          `insert into platform_api_usage (account_id, api, day, calls)
           select * from unnest($1::uuid[], $2::text[], $3::date[], $4::int[])
           on conflict (account_id, api, day) do update set calls = platform_api_usage.calls + excluded.calls`,
          [taken.map((t) => t.key[0]), taken.map((t) => t.key[1]), taken.map((t) => t.key[2]), taken.map((t) => t.n)],
        );
      } catch {
        // The database is away: keep the counts for the next flush.
        for (const [i, [, c]] of rows.entries()) {
          c.pending += taken[i].n;
          c.stored -= taken[i].n;
        }
      }
    });
    return this.flushing;
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.flush();
  }

  private schedule() {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, FLUSH_MS);
    this.timer.unref();
  }

  private counter(accountId: string, api: string, day: string): Counter {
    const key = `${accountId}|${api}|${day}`;
    let c = this.counters.get(key);
    if (!c) {
      // Yesterday's counters are done with.
      if (this.counters.size > 10_000) {
        for (const [k, v] of this.counters) if (!k.endsWith(`|${day}`) && v.pending === 0) this.counters.delete(k);
        for (const k of this.readAt.keys()) if (!k.endsWith(`|${day}`)) this.readAt.delete(k);
      }
      this.counters.set(key, (c = { stored: 0, pending: 0 }));
    }
    return c;
  }
}

const meters = new WeakMap<Db, ApiMeter>();
/** One meter per database per process. */
export function apiMeter(db: Db): ApiMeter {
  let m = meters.get(db);
  if (!m) meters.set(db, (m = new ApiMeter(db)));
  return m;
}
