import type { Deps } from '../../context';
import { bossDb } from '../../jobs/boss';
import { isRetryable } from '../../platforms/adapter';
import { sleep } from '../../lib/time';
import { describeError, quickRetry } from './attempts';
import { fail, handleStepError, queuePoll, runPublish } from './engine';
import type { Publisher } from './publishers/types';
import { loadTargets, publisherFor, type Target } from './target';

export interface DispatchItem {
  publicationId: string;
  seq: number;
}

/** A submitted publication that WeChat still reports as publishing after this long goes to a person. */
export const POLL_GIVE_UP_MS = 60 * 60_000;

export type Raw = (text: string, values: unknown[]) => Promise<{ rows: unknown[] }>;
export const raw =
  (deps: Deps): Raw =>
  (text, values) =>
    deps.db.$client.query(text, values);

/** One publisher per account within a batch: clients share their token lookups. */
export function publishers(deps: Deps) {
  const cache = new Map<string, Publisher>();
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

/**
 * Publishes a batch of dispatched publications. The due-minute path (prepared ahead, nothing
 * unusual) is done in bulk: one fence UPDATE, the submits side by side, one transaction for
 * the results. Anything else takes the one-by-one path of runPublish. Returns the items whose
 * outcome is still being reconciled: they must run again later.
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
    const plain = !t.paused && t.post.status === 'approved' && !t.pub.submitStartedAt && !t.pub.publishId;
    if (plain && t.pub.preparedVersion === t.post.version && t.pub.draftRemoteId) ready.push(t);
    else slow.push(it);
  }
  const publisherOf = publishers(deps);
  // Armed ahead of time: everything is loaded and each account has its token; wait for the
  // due instant, then go at once. (A token that fails here fails again, visibly, at the submit.)
  if (due > Date.now()) {
    const accounts = new Map(ready.map((t) => [t.account.id, t]));
    await Promise.all([...accounts.values()].map(async (t) => publisherOf(t).warm()).map((p) => p.catch(() => {})));
    if (due > Date.now()) await sleep(due - Date.now());
  }

  // The fence: from here an outcome may be unknown and a rerun reconciles.
  const fenced = ready.length ? await fence(deps, ready.map((t) => t.pub.id), ready.map((t) => t.pub.dispatchSeq)) : new Set<string>();
  for (const t of ready) if (!fenced.has(t.pub.id)) slow.push({ publicationId: t.pub.id, seq: t.pub.dispatchSeq });

  // One by one, a bounded number at a time: each looks at the pause when it starts, so a pause
  // holds back those not yet started instead of letting the whole batch through.
  const slowDone = Promise.all(
    Array.from({ length: Math.min(SLOW_CONCURRENCY, slow.length) }, async () => {
      for (let it = slow.shift(); it; it = slow.shift()) {
        if ((await runPublish(deps, it.publicationId, it.seq)) === 'retry') retry.push(it);
      }
    }),
  );

  // Results are written as they come, a chunk at a time, so the first submits of a big batch
  // are recorded (and their status polled) without waiting for its last one.
  const go = ready.filter((t) => fenced.has(t.pub.id));
  const pending: SubmitResult[] = [];
  let flushing: Promise<void> = Promise.resolve();
  const flush = () => {
    const chunk = pending.splice(0);
    flushing = flushing.then(() => recordSubmits(deps, chunk, retry));
  };
  await Promise.all(
    go.map(async (t) => {
      const started = performance.now();
      try {
        const r = await quickRetry(() => publisherOf(t).submit(t.pub.draftRemoteId as string));
        pending.push({ t, r, ms: performance.now() - started });
      } catch (e) {
        pending.push({ t, e, ms: performance.now() - started });
      }
      if (pending.length >= RECORD_CHUNK) flush();
    }),
  );
  flush();
  await flushing;
  await slowDone;
  return retry;
}

interface FenceRequest {
  ids: string[];
  seqs: number[];
  done: (fenced: Set<string>) => void;
  fail: (e: unknown) => void;
}
const fenceQueues = new WeakMap<Deps['db'], { waiting: FenceRequest[]; running: boolean }>();

/**
 * Marks the submits as started, for every job of this process that asks at the same moment,
 * in one statement. It is also the last look at the pause and at the approval, both of which
 * may have changed since a job was loaded. At a busy due second fifty jobs wake together:
 * fifty concurrent UPDATEs of 200 rows cost PostgreSQL several seconds of CPU (bench/README.md),
 * one UPDATE of 10,000 rows a fraction of one.
 */
function fence(deps: Deps, ids: string[], seqs: number[]): Promise<Set<string>> {
  let q = fenceQueues.get(deps.db);
  if (!q) fenceQueues.set(deps.db, (q = { waiting: [], running: false }));
  const queue = q;
  return new Promise((done, fail) => {
    queue.waiting.push({ ids, seqs, done, fail });
    // Jobs whose timers fire in the same turn join the same statement.
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
        `update publications p set submit_started_at = now(), attempt_count = p.attempt_count + 1, updated_at = now()
         from unnest($1::uuid[], $2::int[]) as x(id, seq)
         where p.id = x.id and p.dispatch_seq = x.seq and p.state = 'dispatching' and p.publish_id is null and p.submit_started_at is null
           and not exists (select 1 from workspaces w where w.id = p.workspace_id and w.paused)
           and exists (select 1 from posts po where po.id = p.post_id and po.status = 'approved' and po.version = p.prepared_version)
         returning p.id`,
        [batch.flatMap((b) => b.ids), batch.flatMap((b) => b.seqs)],
      );
      const fenced = new Set((r.rows as { id: string }[]).map((x) => x.id));
      for (const b of batch) b.done(fenced);
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

type SubmitResult = { t: Target; ms: number } & ({ r: { publishId: string; msgDataId: string | null } } | { e: unknown });

async function recordSubmits(deps: Deps, results: SubmitResult[], retry: DispatchItem[]) {
  if (!results.length) return;
  const exec = raw(deps);
  const ok = results.filter((x) => 'r' in x) as { t: Target; r: { publishId: string; msgDataId: string | null }; ms: number }[];
  const bad = results.filter((x) => 'e' in x) as { t: Target; e: unknown; ms: number }[];
  const attempts: AttemptRow[] = ok.map(({ t, r, ms }) => ({ t, step: 'submit', outcome: 'ok', ms, response: r }));
  await deps.db.transaction(async (tx) => {
    const txExec = bossDb(tx).executeSql;
    if (ok.length) {
      await txExec(
        `update publications p set state = 'submitted', publish_id = x.pid, msg_data_id = x.mid, submitted_at = now(),
           state_reason = null, last_error_code = null, updated_at = now()
         from unnest($1::uuid[], $2::text[], $3::text[], $4::int[]) as x(id, pid, mid, seq)
         where p.id = x.id and p.dispatch_seq = x.seq`,
        [ok.map((o) => o.t.pub.id), ok.map((o) => o.r.publishId), ok.map((o) => o.r.msgDataId), ok.map((o) => o.t.pub.dispatchSeq)],
      );
      await queuePoll(
        deps,
        ok.map((o) => o.t.pub.id),
        tx,
      );
    }
    await insertAttempts(txExec, attempts);
  });

  for (const { t, e, ms } of bad) {
    const d = describeError(e);
    const unknown = (e as { kind?: string }).kind === 'unknown_outcome';
    await insertAttempts(exec, [{ t, step: 'submit', outcome: unknown ? 'unknown' : 'error', ms, code: d.code, message: d.message }]);
    if (unknown) {
      await exec('update publications set state_reason = $2, last_error_code = $3 where id = $1', [
        t.pub.id,
        `提交结果未知，正在与平台核对 / outcome unknown, reconciling with the platform: ${d.message}`,
        d.code,
      ]);
      retry.push({ publicationId: t.pub.id, seq: t.pub.dispatchSeq });
    } else {
      // Refused for sure: nothing went out, so a later dispatch may submit again.
      await exec('update publications set submit_started_at = null where id = $1', [t.pub.id]);
      await handleStepError(deps, t, e);
    }
  }
}

/**
 * Asks the platform about many submitted publications at once and records the final ones in
 * one transaction; those still publishing are asked again in one follow-up job.
 */
export async function runPollBatch(deps: Deps, ids: string[]): Promise<void> {
  const targets = await loadTargets(deps.db, ids);
  const live = [...targets.values()].filter((t) => t.pub.state === 'submitted' && t.pub.publishId);
  const publisherOf = publishers(deps);
  const results = await Promise.all(
    live.map(async (t) => {
      const started = performance.now();
      try {
        const s = await quickRetry(() => publisherOf(t).status(t.pub.publishId as string));
        return { t, s, ms: performance.now() - started };
      } catch (e) {
        return { t, e, ms: performance.now() - started };
      }
    }),
  );
  const again: string[] = [];
  const attention: { t: Target; code: string; reason: string }[] = [];
  const attempts: AttemptRow[] = [];
  const finals: { t: Target; state: string; articleId: string | null; url: string | null; code: string | null; reason: string | null }[] = [];
  for (const x of results) {
    if ('e' in x) {
      const d = describeError(x.e);
      attempts.push({ t: x.t, step: 'poll', outcome: 'error', ms: x.ms, code: d.code, message: d.message });
      if (isRetryable(x.e)) again.push(x.t.pub.id);
      else attention.push({ t: x.t, code: d.code, reason: d.message });
      continue;
    }
    const s = x.s;
    if (s.state === 'publishing') {
      if (Date.now() - (x.t.pub.submittedAt?.getTime() ?? 0) > POLL_GIVE_UP_MS) {
        attention.push({ t: x.t, code: 'publishing', reason: '平台一小时内未给出结果 / the platform gave no result within an hour' });
      } else again.push(x.t.pub.id);
      continue;
    }
    const published = s.state === 'published';
    finals.push({
      t: x.t,
      state: s.state,
      articleId: published ? s.articleId : null,
      url: published ? s.url : null,
      code: published ? null : s.code,
      reason: published ? null : s.reason,
    });
    attempts.push({
      t: x.t,
      step: 'poll',
      outcome: published ? 'ok' : 'error',
      ms: x.ms,
      code: published ? null : s.code,
      message: published ? null : s.reason,
      response: s,
    });
  }
  await deps.db.transaction(async (tx) => {
    const txExec = bossDb(tx).executeSql;
    if (finals.length) {
      await txExec(
        `update publications p set state = x.state, article_id = x.aid, article_url = x.url, last_error_code = x.code, state_reason = x.reason,
           published_at = case when x.state = 'published' then now() else p.published_at end, updated_at = now()
         from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) as x(id, state, aid, url, code, reason)
         where p.id = x.id and p.state = 'submitted'`,
        [
          finals.map((f) => f.t.pub.id),
          finals.map((f) => f.state),
          finals.map((f) => f.articleId),
          finals.map((f) => f.url),
          finals.map((f) => f.code),
          finals.map((f) => f.reason),
        ],
      );
    }
    await insertAttempts(txExec, attempts);
    if (again.length) {
      await queuePoll(deps, again, tx);
    }
  });
  for (const a of attention) await fail(deps, a.t, a.code, a.reason, 'needs_attention');
}
