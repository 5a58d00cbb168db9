import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Deps } from '../../context';
import { bossDb, QUEUES } from '../../jobs/boss';
import { AppError } from '../../lib/errors';
import { sleep } from '../../lib/time';
import { isPlatformError, isRetryable, NotSentError, type PlatformAdapter, type Submitted } from '../../platforms/adapter';
import { backoffMs, describeError, quickRetry, recordAttempt } from './attempts';
import { cachedCover, prepareReusingCover, rememberCover } from './prepare';
import { finalOf, recordFinals } from './finals';
import { moveToManual, routeOf } from './manual';
import { reconcile } from './reconcile';
import { deliveryOf, loadTarget, publisherFor, submitKey, type Target } from './target';
import { publications } from './tables';

/** Attempts at the steps before submit (prepare, submit refused) before a publication fails for good. */
export const MAX_ATTEMPTS = 8;
/** Prepare-and-fence rounds of one run before it gives the publication back to the schedule. */
const FENCE_ROUNDS = 3;

/**
 * Status polls of a submitted publication, seconds after the submit (then after each other):
 * most publishes are final within seconds, and every poll spends the account's daily quota
 * (100 status queries a day for a new account on one platform), so they thin out fast. The platform's push usually answers first.
 */
export const POLL_DELAYS_S = [2, 8, 30, 90, 300, 900, 1800];
/**
 * A chunk of a big burst is first asked about later, so its polls do not compete with the submits
 * still going out: after 5 s, the first chunks of a 10,000-post burst were polled while its last
 * submits still waited (bench/README.md, --platforms).
 */
const BULK_POLL_SIZE = 20;
const BULK_FIRST_POLL_S = 12;

export function pollDelaySeconds(pollCount: number, chunk = 1): number {
  if (pollCount === 0 && chunk >= BULK_POLL_SIZE) return BULK_FIRST_POLL_S;
  return POLL_DELAYS_S[Math.min(pollCount, POLL_DELAYS_S.length - 1)];
}

/** Queues one status poll for these submitted publications, inside the caller's transaction. */
export function queuePoll(deps: Deps, publicationIds: string[], tx: Parameters<typeof bossDb>[0], afterSeconds = pollDelaySeconds(0, publicationIds.length)) {
  return deps.boss.send(QUEUES.poll, { publicationIds }, { startAfter: Math.max(1, Math.round(afterSeconds)), expireInSeconds: deps.config.MEIYUN_JOB_EXPIRE_SECONDS, db: bossDb(tx) });
}

type PubPatch = Partial<typeof publications.$inferInsert>;

/**
 * Applies a change only while the publication is still in the dispatch this job owns, and, with
 * `fenceAt`, only while the submit marker is the one this run set: a run whose fence was taken
 * over (or released) can no longer touch the publication. (`null`: only while nothing was sent.)
 */
export async function fenced(deps: Deps, t: Target, patch: PubPatch, fenceAt?: Date | null) {
  const r = await deps.db
    .update(publications)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(
      and(
        eq(publications.id, t.pub.id),
        eq(publications.dispatchSeq, t.pub.dispatchSeq),
        eq(publications.state, t.pub.state),
        fenceAt === undefined ? undefined : fenceAt === null ? isNull(publications.submitStartedAt) : eq(publications.submitStartedAt, fenceAt),
      ),
    )
    .returning({ id: publications.id });
  return r.length > 0;
}

/** The fence marker: milliseconds only, so the Date a run holds compares equal to the stored value. */
export const FENCE_NOW_TEXT = "date_trunc('milliseconds', now())";
export const FENCE_NOW = sql.raw(FENCE_NOW_TEXT);

export const fail = (deps: Deps, t: Target, code: string, reason: string, state: 'failed' | 'needs_attention' = 'failed', fenceAt?: Date | null) =>
  fenced(deps, t, { state, lastErrorCode: code, stateReason: reason, attemptCount: t.pub.attemptCount + 1 }, fenceAt);

/**
 * What a failed step before anything became public changes: retry later with backoff (the
 * platform's hint first: 45011 "next minute", 45009 "tomorrow"), or give up.
 */
function stepPatch(t: Target, e: unknown): PubPatch {
  const { code, message } = describeError(e);
  const attempts = t.pub.attemptCount + 1;
  const final = !isRetryable(e) && (isPlatformError(e) || e instanceof AppError);
  if (final) return { state: 'failed', lastErrorCode: code, stateReason: message, attemptCount: attempts };
  if (attempts >= MAX_ATTEMPTS) {
    return { state: 'failed', lastErrorCode: code, stateReason: `重试 ${attempts} 次仍失败 / failed after ${attempts} attempts: ${message}`, attemptCount: attempts };
  }
  const delay = backoffMs(attempts, isPlatformError(e) ? e.retryAfterMs : undefined);
  return {
    state: 'scheduled',
    attemptCount: attempts,
    nextAttemptAt: new Date(Date.now() + delay),
    lastErrorCode: code,
    stateReason: `将在 ${Math.ceil(delay / 1000)} 秒后重试 / retrying in ${Math.ceil(delay / 1000)} s: ${message}`,
  };
}

