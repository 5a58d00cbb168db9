import type { Deps } from '../../context';
import { bossDb } from '../../jobs/boss';
import { sleep } from '../../lib/time';
import type { PlatformAdapter, Submitted } from '../../platforms/adapter';
import { describeError, quickRetry } from './attempts';
import { FENCE_NOW_TEXT, persist, queuePoll, runPublish, settleRefusal } from './engine';
import { finalOf, recordFinals } from './finals';
import { deliveryOf, loadTargets, publisherFor, submitKey, type Target } from './target';

export interface DispatchItem {
  publicationId: string;
  seq: number;
}

export type Raw = (text: string, values: unknown[]) => Promise<{ rows: unknown[] }>;
export const raw =
  (deps: Deps): Raw =>
  (text, values) =>
    deps.db.$client.query(text, values);

/** One adapter per account within a batch: clients share their token lookups. */
export function publishers(deps: Deps) {
  const cache = new Map<string, PlatformAdapter>();
  return (t: Target) => {
    let p = cache.get(t.account.id);
    if (!p) cache.set(t.account.id, (p = publisherFor(deps, t)));
    return p;
  };
}

export interface AttemptRow {
  t: Target;
  step: string;
  outcome: 'ok' | 'error' | 'unknown';
  ms: number;
  code?: string | null;
  message?: string | null;
  response?: unknown;
}

export async function insertAttempts(exec: Raw, rows: AttemptRow[]) {
  if (!rows.length) return;
  await exec(
    `insert into publish_attempts (workspace_id, publication_id, step, outcome, error_code, message, response, duration_ms)
     select * from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::jsonb[], $8::int[])`,
    [
      rows.map((r) => r.t.pub.workspaceId),
      rows.map((r) => r.t.pub.id),
      rows.map((r) => r.step),
      rows.map((r) => r.outcome),
      rows.map((r) => r.code ?? null),
      rows.map((r) => r.message?.slice(0, 2000) ?? null),
      rows.map((r) => (r.response === undefined ? null : JSON.stringify(r.response))),
      rows.map((r) => Math.round(r.ms)),
    ],
  );
}

/** The database's clock minus this worker's, from one round trip (half of it counted as the way back). */
async function dbClockOffset(deps: Deps): Promise<number> {
  const before = Date.now();
  const r = await raw(deps)('select extract(epoch from now()) * 1000 as ms', []);
  const after = Date.now();
  return Number((r.rows[0] as { ms: number }).ms) - (before + after) / 2;
}

/**
 * Publishes a batch of dispatched publications. The due-minute path (prepared ahead, nothing
 * unusual) is done in bulk: fences coalesced across the jobs of this process, the submits side
 * by side as connections free up, results recorded a chunk at a time. Anything else takes the
 * one-by-one path of runPublish. Returns the items whose outcome is still being reconciled.
 */
