// The hand-off route after its due time: the member finishes the post in the platform's app from
// the kit's link, and a job of the queue QUEUES.handoff looks for the finished post through the
// platform's API (adapter.findHandedOff). Found: published with its id and link, by the same final
// write as a status poll (finals.ts). Not found: asked again later, less often each time.

import { sql } from 'drizzle-orm';
import type { Deps } from '../../context';
import type { Executor } from '../../db/pool';
import { bossDb, QUEUES } from '../../jobs/boss';
import { uuidFrom } from '../../lib/ids';
import type { Reconciled } from '../../platforms/adapter';
import { describeError, quickRetry } from './attempts';
import { insertAttempts } from './batch';
import { recordFinals } from './finals';
import { publications } from './tables';
import { loadTarget, publisherFor, type Target } from './target';

/** Seconds between checks: often while the member is likely at it, then every quarter hour. */
export const HANDOFF_DELAYS_S = [5, 10, 20, 30, 60, 120, 300, 600, 900];
/** After this long the job stops looking; the member can still mark it published with the link. */
export const HANDOFF_GIVE_UP_MS = 7 * 24 * 3600_000;

export const handoffDelaySeconds = (checks: number) => HANDOFF_DELAYS_S[Math.min(checks, HANDOFF_DELAYS_S.length - 1)];

type Pub = Pick<typeof publications.$inferSelect, 'id' | 'pollCount' | 'handoffKit'>;

/**
 * Queues the next check of a hand-off publication, in the caller's transaction. The job id names
 * the kit and the check number, so the same check is never queued twice.
 */
export async function queueHandoffCheck(
  deps: Deps,
  tx: Executor,
  pub: Pub,
  afterSeconds = handoffDelaySeconds(pub.pollCount),
  key = `${pub.handoffKit?.ref ?? ''}:${pub.pollCount}`,
) {
  await deps.boss.insert(
    [
      {
        id: uuidFrom(`handoff:${pub.id}:${key}`),
        name: QUEUES.handoff,
        data: { publicationId: pub.id },
        startAfter: new Date(Date.now() + afterSeconds * 1000),
        expireInSeconds: deps.config.MEIYUN_JOB_EXPIRE_SECONDS,
      },
    ],
    { db: bossDb(tx) },
  );
}

/** Platform ids already linked to other publications of the account: never the same post twice. */
async function linkedElsewhere(db: Executor, t: Target): Promise<string[]> {
  const r = await db.execute(sql`
    select article_id from publications where account_id = ${t.pub.accountId} and id <> ${t.pub.id} and article_id is not null`);
  return (r.rows as { article_id: string }[]).map((x) => x.article_id);
}

const GAVE_UP =
  '一周内未在平台上找到该作品，已停止自动查找；如已发布，请填写线上链接 / not found on the platform within a week; no longer looking — if it is published, give its live link';

/** One check of one hand-off publication. */
export async function runHandoffCheck(deps: Deps, publicationId: string): Promise<'published' | 'waiting' | 'stopped'> {
  const t = await loadTarget(deps.db, publicationId);
  if (!t || t.pub.state !== 'awaiting_manual' || !t.pub.handoffKit) return 'stopped';
  const adapter = publisherFor(deps, t);
  if (!adapter.findHandedOff) return 'stopped';
  const since = t.pub.manualSince ?? t.pub.dueAt;
  const started = performance.now();
  let found: Reconciled = { found: false };
  let error: { code: string; message: string } | null = null;
  try {
    const exclude = await linkedElsewhere(deps.db, t);
    // The current link's ref first, then those of links it replaced (finished with an old link).
    const kit = t.pub.handoffKit;
    for (const ref of [kit.ref, ...(kit.earlierRefs ?? [])]) {
      const q = { ref, fingerprint: t.pub.contentFingerprint ?? '', since, exclude };
      found = await quickRetry(() => (adapter.findHandedOff as NonNullable<typeof adapter.findHandedOff>)(q));
      if (found.found) break;
    }
  } catch (e) {
    error = describeError(e);
  }
  const ms = performance.now() - started;
  return deps.db.transaction(async (tx) => {
    if (found.found && found.articleId) {
      // One account's finds are written one at a time, and checked again under the lock, so two
      // publications with the same caption never take the same post.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`handoff:${t.pub.accountId}`}))`);
      const taken = (await linkedElsewhere(tx, t)).includes(found.articleId);
      if (!taken) {
        const n = await recordFinals(deps, tx, [{ t, status: { state: 'published', articleId: found.articleId, url: found.url } }], 'awaiting_manual');
        if (n) {
          await tx.update(publications).set({ publishId: found.remoteId }).where(sql`${publications.id} = ${t.pub.id}`);
          await insertAttempts(bossDb(tx).executeSql, [{ t, step: 'handoff_found', outcome: 'ok', ms, response: found }]);
        }
        return n ? 'published' : 'stopped';
      }
    }
    if (error) await insertAttempts(bossDb(tx).executeSql, [{ t, step: 'handoff_check', outcome: 'error', ms, code: error.code, message: error.message }]);
    if (Date.now() - since.getTime() > HANDOFF_GIVE_UP_MS) {
      await tx.update(publications).set({ stateReason: GAVE_UP }).where(sql`${publications.id} = ${t.pub.id} and ${publications.state} = 'awaiting_manual'`);
      return 'stopped';
    }
    const [next] = await tx
      .update(publications)
      .set({ pollCount: sql`${publications.pollCount} + 1` })
      .where(sql`${publications.id} = ${t.pub.id} and ${publications.state} = 'awaiting_manual'`)
      .returning();
    if (!next) return 'stopped';
    await queueHandoffCheck(deps, tx, next);
    return 'waiting';
  });
}

/**
 * A hand-off publication whose check job is gone (its retries used up) gets one again, so none
 * waits unlooked-for. Run from the scheduler's tick.
 */
export async function sweepHandoffs(deps: Deps) {
  const r = await deps.db.execute(sql`
    select p.id, p.poll_count, p.handoff_kit from publications p
    where p.state = 'awaiting_manual' and p.handoff_kit is not null and p.manual_since > now() - make_interval(secs => ${HANDOFF_GIVE_UP_MS / 1000})
      and p.manual_since < now() - interval '1 minute'
      and not exists (select 1 from pgboss.job j where j.name = ${QUEUES.handoff} and j.state in ('created', 'retry', 'active')
        and j.data @> jsonb_build_object('publicationId', p.id::text))
    limit 100`);
  for (const row of r.rows as { id: string; poll_count: number; handoff_kit: Pub['handoffKit'] }[]) {
    // A key of its own: the lost job's id stays taken in pg-boss's table.
    await queueHandoffCheck(deps, deps.db, { id: row.id, pollCount: row.poll_count, handoffKit: row.handoff_kit }, 60, `sweep:${Date.now()}`);
  }
}
