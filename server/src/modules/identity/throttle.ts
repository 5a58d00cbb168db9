import { inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/pool';
import { AppError } from '../../lib/errors';
import { rateCounters } from './tables';

/**
 * Password and code guessing is slowed, never locked out: the key is (email, IP), so an
 * attacker's failures from one address never slow the right person signing in from another.
 * The first FREE_ATTEMPTS attempts of a pair go through; after each further one the pair must
 * wait 1 s, 2 s, 4 s … up to MAX_DELAY_SECONDS. A success forgets the pair. Across all emails
 * one IP gets IP_LIMIT attempts that did not succeed per IP_WINDOW_SECONDS.
 *
 * An attempt is counted when it starts (claimAttempt), under a row lock, so requests fired in
 * parallel cannot all slip through before the first failure is written; a success gives it back.
 */
export const FREE_ATTEMPTS = 5;
export const MAX_DELAY_SECONDS = 15 * 60;
export const IP_LIMIT = 100;
export const IP_WINDOW_SECONDS = 15 * 60;
/** A pair with no attempt for this long starts again from zero. */
const PAIR_FORGET_SECONDS = 24 * 3600;

export interface ThrottleSubject {
  /** What is being guessed at: an email (lower-cased). Null for a token, where only the IP counts. */
  subject: string | null;
  ip: string | undefined;
}

const pairKey = (s: ThrottleSubject) => `pair:${s.subject}|${s.ip ?? '-'}`;
const ipKey = (s: ThrottleSubject) => `ip:${s.ip ?? '-'}`;

/** The delay a pair must wait after its n-th attempt (0 while n ≤ FREE_ATTEMPTS). */
export function delayAfter(n: number): number {
  if (n <= FREE_ATTEMPTS) return 0;
  return Math.min(MAX_DELAY_SECONDS, 2 ** (n - FREE_ATTEMPTS - 1));
}

export function throttledError(seconds: number): AppError {
  const s = Math.max(1, Math.ceil(seconds));
  const zh = s < 120 ? `${s} 秒` : `${Math.ceil(s / 60)} 分钟`;
  const en = s < 120 ? `${s} second${s === 1 ? '' : 's'}` : `${Math.ceil(s / 60)} minutes`;
  return new AppError('rate_limited', { zh: `尝试次数过多，请 ${zh}后再试`, en: `Too many attempts; try again in ${en}` }, { retryAfterSeconds: s });
}

type Row = { key: string; windowStart: Date; count: number; lockedUntil: Date | null; now: Date };

/**
 * Counts one attempt, or refuses it: returns the seconds to wait when refused (nothing is
 * counted then), null when the attempt may go ahead.
 */
export async function claimAttempt(db: Db, s: ThrottleSubject): Promise<number | null> {
  const keys = s.subject === null ? [ipKey(s)] : [ipKey(s), pairKey(s)];
  return db.transaction(async (tx) => {
    await tx
      .insert(rateCounters)
      .values(keys.map((key) => ({ key, windowStart: sql`now()`, count: 0 })))
      .onConflictDoNothing();
    // Sorted, so two requests always lock the rows in the same order.
    const rows = (
      await tx.execute(sql`
        select key, window_start as "windowStart", count, locked_until as "lockedUntil", now() as now
        from ${rateCounters} where ${inArray(rateCounters.key, keys)} order by key for update`)
    ).rows as Row[];
    const now = new Date(rows[0].now).getTime();
    const ip = rows.find((r) => r.key === ipKey(s)) as Row;
    const pair = rows.find((r) => r.key !== ipKey(s));

    const ipFresh = new Date(ip.windowStart).getTime() <= now - IP_WINDOW_SECONDS * 1000;
    const ipCount = ipFresh ? 0 : ip.count;
    if (ipCount >= IP_LIMIT) return (new Date(ip.windowStart).getTime() + IP_WINDOW_SECONDS * 1000 - now) / 1000;
    if (pair?.lockedUntil && new Date(pair.lockedUntil).getTime() > now) return (new Date(pair.lockedUntil).getTime() - now) / 1000;

    await tx.execute(sql`
      update ${rateCounters} set count = ${ipCount + 1}, window_start = ${ipFresh ? sql`now()` : sql`window_start`}
      where key = ${ip.key}`);
    if (pair) {
      const stale = new Date(pair.windowStart).getTime() <= now - PAIR_FORGET_SECONDS * 1000;
      const n = (stale ? 0 : pair.count) + 1;
      const wait = delayAfter(n);
      // window_start of a pair is the time of its last attempt.
      await tx.execute(sql`
        update ${rateCounters} set count = ${n}, window_start = now(),
          locked_until = ${wait > 0 ? sql`now() + make_interval(secs => ${wait})` : null}
        where key = ${pair.key}`);
    }
    return null;
  });
}

/** Claims an attempt or throws 429 with Retry-After. */
export async function claimOrThrow(db: Db, s: ThrottleSubject): Promise<void> {
  const wait = await claimAttempt(db, s);
  if (wait !== null) throw throttledError(wait);
}

/** The attempt succeeded: the pair starts over and the IP gets its attempt back. */
export async function attemptSucceeded(db: Db, s: ThrottleSubject): Promise<void> {
  if (s.subject !== null) await db.delete(rateCounters).where(inArray(rateCounters.key, [pairKey(s)]));
  await db.execute(sql`update ${rateCounters} set count = greatest(count - 1, 0) where key = ${ipKey(s)}`);
}
