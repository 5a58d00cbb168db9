import { sql } from 'drizzle-orm';
import type { Deps } from '../../context';
import { bossDb, QUEUES } from '../../jobs/boss';
import { uuidFrom } from '../../lib/ids';
import { sweepHandoffs } from './handoff';
import { escalateOverdue } from './manual';

/** A multiple of PER_JOB, so a big due minute makes full jobs. */
const CLAIM_BATCH = 1000;
const MAX_BATCHES_PER_TICK = 20;

/** Publications per publish job: the due-minute path submits a batch side by side. */
export const PER_JOB = 200;
const PREPARE_PER_JOB = 50;
/** An armed job starts this long before its due time, to be loaded and waiting when it comes. */
const JOB_START_LEAD_MS = 2500;

export const publishJobId = (publicationId: string, seq: number) => uuidFrom(`publish:${publicationId}:${seq}`);

/** pg-boss options of a publish job: reruns reconcile an unknown outcome (2 s, 4 s, … about 17 minutes in all). */
const publishJobOptions = (deps: Deps) => ({
  expireInSeconds: deps.config.MEIYUN_JOB_EXPIRE_SECONDS,
  retryLimit: 9,
  retryDelay: 2,
  retryBackoff: true,
});

/** A job of its own for one publication whose outcome is being reconciled; its id is that dispatch's. */
export async function singlePublishJob(deps: Deps, it: { publicationId: string; seq: number }) {
  await deps.boss.insert([
    { id: publishJobId(it.publicationId, it.seq), name: QUEUES.publish, data: { items: [it] }, startAfter: new Date(Date.now() + 2000), ...publishJobOptions(deps) },
  ]);
}

/**
 * One pass of the scheduler. Safe to run in many processes at once: every claim is a
 * conditional UPDATE over rows locked with SKIP LOCKED, and the job id is derived from the
 * publication and its dispatch number, so pg-boss refuses a second job for the same dispatch.
 */