export async function runPublishBatch(deps: Deps, items: DispatchItem[]): Promise<DispatchItem[]> {
  const targets = await loadTargets(
    deps.db,
    items.map((i) => i.publicationId),
  );
  const retry: DispatchItem[] = [];
  const ready: Target[] = [];
  const slow: DispatchItem[] = [];
  let due = 0;
  for (const it of items) {
    const t = targets.get(it.publicationId);
    if (!t || t.pub.state !== 'dispatching' || t.pub.dispatchSeq !== it.seq) continue;
    due = Math.max(due, t.pub.dueAt.getTime());
    // A submit counted against an allowance takes the one-by-one path: its fence counts the uses.
    const plain = !t.paused && !t.account.archivedAt && t.post.status === 'approved' && !t.pub.submitStartedAt && !t.pub.publishId && !t.pub.allowanceKey;
    if (plain && t.pub.preparedVersion === t.post.version && t.pub.draftRemoteId) ready.push(t);
    else slow.push(it);
  }
  const publisherOf = publishers(deps);
  // Armed ahead of time: everything is loaded and each account has its token; wait for the due
  // instant by the database's clock (a worker whose clock runs ahead must not submit early; the
  // fence checks it again). A token that fails here fails again, visibly, at the submit.
  const offset = await dbClockOffset(deps);
  const dbNow = () => Date.now() + offset;
  if (due > dbNow()) {
    const accounts = new Map(ready.map((t) => [t.account.id, t]));
    await Promise.all([...accounts.values()].map(async (t) => publisherOf(t).warm()).map((p) => p.catch(() => {})));
    if (due > dbNow()) await sleep(due - dbNow());
  }

  // One by one, a bounded number at a time: each looks at the pause when it starts, so a pause
  // holds back those not yet started instead of letting the whole batch through.
  const slowDone = (async () => {
    const loops = Array.from({ length: Math.min(SLOW_CONCURRENCY, slow.length) }, async () => {
      for (let it = slow.shift(); it; it = slow.shift()) {
        if ((await runPublish(deps, it.publicationId, it.seq)) === 'retry') retry.push(it);
      }
    });
    await Promise.all(loops);
  })();

  // Results are written as they come, a chunk at a time, so the first submits of a big batch
  // are recorded (and their status polled) without waiting for its last one.
  const pending: SubmitResult[] = [];
  let flushing: Promise<void> = Promise.resolve();
  const flush = () => {
    const chunk = pending.splice(0);
    if (chunk.length) flushing = flushing.then(() => recordSubmits(deps, chunk, retry));
  };
  await Promise.all(
    ready.map(async (t) => {
      // The fence, taken when the request is about to be written (see engine.submitFenced): from
      // here an outcome may be unknown and a rerun reconciles.
      let fenceAt: Date | null = null;
      const beforeSend = async () => {
        fenceAt ??= (await fence(deps, t.pub.id, t.pub.dispatchSeq)) ?? null;
        return fenceAt !== null;
      };
      const started = performance.now();
      try {
        const r = await quickRetry(() => publisherOf(t).submit(t.pub.draftRemoteId as string, deliveryOf(t), submitKey(t), { beforeSend }));
        pending.push({ t, fenceAt: fenceAt as unknown as Date, r, ms: performance.now() - started });
      } catch (e) {
        const fence = fenceAt as Date | null;
        // Not fenced (paused, edited, not due), or failed before anything was written: the
        // one-by-one path says why, or tries again.
        if (!fence) slow.push({ publicationId: t.pub.id, seq: t.pub.dispatchSeq });
        else pending.push({ t, fenceAt: fence, e, ms: performance.now() - started });
      }
      if (pending.length >= RECORD_CHUNK) flush();
    }),
  );
  flush();
  await flushing;
  // Items the fence turned away (paused, edited, not due by the database's clock) were added to
  // `slow` late: the one-by-one path says why, or submits them once due.
  await slowDone;
  while (slow.length) {
    const it = slow.shift() as DispatchItem;
    if ((await runPublish(deps, it.publicationId, it.seq)) === 'retry') retry.push(it);
  }
  return retry;
}

interface FenceRequest {
  id: string;
  seq: number;
  done: (fenceAt: Date | undefined) => void;
  fail: (e: unknown) => void;
}
const fenceQueues = new WeakMap<Deps['db'], { waiting: FenceRequest[]; running: boolean }>();

/**
 * Marks one submit as started, joining every other fence this process asks for at the same
 * moment in one statement. It is also the last look at the pause, the account, the approval and
 * the due time, any of which may have changed since the job was loaded. Fifty concurrent
 * UPDATEs of 200 rows cost PostgreSQL seconds of CPU (bench/README.md); one of many rows a
 * fraction of one.
 */
function fence(deps: Deps, id: string, seq: number): Promise<Date | undefined> {
  let q = fenceQueues.get(deps.db);
  if (!q) fenceQueues.set(deps.db, (q = { waiting: [], running: false }));
  const queue = q;
  return new Promise((done, fail) => {
    queue.waiting.push({ id, seq, done, fail });
    // Fences asked for in the same turn join the same statement.
    if (!queue.running) {
      queue.running = true;
      setImmediate(() => void drainFences(deps, queue));
    }
  });
}

