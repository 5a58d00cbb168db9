// Final results (published or failed) of submitted publications, from a status poll, a push, or
// a synchronous platform's answer to the submit itself.

import type { Deps } from '../../context';
import { bossDb } from '../../jobs/boss';
import type { RemoteStatus } from '../../platforms/adapter';
import type { Target } from './target';

export interface Final {
  t: Target;
  status: Exclude<RemoteStatus, { state: 'publishing' }>;
}

/**
 * Writes final results (published or failed) of submitted publications in one statement; `from`
 * names the state they must still be in (a hand-off post waits as awaiting_manual). Answers how
 * many were written.
 */
export async function recordFinals(deps: Deps, tx: Parameters<typeof bossDb>[0], finals: Final[], from: 'submitted' | 'awaiting_manual' = 'submitted'): Promise<number> {
  if (!finals.length) return 0;
  const published = (f: Final) => f.status.state === 'published';
  const r = await bossDb(tx).executeSql(
    `update publications p set state = x.state, article_id = coalesce(x.aid, p.article_id), article_url = coalesce(x.url, p.article_url),
       last_error_code = x.code, state_reason = x.reason,
       published_at = case when x.state = 'published' then now() else p.published_at end, updated_at = now()
     from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) as x(id, state, aid, url, code, reason)
     where p.id = x.id and p.state = $7
     returning p.id`,
    [
      finals.map((f) => f.t.pub.id),
      finals.map((f) => f.status.state),
      finals.map((f) => (f.status.state === 'published' ? f.status.articleId : null)),
      finals.map((f) => (f.status.state === 'published' ? f.status.url : null)),
      finals.map((f) => (published(f) ? null : (f.status as { code: string }).code)),
      finals.map((f) => (published(f) ? null : (f.status as { reason: string }).reason)),
      from,
    ],
  );
  return r.rows.length;
}

/** The final outcome a synchronous platform answered with its submit, if it did. */
export function finalOf(t: Target, r: { status?: RemoteStatus }): Final | null {
  return r.status && r.status.state !== 'publishing' ? { t, status: r.status } : null;
}
