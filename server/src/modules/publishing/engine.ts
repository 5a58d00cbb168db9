import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Deps } from '../../context';
import { bossDb, QUEUES } from '../../jobs/boss';
import { AppError } from '../../lib/errors';
import { isPlatformError, isRetryable } from '../../platforms/adapter';
import { backoffMs, describeError, quickRetry, recordAttempt } from './attempts';
import { loadTarget, publisherFor, publishInput, type Target, titleOf } from './target';
import { cachedCover, prepareReusingCover, rememberCover } from './prepare';
import { publications } from './tables';

/** Attempts at the steps before submit (prepare, submit refused) before a publication fails for good. */
export const MAX_ATTEMPTS = 8;
/** How long an accepted-but-unlisted submit is looked for before a person is asked to check. */
export const RECONCILE_WINDOW_MS = 10 * 60_000;
export const POLL_EVERY_SECONDS = 2;

/** Queues one status poll for these submitted publications, inside the caller's transaction. */
export function queuePoll(deps: Deps, publicationIds: string[], tx: Parameters<typeof bossDb>[0]) {
  // A chunk of a big burst is asked about later, so its polls do not compete with the submits
  // still going out; WeChat takes seconds at best to publish anyway.
  const after = publicationIds.length >= BULK_POLL_SIZE ? BULK_POLL_AFTER_SECONDS : POLL_EVERY_SECONDS;
  return deps.boss.send(QUEUES.poll, { publicationIds }, { startAfter: after, expireInSeconds: deps.config.MEIYUN_JOB_EXPIRE_SECONDS, db: bossDb(tx) });
}
const BULK_POLL_SIZE = 20;
const BULK_POLL_AFTER_SECONDS = 5;

type PubPatch = Partial<typeof publications.$inferInsert>;

/** Applies a change only while the publication is still in the dispatch this job owns. */
export async function fenced(deps: Deps, t: Target, patch: PubPatch) {
  const r = await deps.db
    .update(publications)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(and(eq(publications.id, t.pub.id), eq(publications.dispatchSeq, t.pub.dispatchSeq), eq(publications.state, t.pub.state)))
    .returning({ id: publications.id });
  return r.length > 0;
}

export const fail = (deps: Deps, t: Target, code: string, reason: string, state: 'failed' | 'needs_attention' = 'failed') =>
  fenced(deps, t, { state, lastErrorCode: code, stateReason: reason, attemptCount: t.pub.attemptCount + 1 });

/** A step failed before anything became public: retry later with backoff, or give up. */
async function retryLater(deps: Deps, t: Target, e: unknown) {
  const { code, message } = describeError(e);
  const attempts = t.pub.attemptCount + 1;
  if (attempts >= MAX_ATTEMPTS) return fail(deps, t, code, `重试 ${attempts} 次仍失败 / failed after ${attempts} attempts: ${message}`);
  const delay = backoffMs(attempts, isPlatformError(e) ? e.retryAfterMs : undefined);
  return fenced(deps, t, {
    state: 'scheduled',
    attemptCount: attempts,
    nextAttemptAt: new Date(Date.now() + delay),
    lastErrorCode: code,
    stateReason: `将在 ${Math.ceil(delay / 1000)} 秒后重试 / retrying in ${Math.ceil(delay / 1000)} s: ${message}`,
  });
}