/** A step before the submit failed: nothing is public, so the publication is retried or fails. */
export async function handleStepError(deps: Deps, t: Target, e: unknown) {
  if (!isPlatformError(e) && !(e instanceof AppError)) deps.log.error({ err: e, publicationId: t.pub.id }, 'unexpected publish error');
  return fenced(deps, t, stepPatch(t, e));
}

/**
 * The platform refused the submit for sure (nothing went out): in one statement, release this
 * run's fence and set the retry or the failure, so no other run can submit in between.
 */
export async function settleRefusal(deps: Deps, t: Target, fenceAt: Date, e: unknown) {
  return fenced(deps, t, { ...stepPatch(t, e), submitStartedAt: null }, fenceAt);
}

/** The submit was accepted: record it with its platform id and queue the first status poll. */
export async function recordAccepted(deps: Deps, t: Target, fenceAt: Date, r: Submitted, started: number) {
  await deps.db.transaction(async (tx) => {
    const u = await tx.execute(sql`
      update publications set state = 'submitted', publish_id = ${r.remoteId}, msg_data_id = ${r.msgDataId}, submitted_at = now(),
        state_reason = null, last_error_code = null, poll_count = 0, updated_at = now()
      where id = ${t.pub.id} and dispatch_seq = ${t.pub.dispatchSeq} and submit_started_at = ${fenceAt.toISOString()}
      returning id`);
    if (!u.rows.length) throw new Error(`publication ${t.pub.id}: the fence of this run is gone; the result is left to reconciliation`);
    await recordAttempt(tx, t.pub, 'submit', started, { outcome: 'ok', response: r });
    const final = finalOf(t, r);
    if (final) await recordFinals(deps, tx, [final]);
    else await queuePoll(deps, [t.pub.id], tx);
  });
}

/** A database write that must not be lost to a passing error: tried again a few times. */
export async function persist<T>(fn: () => Promise<T>): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await fn();
    } catch (e) {
      if (i >= 3) throw e;
      await sleep(200 * 3 ** i);
    }
  }
}

/**
 * Submits, taking the fence (`claim`) only when the request is about to be written on a ready
 * connection, so that a crash can only leave marked the submits that were really on their way.
 * Records what happened. An accepted submit whose record cannot be written leaves the fence in
 * place: the outcome is then unknown to the database and goes to reconciliation, never back to the
 * schedule. 'not_fenced': the claim said no (paused, edited, not due…); nothing was sent.
 */
export async function submitFenced(deps: Deps, t: Target, adapter: PlatformAdapter, claim: () => Promise<Date | null>): Promise<'done' | 'retry' | 'not_fenced'> {
  let fenceAt: Date | null = null;
  const beforeSend = async () => {
    fenceAt ??= await claim();
    return fenceAt !== null;
  };
  const started = performance.now();
  let r: Submitted;
  try {
    // A refused submit (busy) is safe to repeat; an unknown outcome is never repeated here.
    r = await quickRetry(() => adapter.submit(t.pub.draftRemoteId as string, deliveryOf(t), submitKey(t), { beforeSend }));
  } catch (e) {
    const fence = fenceAt as Date | null;
    if (!fence) {
      if (e instanceof NotSentError) {
        if (e.failure) throw e.failure;
        return 'not_fenced';
      }
      // Failed before anything could be written (token, connection): an ordinary step error.
      await recordAttempt(deps.db, t.pub, 'submit', started, { outcome: 'error', ...describeError(e) });
      await handleStepError(deps, t, e);
      return 'done';
    }
    const d = describeError(e);
    if (isPlatformError(e) && e.kind === 'unknown_outcome') {
      await recordAttempt(deps.db, t.pub, 'submit', started, { outcome: 'unknown', ...d });
      await fenced(deps, t, { stateReason: `提交结果未知，正在与平台核对 / outcome unknown, reconciling with the platform: ${d.message}`, lastErrorCode: d.code }, fence);
      return 'retry';
    }
    await recordAttempt(deps.db, t.pub, 'submit', started, { outcome: 'error', ...d });
    await settleRefusal(deps, t, fence, e);
    return 'done';
  }
  const fence = fenceAt as unknown as Date;
  try {
    await persist(() => recordAccepted(deps, t, fence, r, started));
  } catch (err) {
    deps.log.error({ err, publicationId: t.pub.id }, 'an accepted submit could not be recorded; it will be reconciled');
    return 'retry';
  }
  return 'done';
}

