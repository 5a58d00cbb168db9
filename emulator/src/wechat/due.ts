// Job-finish events fire at the job's instant on this instance's clock: by a timer, or at once
// when /__control/clock moves the clock past it. close() and reset cancel whatever is waiting.
import { type WechatState, now } from './state';

const MAX_TIMER_MS = 2 ** 31 - 1;

function fire(s: WechatState, key: string): void {
  const d = s.due.get(key);
  if (!d) return;
  s.due.delete(key);
  clearTimeout(d.timer);
  if (s.closed) return;
  try {
    d.run();
  } catch (e) {
    process.stderr.write(`[emulator] event ${key}: ${(e as Error)?.stack ?? e}\n`);
  }
}

/** Runs `run` once the clock reaches dueAt (replacing any event under the same key). */
export function scheduleAt(s: WechatState, key: string, dueAt: number, run: () => void): void {
  if (s.closed) return;
  const old = s.due.get(key);
  if (old) clearTimeout(old.timer);
  const timer = setTimeout(() => fire(s, key), Math.min(MAX_TIMER_MS, Math.max(0, dueAt - now(s))));
  timer.unref();
  s.due.set(key, { dueAt, timer, run });
}

/** Fires every event whose instant has passed (after the clock was moved forward). */
export function fireDue(s: WechatState): void {
  const t = now(s);
  for (const [key, d] of [...s.due]) if (d.dueAt <= t) fire(s, key);
}

export function cancelDue(s: WechatState): void {
  for (const d of s.due.values()) clearTimeout(d.timer);
  s.due.clear();
}