export async function handleStepError(deps: Deps, t: Target, e: unknown) {
  if (isRetryable(e)) return retryLater(deps, t, e);
  if (isPlatformError(e) || e instanceof AppError) {
    const { code, message } = describeError(e);
    return fail(deps, t, code, message);
  }
  deps.log.error({ err: e, publicationId: t.pub.id }, 'unexpected publish error');
  return retryLater(deps, t, e);
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
    const verdict = await reconcile(deps, t);
    if (verdict !== 'resubmit') return verdict;
    t = (await loadTarget(deps.db, publicationId))!;
  }
  if (t.paused) {
    await fenced(deps, t, { state: 'paused', stateReason: '工作区已暂停发布 / publishing is paused for the workspace' });
    return 'done';
  }
  if (t.post.status !== 'approved') {
    await fenced(deps, t, { state: 'expired', stateReason: '到发布时间仍未通过审核 / not approved at its time' });
    return 'done';
  }
  let publisher: ReturnType<typeof publisherFor>;
  try {
    publisher = publisherFor(deps, t);
  } catch (e) {
    // No credentials, or a platform without a publishing API: say so on the publication.
    await handleStepError(deps, t, e);
    return 'done';
  }

  if (t.pub.preparedVersion !== t.post.version || !t.pub.draftRemoteId) {
    const started = performance.now();
    try {
      const known = t.pub.coverRemoteId ?? (await cachedCover(deps, t.account.id, t.post.coverMediaId));
      const prepared = await prepareReusingCover(deps, publisher, t, known, () => {});
      await rememberCover(deps, t.account.id, t.post.coverMediaId, prepared.coverRemoteId);
      await recordAttempt(deps.db, t.pub, 'prepare', started, { outcome: 'ok', response: prepared });
      const patch = { ...prepared, preparedVersion: t.post.version };
      if (!(await fenced(deps, t, patch))) return 'done';
      t = { ...t, pub: { ...t.pub, ...patch } };
    } catch (e) {
      await recordAttempt(deps.db, t.pub, 'prepare', started, { outcome: 'error', ...describeError(e) });
      await handleStepError(deps, t, e);
      return 'done';
    }
  }

  // The fence: from here on the outcome may be unknown, and a rerun must reconcile first.
  const claimed = await deps.db
    .update(publications)
    .set({ submitStartedAt: sql`now()`, attemptCount: sql`${publications.attemptCount} + 1`, updatedAt: sql`now()` })
    .where(
      and(
        eq(publications.id, t.pub.id),
        eq(publications.dispatchSeq, seq),
        eq(publications.state, 'dispatching'),
        isNull(publications.publishId),
        // Another run of this dispatch (a job pg-boss presumed dead) may already have sent it.
        isNull(publications.submitStartedAt),
        sql`not exists (select 1 from workspaces w where w.id = ${t.pub.workspaceId} and w.paused)`,
      ),
    )
    .returning({ attemptCount: publications.attemptCount });
  if (!claimed.length) {
    const again = await loadTarget(deps.db, publicationId);
    if (again?.paused && again.pub.state === 'dispatching' && !again.pub.submitStartedAt) {
      await fenced(deps, again, { state: 'paused', stateReason: '工作区已暂停发布 / publishing is paused for the workspace' });
    }
    return 'done';
  }
  const started = performance.now();
  try {
    // A refused submit (busy) is safe to repeat; an unknown outcome is never retried here.
    const r = await quickRetry(() => publisher.submit(t.pub.draftRemoteId!));
    await deps.db.transaction(async (tx) => {
      await tx
        .update(publications)
        .set({
          state: 'submitted',
          publishId: r.publishId,
          msgDataId: r.msgDataId,
          submittedAt: sql`now()`,
          stateReason: null,
          lastErrorCode: null,
          updatedAt: sql`now()`,
        })
        .where(and(eq(publications.id, t.pub.id), eq(publications.dispatchSeq, seq)));
      await recordAttempt(tx, t.pub, 'submit', started, { outcome: 'ok', response: r });
      await queuePoll(deps, [publicationId], tx);
    });
  } catch (e) {
    const d = describeError(e);
    if (isPlatformError(e) && e.kind === 'unknown_outcome') {
      await recordAttempt(deps.db, t.pub, 'submit', started, { outcome: 'unknown', ...d });
      await deps.db
        .update(publications)
        .set({ stateReason: `提交结果未知，正在与平台核对 / outcome unknown, reconciling with the platform: ${d.message}`, lastErrorCode: d.code })
        .where(eq(publications.id, t.pub.id));
      return 'retry';
    }
    await recordAttempt(deps.db, t.pub, 'submit', started, { outcome: 'error', ...d });
    // Refused for sure: nothing went out, so the next dispatch may submit again.
    await deps.db.update(publications).set({ submitStartedAt: null }).where(eq(publications.id, t.pub.id));
    await handleStepError(deps, { ...t, pub: { ...t.pub, attemptCount: claimed[0].attemptCount - 1 } }, e);
  }
  return 'done';
}

/**
 * An earlier submit may have gone through. Look for the article; if it is not there, ask
 * whether the draft is still unsent: then (and only then) it is safe to submit again.
 * A draft that left the draft box is publishing: keep looking until the window closes.
 */
async function reconcile(deps: Deps, t: Target): Promise<'done' | 'retry' | 'resubmit'> {
  const started = performance.now();
  const since = t.pub.submitStartedAt!;
  let verdict: 'retry' | 'resubmit' | 'give_up' = 'retry';
  try {
    const publisher = publisherFor(deps, t);
    const found = await quickRetry(() => publisher.findPublished(titleOf(t), since));
    if (found) {
      await deps.db.transaction(async (tx) => {
        await tx
          .update(publications)
          .set({
            state: 'published',
            articleId: found.articleId,
            articleUrl: found.url,
            publishedAt: sql`now()`,
            submittedAt: since,
            stateReason: '核对确认已发布 / confirmed on the platform after an unknown outcome',
            updatedAt: sql`now()`,
          })
          .where(and(eq(publications.id, t.pub.id), eq(publications.dispatchSeq, t.pub.dispatchSeq)));
        await recordAttempt(tx, t.pub, 'reconcile', started, { outcome: 'ok', response: found });
      });
      return 'done';
    }
    const draft = t.pub.draftRemoteId;
    const pending = draft ? await quickRetry(() => publisher.draftPending(draft)) : true;
    // A submit still on the wire (another run of this job) would also leave the draft in place:
    // trust "still there" only once any such submit must have timed out.
    const settled = Date.now() - since.getTime() > deps.config.MEIYUN_PLATFORM_TIMEOUT_MS + 5000;
    if (pending && settled) verdict = 'resubmit';
    else if (pending) verdict = 'retry';
    else if (Date.now() - since.getTime() > RECONCILE_WINDOW_MS) verdict = 'give_up';
    const note = pending ? 'draft still unsent: submitting again' : 'draft left the draft box: publishing, not listed yet';
    await recordAttempt(deps.db, t.pub, 'reconcile', started, { outcome: 'ok', message: note });
  } catch (e) {
    await recordAttempt(deps.db, t.pub, 'reconcile', started, { outcome: 'error', ...describeError(e) });
    return 'retry';
  }
  if (verdict === 'give_up') {
    await fail(
      deps,
      t,
      'unknown_outcome',
      '已提交但长时间未能确认结果，请到公众号后台核对 / submitted but not confirmed in time; check the account',
      'needs_attention',
    );
    return 'done';
  }
  if (verdict === 'retry') return 'retry';
  await deps.db.update(publications).set({ submitStartedAt: null }).where(eq(publications.id, t.pub.id));
  return 'resubmit';
}
