// Status polls of submitted publications, and results the platform pushes to us. Both end in the
// same place: recordResults. Polls thin out (engine.ts POLL_DELAYS_S) and never spend the last of
// an account's daily quota for the API they call: past that, the publication waits for the push or
// for the quota's reset, and says so.

import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Deps } from '../../context';
import { bossDb } from '../../jobs/boss';
import { isRetryable, type PushedResult, type RemoteStatus } from '../../platforms/adapter';
import { meterFor, refreshMeters } from '../accounts/platform';
import { describeError, quickRetry } from './attempts';
import { type AttemptRow, insertAttempts, publishers } from './batch';
import { fail, pollDelaySeconds, queuePoll } from './engine';
import { type Final, recordFinals } from './finals';
import { publications } from './tables';
import { deliveryOf, loadTargets, type Target } from './target';

/** A submitted publication the platform still reports as publishing after this long goes to a person. */
export const POLL_GIVE_UP_MS = 60 * 60_000;
/** Share of a daily quota kept for first polls of publications not yet asked about. */
const RESERVE_SHARE = 0.1;

/**
 * Asks the platform about many submitted publications at once and records the final ones in
 * one transaction; those still publishing are asked again later, each on its own backoff.
 */
export async function runPollBatch(deps: Deps, ids: string[]): Promise<void> {
  const targets = await loadTargets(deps.db, ids);
  const live = [...targets.values()].filter((t) => t.pub.state === 'submitted' && t.pub.publishId);
  const publisherOf = publishers(deps);
  await refreshMeters(deps, [...new Map(live.map((t) => [t.account.id, t.account])).values()]).catch(() => {});

  // Within the account's daily quota for the status API; a reserve is kept for first polls.
  const asked: Target[] = [];
  const deferred: Target[] = [];
  let resetMs = 0;
  const budget = new Map<string, number>();
  for (const t of live) {
    const api = publisherOf(t).pollApi(deliveryOf(t));
    const meter = meterFor(deps, t.account);
    const key = `${t.account.id}|${api}`;
    // No documented quota (an unlimited API) keeps no reserve: a tenth of Infinity used to defer
    // every poll after the first to the next day.
    const limit = meter.limit(api);
    const reserve = t.pub.pollCount === 0 || !Number.isFinite(limit) ? 0 : Math.ceil(limit * RESERVE_SHARE);
    const left = budget.get(key) ?? meter.remaining(api, 0);
    if (left - reserve >= 1) {
      budget.set(key, left - 1);
      asked.push(t);
    } else {
      deferred.push(t);
      resetMs = Math.max(resetMs, meter.msUntilReset());
    }
  }

  const results = await Promise.all(
    asked.map(async (t) => {
      const started = performance.now();
      try {
        const s = await quickRetry(() => publisherOf(t).status(t.pub.publishId as string, deliveryOf(t)));
        return { t, s, ms: performance.now() - started };
      } catch (e) {
        return { t, e, ms: performance.now() - started };
      }
    }),
  );
  const again: Target[] = [];
  const attention: { t: Target; code: string; reason: string }[] = [];
  const attempts: AttemptRow[] = [];
  const finals: Final[] = [];
  for (const x of results) {
    if ('e' in x) {
      const d = describeError(x.e);
      attempts.push({ t: x.t, step: 'poll', outcome: 'error', ms: x.ms, code: d.code, message: d.message });
      if (isRetryable(x.e)) again.push(x.t);
      else attention.push({ t: x.t, code: d.code, reason: d.message });
      continue;
    }
    const s = x.s as RemoteStatus;
    if (s.state === 'publishing') {
      if (Date.now() - (x.t.pub.submittedAt?.getTime() ?? 0) > POLL_GIVE_UP_MS) {
        attention.push({ t: x.t, code: 'publishing', reason: '平台一小时内未给出结果 / the platform gave no result within an hour' });
      } else again.push(x.t);
      continue;
    }
    finals.push({ t: x.t, status: s });
    const ok = s.state === 'published';
    attempts.push({ t: x.t, step: 'poll', outcome: ok ? 'ok' : 'error', ms: x.ms, code: ok ? null : s.code, message: ok ? null : s.reason, response: s });
  }
  await deps.db.transaction(async (tx) => {
    await recordFinals(deps, tx, finals);
    await insertAttempts(bossDb(tx).executeSql, attempts);
    // The next poll of each, grouped by when it is due.
    const byDelay = new Map<number, string[]>();
    for (const t of again) {
      const d = pollDelaySeconds(t.pub.pollCount + 1);
      byDelay.set(d, [...(byDelay.get(d) ?? []), t.pub.id]);
    }
    if (again.length) {
      await tx
        .update(publications)
        .set({ pollCount: sql`${publications.pollCount} + 1` })
        .where(
          inArray(
            publications.id,
            again.map((t) => t.pub.id),
          ),
        );
    }
    for (const [delay, group] of byDelay) await queuePoll(deps, group, tx, delay);
    if (deferred.length) {
      // The quota is spent for today: the push may still bring the result; else ask after the reset.
      await tx
        .update(publications)
        .set({ stateReason: QUOTA_SPENT })
        .where(
          and(
            inArray(
              publications.id,
              deferred.map((t) => t.pub.id),
            ),
            eq(publications.state, 'submitted'),
          ),
        );
      await queuePoll(
        deps,
        deferred.map((t) => t.pub.id),
        tx,
        resetMs / 1000 + 60,
      );
    }
  });
  for (const a of attention) await fail(deps, a.t, a.code, a.reason, 'needs_attention');
}

const QUOTA_SPENT =
  '今日状态查询配额已用完，等待平台推送结果或配额重置后再查 / the daily quota of status queries is spent; waiting for the platform to push the result, or for the quota to reset';

/**
 * Results the platform pushed (a callback) for an account's submitted publications: recorded at
 * once, so no poll is needed. Results for jobs we do not know are ignored (the push is
 * acknowledged anyway; the platform would only send it again).
 */
export async function recordPushedResults(deps: Deps, accountId: string, results: PushedResult[]): Promise<number> {
  const final = results.filter((r) => r.status.state !== 'publishing');
  if (!final.length) return 0;
  const rows = await deps.db
    .select({ id: publications.id })
    .from(publications)
    .where(
      and(
        eq(publications.accountId, accountId),
        eq(publications.state, 'submitted'),
        inArray(
          publications.publishId,
          final.map((r) => r.remoteId),
        ),
      ),
    );
  const ids = rows.map((r) => r.id);
  if (!ids.length) return 0;
  const targets = await loadTargets(deps.db, ids);
  const finals: Final[] = [];
  const attempts: AttemptRow[] = [];
  for (const t of targets.values()) {
    const r = final.find((x) => x.remoteId === t.pub.publishId);
    if (!r || r.status.state === 'publishing') continue;
    finals.push({ t, status: r.status });
    const ok = r.status.state === 'published';
    const failed = r.status.state === 'failed' ? r.status : null;
    attempts.push({ t, step: 'push', outcome: ok ? 'ok' : 'error', ms: 0, code: failed?.code ?? null, message: failed?.reason ?? null, response: r.status });
  }
  await deps.db.transaction(async (tx) => {
    await recordFinals(deps, tx, finals);
    await insertAttempts(bossDb(tx).executeSql, attempts);
  });
  return finals.length;
}
