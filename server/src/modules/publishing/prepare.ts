import type { Deps } from '../../context';
import { bossDb } from '../../jobs/boss';
import type { Prepared, PlatformAdapter } from '../../platforms/adapter';
import { type AttemptRow, insertAttempts, publishers, raw } from './batch';
import { describeError, quickRetry } from './attempts';
import { routeOf } from './manual';
import { loadTargets, publishInput, type Target } from './target';

/**
 * Ahead of the due time, for many publications at once: upload each cover once per account
 * (then reuse the platform's id from `platform_media`), create the drafts side by side, and
 * store the results in one statement, so the due minute only submits. A failure here is not
 * final: the dispatch at the due time prepares again and decides.
 */
export async function runPrepareBatch(deps: Deps, ids: string[]): Promise<void> {
  const targets = [...(await loadTargets(deps.db, ids)).values()].filter(
    // Only the API route drafts ahead; the others are prepared at their time (manual.ts).
    (t) => t.pub.state === 'scheduled' && t.post.status === 'approved' && t.pub.preparedVersion !== t.post.version && routeOf(t.account) === 'api',
  );
  if (!targets.length) return;
  const exec = raw(deps);
  const coverOf = (t: Target) => t.post.coverMediaId;
  const cached = new Map(
    (
      (
        await exec(
          `select c.account_id, c.media_id, c.remote_id from platform_media c
           join unnest($1::uuid[], $2::uuid[]) as x(a, m) on c.account_id = x.a and c.media_id = x.m`,
          [targets.map((t) => t.account.id), targets.map((t) => coverOf(t))],
        )
      ).rows as { account_id: string; media_id: string; remote_id: string }[]
    ).map((r) => [`${r.account_id}:${r.media_id}`, r.remote_id]),
  );

  const publisherOf = publishers(deps);
  const attempts: AttemptRow[] = [];
  const done: { t: Target; p: Prepared }[] = [];

  const prepareOne = async (t: Target, cover: string | null): Promise<Prepared | null> => {
    const started = performance.now();
    try {
      const p = await prepareReusingCover(deps, publisherOf(t), t, cover);
      attempts.push({ t, step: 'prepare', outcome: 'ok', ms: performance.now() - started, response: p });
      done.push({ t, p });
      return p;
    } catch (e) {
      attempts.push({ t, step: 'prepare', outcome: 'error', ms: performance.now() - started, ...describeError(e) });
      return null;
    }
  };

  // One group per (account, cover): the first uploads the cover (unless cached), the rest reuse it.
  const groups = new Map<string, Target[]>();
  for (const t of targets) {
    const key = `${t.account.id}:${coverOf(t)}`;
    groups.set(key, [...(groups.get(key) ?? []), t]);
  }
  await Promise.all(
    [...groups.entries()].map(async ([key, [first, ...rest]]) => {
      const known = cached.get(key) ?? first.pub.coverRemoteId;
      const p = await prepareOne(first, known);
      await Promise.all(rest.map((t) => prepareOne(t, p?.coverRemoteId ?? known)));
    }),
  );

  await deps.db.transaction(async (tx) => {
    const txExec = bossDb(tx).executeSql;
    if (done.length) {
      // Also while being dispatched, as long as nothing was sent: the work is not thrown away.
      await txExec(
        `update publications p set cover_remote_id = x.cover, draft_remote_id = x.draft, prepared_version = x.version, content_fingerprint = x.fp
         from unnest($1::uuid[], $2::text[], $3::text[], $4::int[], $5::text[]) as x(id, cover, draft, version, fp)
         where p.id = x.id and p.state in ('scheduled', 'dispatching') and p.submit_started_at is null
           and p.prepared_version is distinct from x.version`,
        [done.map((d) => d.t.pub.id), done.map((d) => d.p.coverRemoteId), done.map((d) => d.p.draftRemoteId), done.map((d) => d.t.post.version), done.map((d) => d.p.fingerprint)],
      );
      const uploads = done.filter((d) => d.p.coverRemoteId && coverOf(d.t));
      await txExec(
        `insert into platform_media (account_id, media_id, remote_id)
         select distinct on (a, m) a, m, r from unnest($1::uuid[], $2::uuid[], $3::text[]) as x(a, m, r)
         on conflict (account_id, media_id) do update set remote_id = excluded.remote_id, uploaded_at = now()
           where platform_media.remote_id <> excluded.remote_id`,
        [uploads.map((d) => d.t.account.id), uploads.map((d) => coverOf(d.t)), uploads.map((d) => d.p.coverRemoteId)],
      );
    }
    await insertAttempts(txExec, attempts);
  });
}

/** Prepares with a cover uploaded earlier (the adapter uploads it again if the platform lost it). */
export function prepareReusingCover(deps: Deps, adapter: PlatformAdapter, t: Target, cover: string | null): Promise<Prepared> {
  return quickRetry(async () => adapter.prepare(await publishInput(deps, t), { coverRemoteId: cover }));
}

/** The platform id of this cover if it was already uploaded to the account. */
export async function cachedCover(deps: Deps, accountId: string, mediaId: string | null): Promise<string | null> {
  if (!mediaId) return null;
  const r = await raw(deps)('select remote_id from platform_media where account_id = $1 and media_id = $2', [accountId, mediaId]);
  return (r.rows[0] as { remote_id: string } | undefined)?.remote_id ?? null;
}

export async function rememberCover(deps: Deps, accountId: string, mediaId: string | null, remoteId: string | null) {
  if (!mediaId || !remoteId?.startsWith(`${mediaId}:`)) return;
  await raw(deps)(
    `insert into platform_media (account_id, media_id, remote_id) values ($1, $2, $3)
     on conflict (account_id, media_id) do update set remote_id = excluded.remote_id, uploaded_at = now()`,
    [accountId, mediaId, remoteId],
  );
}