/**
 * Marks the submit as started, if nothing changed that forbids it: the publication is still in
 * this dispatch and due (by the database's clock, never a worker's), nothing was sent for it,
 * the workspace is not paused, the account is not archived, and the post is approved in the
 * version the platform draft was made from. Returns the fence, or null.
 */
export async function claimFence(deps: Deps, t: Target): Promise<Date | null> {
  const claim = async (tx: Pick<Deps['db'], 'execute'>) => {
    const r = await tx.execute(sql`
      update publications p set submit_started_at = ${FENCE_NOW}, attempt_count = p.attempt_count + 1, updated_at = now()
      where p.id = ${t.pub.id} and p.dispatch_seq = ${t.pub.dispatchSeq} and p.state = 'dispatching'
        and p.publish_id is null and p.submit_started_at is null and p.due_at <= now()
        and not exists (select 1 from workspaces w where w.id = p.workspace_id and w.paused)
        and exists (select 1 from platform_accounts a where a.id = p.account_id and a.archived_at is null)
        and exists (select 1 from posts po where po.id = p.post_id and po.status = 'approved' and po.version = p.prepared_version)
        and ${WITHIN_ALLOWANCE}
      returning p.submit_started_at`);
    const row = r.rows[0] as { submit_started_at: string | Date } | undefined;
    return row ? new Date(row.submit_started_at) : null;
  };
  if (!t.pub.allowanceKey) return claim(deps.db);
  // Submits counted against an allowance take turns per account, so two workers cannot both
  // take its last use: the count below is read after the other's fence is committed.
  return deps.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`${t.pub.accountId}:${t.pub.allowanceKey}`}, 0))`);
    return claim(tx);
  });
}

/**
 * The publication's allowance (if any) is not used up in its period: uses are submits started
 * or done on the same account with the same allowance, in the same day or month of the
 * workspace's time zone.
 */
const WITHIN_ALLOWANCE = sql.raw(`(p.allowance_key is null or p.allowance_limit is null or (
  select count(*) from publications q join workspaces w on w.id = q.workspace_id
  where q.account_id = p.account_id and q.allowance_key = p.allowance_key and q.id <> p.id
    and (q.submit_started_at is not null or q.state in ('submitted', 'published'))
    and date_trunc(p.allowance_unit, q.due_at at time zone w.timezone) = date_trunc(p.allowance_unit, p.due_at at time zone w.timezone)
) < p.allowance_limit)`);

/** Why a publication could not be fenced, read from its current state. */
export async function blockedReason(deps: Deps, t: Target): Promise<'paused' | 'unapproved' | 'archived' | 'not_due' | 'stale' | 'changed' | 'allowance'> {
  const r = await deps.db.execute(sql`
    select w.paused, a.archived_at is not null as archived, po.status = 'approved' as approved,
      po.version is distinct from p.prepared_version as changed, p.due_at > now() as early,
      extract(epoch from p.due_at - now()) * 1000 as wait_ms, not ${WITHIN_ALLOWANCE} as over,
      p.state <> 'dispatching' or p.dispatch_seq <> ${t.pub.dispatchSeq} or p.submit_started_at is not null or p.publish_id is not null as stale
    from publications p join workspaces w on w.id = p.workspace_id join platform_accounts a on a.id = p.account_id join posts po on po.id = p.post_id
    where p.id = ${t.pub.id}`);
  const x = r.rows[0] as { paused: boolean; archived: boolean; approved: boolean; changed: boolean; early: boolean; stale: boolean; over: boolean } | undefined;
  if (!x || x.stale) return 'stale';
  if (x.paused) return 'paused';
  if (x.archived) return 'archived';
  if (!x.approved) return 'unapproved';
  if (x.changed) return 'changed';
  if (x.over) return 'allowance';
  if (x.early) return 'not_due';
  return 'stale';
}

const PAUSED = '工作区已暂停发布 / publishing is paused for the workspace';
const UNAPPROVED = '到发布时间仍未通过审核 / not approved at its time';
const ALLOWANCE_USED = '该账号本期的发送次数已用完（如订阅号每天 1 次群发），未发出 / the account has used up its allowance for the period (e.g. one mass send a day); nothing was sent';
const ARCHIVED = '账号已归档，未发出的发布已取消 / the account was archived; what had not gone out was canceled';

async function settle(deps: Deps, t: Target, state: 'paused' | 'expired' | 'canceled', reason: string): Promise<'done'> {
  await fenced(deps, t, { state, stateReason: reason }, null);
  return 'done';
}

/** Milliseconds until the publication is due, by the database's clock. */
async function msUntilDue(deps: Deps, id: string): Promise<number> {
  const r = await deps.db.execute(sql`select greatest(0, extract(epoch from due_at - now()) * 1000)::float8 as ms from publications where id = ${id}`);
  return Number((r.rows[0] as { ms: number } | undefined)?.ms ?? 0);
}

/**
 * Runs one dispatch of a publication. Returns 'retry' when the job must run again later
 * (an unknown submit outcome that is still being reconciled); every other outcome is stored.
 */
export async function runPublish(deps: Deps, publicationId: string, seq: number): Promise<'done' | 'retry'> {
  let t = await loadTarget(deps.db, publicationId);
  if (!t || t.pub.state !== 'dispatching' || t.pub.dispatchSeq !== seq) return 'done';

  // First settle an earlier submit whose outcome is unknown: it may already be public,
  // whatever has happened since (pause, an edit).
  if (t.pub.submitStartedAt && !t.pub.publishId) {
    return reconcile(deps, t);
  }
  // No API send: a member finishes it (after the adapter's hand-off kit, on that route).
  const route = routeOf(t.account);
  if (route !== 'api') {
    if (t.paused) return settle(deps, t, 'paused', PAUSED);
    if (t.post.status !== 'approved') return settle(deps, t, 'expired', UNAPPROVED);
    try {
      return await moveToManual(deps, t, route);
    } catch (e) {
      await handleStepError(deps, t, e);
      return 'done';
    }
  }
  let adapter: PlatformAdapter;
  try {
    adapter = publisherFor(deps, t);
  } catch (e) {
    // No credentials, or a platform without a publishing API: say so on the publication.
    await handleStepError(deps, t, e);
    return 'done';
  }

  for (let round = 0; round < FENCE_ROUNDS; round++) {
    if (t.paused) return settle(deps, t, 'paused', PAUSED);
    if (t.post.status !== 'approved') return settle(deps, t, 'expired', UNAPPROVED);
    if (t.pub.preparedVersion !== t.post.version || !t.pub.draftRemoteId) {
      const started = performance.now();
      try {
        const known = t.pub.coverRemoteId ?? (await cachedCover(deps, t.account.id, t.post.coverMediaId));
        const prepared = await prepareReusingCover(deps, adapter, t, known);
        await rememberCover(deps, t.account.id, t.post.coverMediaId, prepared.coverRemoteId);
        await recordAttempt(deps.db, t.pub, 'prepare', started, { outcome: 'ok', response: prepared });
        const patch = {
          coverRemoteId: prepared.coverRemoteId,
          draftRemoteId: prepared.draftRemoteId,
          contentFingerprint: prepared.fingerprint,
          preparedVersion: t.post.version,
        };
        if (!(await fenced(deps, t, patch, null))) return 'done';
        t = { ...t, pub: { ...t.pub, ...patch } };
      } catch (e) {
        await recordAttempt(deps.db, t.pub, 'prepare', started, { outcome: 'error', ...describeError(e) });
        await handleStepError(deps, t, e);
        return 'done';
      }
    }
    // The fence: from here on the outcome may be unknown, and a rerun must reconcile first.
    const target = t;
    const outcome = await submitFenced(deps, t, adapter, () => claimFence(deps, target));
    if (outcome !== 'not_fenced') return outcome;
    const why = await blockedReason(deps, t);
    if (why === 'stale') return 'done';
    if (why === 'paused') return settle(deps, t, 'paused', PAUSED);
    if (why === 'unapproved') return settle(deps, t, 'expired', UNAPPROVED);
    if (why === 'archived') return settle(deps, t, 'canceled', ARCHIVED);
    if (why === 'allowance') {
      await fail(deps, t, 'allowance_used', ALLOWANCE_USED, 'failed', null);
      return 'done';
    }
    // Not due yet by the database's clock (this worker's clock runs ahead): wait for it.
    if (why === 'not_due') await sleep(await msUntilDue(deps, t.pub.id));
    // Edited and approved again since the draft was made: make the draft again.
    const again = await loadTarget(deps.db, publicationId);
    if (!again || again.pub.state !== 'dispatching' || again.pub.dispatchSeq !== seq) return 'done';
    t = again;
  }
  await handleStepError(deps, t, new AppError('conflict', { zh: '稿件在发布前反复变更，稍后重试', en: 'The post kept changing just before its submit; retrying later' }));
  return 'done';
}