async function drainFences(deps: Deps, q: { waiting: FenceRequest[]; running: boolean }) {
  while (q.waiting.length) {
    const batch = q.waiting.splice(0);
    try {
      const r = await raw(deps)(
        `update publications p set submit_started_at = ${FENCE_NOW_TEXT}, attempt_count = p.attempt_count + 1, updated_at = now()
         from unnest($1::uuid[], $2::int[]) as x(id, seq)
         -- "p.id = any" lets the planner fetch the rows by primary key: it guesses 100 rows for
         -- unnest and otherwise scans the whole table for each small fence (bench/README.md).
         where p.id = any($1::uuid[]) and p.id = x.id and p.dispatch_seq = x.seq and p.state = 'dispatching' and p.publish_id is null and p.submit_started_at is null
           and p.due_at <= now()
           and not exists (select 1 from workspaces w where w.id = p.workspace_id and w.paused)
           and exists (select 1 from platform_accounts a where a.id = p.account_id and a.archived_at is null)
           and exists (select 1 from posts po where po.id = p.post_id and po.status = 'approved' and po.version = p.prepared_version)
         returning p.id, p.submit_started_at`,
        [batch.map((b) => b.id), batch.map((b) => b.seq)],
      );
      const fenced = new Map((r.rows as { id: string; submit_started_at: Date }[]).map((x) => [x.id, new Date(x.submit_started_at)]));
      for (const b of batch) b.done(fenced.get(b.id));
    } catch (e) {
      for (const b of batch) b.fail(e);
    }
  }
  q.running = false;
}

/** Publications of a batch that take the one-by-one path at the same time. */
const SLOW_CONCURRENCY = 25;

/** Submits recorded per transaction in the due-minute path. */
const RECORD_CHUNK = 50;

type Accepted = Submitted;
type SubmitResult = { t: Target; fenceAt: Date; ms: number } & ({ r: Accepted } | { e: unknown });

async function recordSubmits(deps: Deps, results: SubmitResult[], retry: DispatchItem[]) {
  const ok = results.filter((x) => 'r' in x) as { t: Target; fenceAt: Date; r: Accepted; ms: number }[];
  const bad = results.filter((x) => 'e' in x) as { t: Target; fenceAt: Date; e: unknown; ms: number }[];
  const attempts: AttemptRow[] = ok.map(({ t, r, ms }) => ({ t, step: 'submit', outcome: 'ok', ms, response: r }));
  if (ok.length) {
    try {
      await persist(() =>
        deps.db.transaction(async (tx) => {
          const txExec = bossDb(tx).executeSql;
          await txExec(
            `update publications p set state = 'submitted', publish_id = x.pid, msg_data_id = x.mid, submitted_at = now(),
               state_reason = null, last_error_code = null, poll_count = 0, updated_at = now()
             from unnest($1::uuid[], $2::text[], $3::text[], $4::int[], $5::timestamptz[]) as x(id, pid, mid, seq, fence)
             where p.id = x.id and p.dispatch_seq = x.seq and p.submit_started_at = x.fence`,
            [ok.map((o) => o.t.pub.id), ok.map((o) => o.r.remoteId), ok.map((o) => o.r.msgDataId), ok.map((o) => o.t.pub.dispatchSeq), ok.map((o) => o.fenceAt.toISOString())],
          );
          const finals = ok.map((o) => finalOf(o.t, o.r)).filter((f) => f !== null);
          await recordFinals(deps, tx, finals);
          const polled = ok.filter((o) => !finalOf(o.t, o.r)).map((o) => o.t.pub.id);
          if (polled.length) await queuePoll(deps, polled, tx);
          await insertAttempts(txExec, attempts);
        }),
      );
    } catch (err) {
      // Accepted, but not recorded: the fences stay, and each goes to reconciliation.
      deps.log.error({ err, count: ok.length }, 'accepted submits could not be recorded; they will be reconciled');
      for (const o of ok) retry.push({ publicationId: o.t.pub.id, seq: o.t.pub.dispatchSeq });
    }
  }

  const exec = raw(deps);
  for (const { t, fenceAt, e, ms } of bad) {
    const d = describeError(e);
    const unknown = (e as { kind?: string }).kind === 'unknown_outcome';
    await insertAttempts(exec, [{ t, step: 'submit', outcome: unknown ? 'unknown' : 'error', ms, code: d.code, message: d.message }]).catch(() => {});
    if (unknown) {
      await exec('update publications set state_reason = $2, last_error_code = $3 where id = $1 and submit_started_at = $4', [
        t.pub.id,
        `提交结果未知，正在与平台核对 / outcome unknown, reconciling with the platform: ${d.message}`,
        d.code,
        fenceAt.toISOString(),
      ]).catch(() => {});
      retry.push({ publicationId: t.pub.id, seq: t.pub.dispatchSeq });
    } else {
      // Refused for sure: nothing went out, so a later dispatch may submit again.
      await settleRefusal(deps, t, fenceAt, e);
    }
  }
}
