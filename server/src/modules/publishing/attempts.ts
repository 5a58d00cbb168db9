import type { Executor } from '../../db/pool';
import { isPlatformError } from '../../platforms/adapter';
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
  const base = Math.min(30 * 60_000, 2000 * 2 ** Math.max(0, attempt - 1));
  const jittered = base * (0.7 + Math.random() * 0.6);
  return Math.max(hintMs ?? 0, Math.round(jittered));
}
