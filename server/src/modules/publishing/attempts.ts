import { SUBMIT_RETRY_WAIT_MS, SUBMIT_TRIES } from '../../config';
import type { Executor } from '../../db/pool';
import { isPlatformError, isRetryable } from '../../platforms/adapter';
import { AppError } from '../../lib/errors';
import { publishAttempts } from './tables';

export interface AttemptResult {
  outcome: 'ok' | 'error' | 'unknown';
  errorCode?: string | null;
  message?: string | null;
  request?: unknown;
  response?: unknown;
}

export async function recordAttempt(tx: Executor, pub: { id: string; workspaceId: string }, step: string, started: number, r: AttemptResult) {
  await tx.insert(publishAttempts).values({
    publicationId: pub.id,
    workspaceId: pub.workspaceId,
    step,
    outcome: r.outcome,
    errorCode: r.errorCode ?? null,
    message: r.message?.slice(0, 2000) ?? null,
    request: r.request ?? null,
    response: r.response ?? null,
    durationMs: Math.round(performance.now() - started),
  });
}

/** A failure as the user reads it: platform code plus a bilingual reason. */
export function describeError(e: unknown): { code: string; message: string } {
  if (isPlatformError(e)) {
    const code = e.code == null ? e.kind : String(e.code);
    return { code, message: e.platformMessage && e.platformMessage !== e.message ? `${e.message}（${e.platformMessage}）` : e.message };
  }
  if (e instanceof AppError) return { code: e.code, message: e.bilingual };
  return { code: 'internal', message: e instanceof Error ? e.message : String(e) };
}

/** Exponential backoff with ±30 % jitter, at least the platform's own hint, at most 30 minutes. */
export function backoffMs(attempt: number, hintMs?: number): number {
  const base = Math.min(30 * 60_000, 1000 * 2 ** Math.max(0, attempt - 1));
  const jittered = base * (0.7 + Math.random() * 0.6);
  return Math.max(hintMs ?? 0, Math.round(jittered));
}

/** Tries within one job for a call that was refused for a passing reason (busy, network); config.ts checks the job's lifetime against them. */
const QUICK_TRIES = SUBMIT_TRIES;
const QUICK_MAX_WAIT_MS = SUBMIT_RETRY_WAIT_MS;

/**
 * Runs a call that is safe to repeat, repeating it a few times at once on a passing error
 * (-1 system busy, a dropped connection) so a blip costs a second, not a reschedule. Errors
 * with a longer wait (45011, 45009) and all others go back to the caller.
 */
export async function quickRetry<T>(fn: () => Promise<T>): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (e) {
      const hint = isPlatformError(e) ? (e.retryAfterMs ?? 0) : 0;
      if (i >= QUICK_TRIES || !isRetryable(e) || hint > QUICK_MAX_WAIT_MS) throw e;
      await new Promise((r) => setTimeout(r, Math.max(hint, 200 * 2 ** (i - 1) * (0.5 + Math.random()))));
    }
  }
}