export async function dispatchTick(deps: Deps): Promise<{ claimed: number; prepared: number }> {
  // Overdue beyond the workspace's window: say so instead of publishing late.
  await deps.db.execute(sql`
    update publications p set state = 'missed', updated_at = now(),
      state_reason = '超过发布时间窗口 ' || w.missed_window_minutes || ' 分钟未能发出 / not sent within ' || w.missed_window_minutes || ' minutes of its time'
        || coalesce('；最后错误 / last error: ' || p.last_error_code, '')
    from workspaces w
    where w.id = p.workspace_id and p.state = 'scheduled' and p.due_at < now() - make_interval(mins => w.missed_window_minutes)`);
  // A retry that fell due while the workspace is paused waits as paused, visibly.
  await deps.db.execute(sql`
    update publications p set state = 'paused', updated_at = now(), state_reason = '工作区已暂停发布 / publishing is paused for the workspace'
    from workspaces w where w.id = p.workspace_id and w.paused and p.state = 'scheduled'`);
  // And one a worker held as paused while a resume was being committed (it had read the workspace
  // as paused just before) goes back to the schedule: a resume releases everything it paused.
  await deps.db.execute(sql`
    update publications p set state = 'scheduled', updated_at = now(), state_reason = null
    from workspaces w where w.id = p.workspace_id and not w.paused and p.state = 'paused'`);
  // Due but never approved: it does not go out.
  await deps.db.execute(sql`
    update publications p set state = 'expired', updated_at = now(), state_reason = '到发布时间仍未通过审核 / not approved at its time'
    from posts po, workspaces w
    where po.id = p.post_id and w.id = p.workspace_id and p.state = 'scheduled' and p.due_at <= now()
      and po.status <> 'approved' and not w.paused`);

  let claimed = 0;
  for (let i = 0; i < MAX_BATCHES_PER_TICK; i++) {
    const n = await deps.db.transaction(async (tx) => {
      const r = await tx.execute(sql`
        with due as (
          select p.id from publications p
          join posts po on po.id = p.post_id
          join workspaces w on w.id = p.workspace_id
          join platform_accounts a on a.id = p.account_id and a.archived_at is null
          where p.state = 'scheduled' and p.due_at <= now() + make_interval(secs => ${deps.config.MEIYUN_ARM_AHEAD_SECONDS})
            and p.due_at >= now() - make_interval(mins => w.missed_window_minutes)
            and (p.next_attempt_at is null or p.next_attempt_at <= now())
            and po.status = 'approved' and not w.paused
          order by p.due_at
          limit ${CLAIM_BATCH}
          for update of p skip locked)
        update publications set state = 'dispatching', dispatch_seq = publications.dispatch_seq + 1, updated_at = now()
        from due where publications.id = due.id
        returning publications.id, publications.dispatch_seq, publications.due_at`);
      const rows = (r.rows as { id: string; dispatch_seq: number; due_at: string | Date }[]).map((x) => ({ ...x, due: new Date(x.due_at).getTime() }));
      rows.sort((a, b) => a.due - b.due);
      if (rows.length) {
        const jobs = [];
        // A job holds publications due at the same instant; it starts a little before it, loads
        // everything, and submits at the due time (see runPublishBatch).
        for (let k = 0; k < rows.length; ) {
          let end = k + 1;
          while (end < rows.length && end - k < PER_JOB && rows[end].due === rows[k].due) end++;
          const items = rows.slice(k, end).map((p) => ({ publicationId: p.id, seq: p.dispatch_seq }));
          // The id names exactly these dispatches: pg-boss refuses the same claim twice. A job of
          // one publication gets the same id as singlePublishJob would give it.
          const id = uuidFrom(`publish:${items.map((x) => `${x.publicationId}:${x.seq}`).join(',')}`);
          const startAfter = new Date(Math.max(Date.now(), rows[k].due - JOB_START_LEAD_MS));
          jobs.push({ id, name: QUEUES.publish, data: { items }, startAfter, ...publishJobOptions(deps) });
          k = end;
        }
        await deps.boss.insert(jobs, { db: bossDb(tx) });
      }
      return rows.length;
    });
    claimed += n;
    if (n < CLAIM_BATCH) break;
  }

  // Prepare ahead of time what is approved and due soon.
  const prepared = await deps.db.transaction(async (tx) => {
    const r = await tx.execute(sql`
      with soon as (
        select p.id from publications p join posts po on po.id = p.post_id
          join platform_accounts a on a.id = p.account_id and a.archived_at is null
        where p.state = 'scheduled' and po.status = 'approved'
          and p.due_at <= now() + make_interval(mins => ${deps.config.MEIYUN_PREPARE_AHEAD_MINUTES})
          and p.prepared_version is distinct from po.version
          and (p.prepare_queued_at is null or p.prepare_queued_at < now() - interval '2 minutes')
        order by p.due_at limit ${CLAIM_BATCH}
        for update of p skip locked)
      update publications set prepare_queued_at = now() from soon where publications.id = soon.id
      returning publications.id`);
    const rows = r.rows as { id: string }[];
    if (rows.length) {
      const jobs = [];
      for (let k = 0; k < rows.length; k += PREPARE_PER_JOB) {
        jobs.push({ name: QUEUES.prepare, data: { publicationIds: rows.slice(k, k + PREPARE_PER_JOB).map((p) => p.id) }, expireInSeconds: deps.config.MEIYUN_JOB_EXPIRE_SECONDS });
      }
      await deps.boss.insert(jobs, { db: bossDb(tx) });
    }
    return rows.length;
  });
  await sweepStuck(deps);
  await escalateOverdue(deps);
  await sweepHandoffs(deps);
  return { claimed, prepared };
}

/**
 * Nothing may stay "in progress" silently. A dispatch whose job is gone (retries used up)
 * goes back to the schedule if nothing was sent, else to a person; a submitted one whose
 * status poll is gone gets a new poll.
 */
async function sweepStuck(deps: Deps) {
  await deps.db.execute(sql`
    update publications p set updated_at = now(),
      state = case when p.submit_started_at is null then 'scheduled' else 'needs_attention' end,
      state_reason = case when p.submit_started_at is null
        then '发布任务中断，已重新排队 / the publish job was lost; queued again'
        else '提交后未能确认结果，请到平台后台核对 / submitted but the outcome could not be confirmed; check the account' end
    where p.state = 'dispatching' and p.updated_at < now() - interval '10 minutes'
      and not exists (select 1 from pgboss.job j where j.name = ${QUEUES.publish} and j.state in ('created', 'retry', 'active')
        and j.data @> jsonb_build_object('items', jsonb_build_array(jsonb_build_object('publicationId', p.id::text))))`);
  const lost = await deps.db.execute(sql`
    update publications p set updated_at = now()
    where p.state = 'submitted' and p.updated_at < now() - interval '5 minutes'
      and not exists (select 1 from pgboss.job j where j.name = ${QUEUES.poll} and j.state in ('created', 'retry', 'active')
        and j.data @> jsonb_build_object('publicationIds', jsonb_build_array(p.id::text)))
    returning p.id`);
  const rows = lost.rows as { id: string }[];
  if (rows.length) await deps.boss.insert([{ name: QUEUES.poll, data: { publicationIds: rows.map((r) => r.id) }, expireInSeconds: deps.config.MEIYUN_JOB_EXPIRE_SECONDS }]);
}
