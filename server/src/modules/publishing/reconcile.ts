// After a submit whose outcome is unknown (timeout, dropped connection, crash, an answer that could
// not be recorded): find out from the platform, never by guessing. Two documented ways:
// - the submit is idempotent by its key (the platform documents that a repeat with the same key is
//   never sent twice and names the existing job): submit again with the same key;
// - otherwise the adapter looks for the post by what was sent (its fingerprint) among what the
//   platform lists as published since the submit started. Not found within the window: a person
//   checks (needs_attention), and can then mark it published or send it again.

import { sql } from 'drizzle-orm';
import type { Deps } from '../../context';
import { describeError, quickRetry, recordAttempt } from './attempts';
import { fail, FENCE_NOW, queuePoll, submitFenced } from './engine';
import { deliveryOf, publisherFor, type Target } from './target';

/** How long an unconfirmed submit is looked for before a person is asked to check. */
export const reconcileWindowMs = (deps: Deps) => deps.config.MEIYUN_RECONCILE_WINDOW_SECONDS * 1000;

const GIVE_UP =
  '提交后未能在平台上确认这篇文章。请到平台后台核对：若已发出，请标记为已发布；若没有，可确认后重新发送 / ' +
  'submitted, but the post could not be found on the platform in time. Check the account: mark it published if it is there, or confirm it is not and send it again';

/** Whether the window since the submit started has passed, by the database's clock. */
async function windowPassed(deps: Deps, t: Target): Promise<boolean> {
  const r = await deps.db.execute(
    sql`select now() - submit_started_at > make_interval(secs => ${reconcileWindowMs(deps) / 1000}) as passed from publications where id = ${t.pub.id}`,
  );
  return Boolean((r.rows[0] as { passed: boolean } | undefined)?.passed);
}

/** Platform ids already matched to the account's other publications (one post is one publication). */
async function claimedArticles(deps: Deps, t: Target, since: Date): Promise<string[]> {
  const r = await deps.db.execute(sql`
    select article_id from publications where account_id = ${t.pub.accountId} and id <> ${t.pub.id}
      and article_id is not null and updated_at >= ${since.toISOString()}::timestamptz - interval '1 day'`);
  return (r.rows as { article_id: string }[]).map((x) => x.article_id);
}

export async function reconcile(deps: Deps, t: Target): Promise<'done' | 'retry'> {
  const since = t.pub.submitStartedAt as Date;
  const started = performance.now();
  const adapter = publisherFor(deps, t);
  const delivery = deliveryOf(t);

  if (adapter.idempotentSubmit(delivery)) {
    // Repeating it cannot publish twice; but a post paused or changed since must not go out now
    // if the first try did not: then only a person can tell.
    if (t.paused || t.post.status !== 'approved' || t.post.version !== t.pub.preparedVersion) {
      if (await windowPassed(deps, t)) {
        await fail(deps, t, 'unknown_outcome', GIVE_UP, 'needs_attention');
        return 'done';
      }
      return 'retry';
    }
    await recordAttempt(deps.db, t.pub, 'reconcile', started, { outcome: 'ok', message: 'repeating the submit with the same key (idempotent)' });
    // Take the fence over from the run that lost the answer, then repeat with the same key.
    const takeOver = async () => {
      const r = await deps.db.execute(sql`
        update publications set submit_started_at = ${FENCE_NOW}, updated_at = now()
        where id = ${t.pub.id} and dispatch_seq = ${t.pub.dispatchSeq} and state = 'dispatching'
          and submit_started_at = ${since.toISOString()} and publish_id is null
        returning submit_started_at`);
      const row = r.rows[0] as { submit_started_at: string | Date } | undefined;
      return row ? new Date(row.submit_started_at) : null;
    };
    const outcome = await submitFenced(deps, t, adapter, takeOver);
    return outcome === 'not_fenced' ? 'done' : outcome;
  }

  try {
    const exclude = await claimedArticles(deps, t, since);
    const found = t.pub.contentFingerprint
      ? await quickRetry(() => adapter.reconcile({ fingerprint: t.pub.contentFingerprint as string, since, delivery, exclude }))
      : ({ found: false } as const);
    if (found.found && found.inReview && found.remoteId) {
      // It went out, but its review is not over: from here it is an ordinary submitted publication.
      await deps.db.transaction(async (tx) => {
        const u = await tx.execute(sql`
          update publications set state = 'submitted', publish_id = ${found.remoteId}, submitted_at = submit_started_at, poll_count = 0, last_error_code = null,
            state_reason = '核对确认已提交，平台审核中 / found on the platform after an unknown outcome, in review', updated_at = now()
          where id = ${t.pub.id} and dispatch_seq = ${t.pub.dispatchSeq} and state = 'dispatching' and submit_started_at = ${since.toISOString()}
          returning id`);
        await recordAttempt(tx, t.pub, 'reconcile', started, { outcome: 'ok', response: found });
        if (u.rows.length) await queuePoll(deps, [t.pub.id], tx);
      });
      return 'done';
    }
    if (found.found) {
      await deps.db.transaction(async (tx) => {
        await tx.execute(sql`
          update publications set state = 'published', publish_id = coalesce(${found.remoteId}, publish_id), article_id = ${found.articleId},
            article_url = ${found.url}, published_at = now(), submitted_at = submit_started_at, last_error_code = null, updated_at = now(),
            state_reason = '核对确认已发布 / confirmed on the platform after an unknown outcome'
          where id = ${t.pub.id} and dispatch_seq = ${t.pub.dispatchSeq} and state = 'dispatching' and submit_started_at = ${since.toISOString()}`);
        await recordAttempt(tx, t.pub, 'reconcile', started, { outcome: 'ok', response: found });
      });
      return 'done';
    }
    await recordAttempt(deps.db, t.pub, 'reconcile', started, { outcome: 'ok', message: 'not listed on the platform yet' });
  } catch (e) {
    await recordAttempt(deps.db, t.pub, 'reconcile', started, { outcome: 'error', ...describeError(e) });
  }
  if (await windowPassed(deps, t)) {
    await fail(deps, t, 'unknown_outcome', GIVE_UP, 'needs_attention');
    return 'done';
  }
  return 'retry';
}
