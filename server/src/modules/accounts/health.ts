import { sql } from 'drizzle-orm';
import type { Deps } from '../../context';
import { iso } from '../../lib/time';
import type { Actor } from '../identity/audit';

const DAY = 86400_000;
export const EXPIRY_WARNING_DAYS = 30;

/**
 * One row per account: are the credentials working, is verification (认证) about to lapse,
 * and is the account keeping its planned cadence or going quiet.
 */
export async function accountHealth(deps: Deps, actor: Actor) {
  const r = await deps.db.execute(sql`
    select a.id, a.name, a.platform, a.credentials_sealed is not null as has_creds, a.last_check_ok,
           a.verification, a.verification_expires_on, a.cadence_per_week,
           (a.verification_expires_on - (now() at time zone w.timezone)::date)::int as expires_in_days,
           max(p.published_at) as last_published_at,
           count(p.id) filter (where p.published_at > now() - interval '7 days')::int as last7
    from platform_accounts a
    join workspaces w on w.id = a.workspace_id
    left join publications p on p.account_id = a.id and p.state = 'published'
    where a.workspace_id = ${actor.workspaceId} and a.archived_at is null
    group by a.id, w.timezone
    order by a.name`);
  const now = Date.now();
  return (r.rows as Record<string, unknown>[]).map((a) => {
    const issues: string[] = [];
    // Calendar days in the workspace's time zone: "expires in 10 days" must not turn into 9 at 16:00 UTC.
    const expiresInDays = (a.expires_in_days as number | null) ?? null;
    const last = a.last_published_at ? new Date(a.last_published_at as string) : null;
    const daysSince = last ? Math.floor((now - last.getTime()) / DAY) : null;
    const cadence = (a.cadence_per_week as number | null) ?? null;
    if (!a.has_creds && a.platform === 'wechat_oa') issues.push('no_credentials');
    if (a.last_check_ok === false) issues.push('connection_failed');
    if (a.verification === 'unverified') issues.push('unverified');
    if (a.verification === 'expired' || (expiresInDays != null && expiresInDays < 0)) issues.push('verification_expired');
    else if (expiresInDays != null && expiresInDays <= EXPIRY_WARNING_DAYS) issues.push('verification_expiring');
    // Quiet: more than twice the planned gap between posts has passed since the last one.
    if (cadence && cadence > 0) {
      const gapDays = 7 / cadence;
      if (daysSince == null || daysSince > Math.max(1, 2 * gapDays)) issues.push('quiet');
    }
    return {
      accountId: a.id as string,
      name: a.name as string,
      platform: a.platform as never,
      credentialsOk: (a.last_check_ok as boolean | null) ?? null,
      verificationExpiresInDays: expiresInDays,
      lastPublishedAt: iso(last),
      daysSinceLastPost: daysSince,
      postsLast7Days: a.last7 as number,
      cadencePerWeek: cadence,
      issues: issues as never[],
    };
  });
}
