import type { AccountHealth } from '../../types';

export type CadenceStatus = 'no_target' | 'on_track' | 'behind' | 'never';

/**
 * Whether an account keeps its weekly cadence: behind when the last post is older than the
 * gap the cadence allows (7 / cadence days, rounded up) or the last 7 days fell short.
 */
export function cadenceStatus(h: Pick<AccountHealth, 'cadencePerWeek' | 'daysSinceLastPost' | 'postsLast7Days'>): CadenceStatus {
  if (!h.cadencePerWeek) return 'no_target';
  if (h.daysSinceLastPost === null) return 'never';
  const allowedGap = Math.ceil(7 / h.cadencePerWeek);
  if (h.daysSinceLastPost > allowedGap || h.postsLast7Days < h.cadencePerWeek) return 'behind';
  return 'on_track';
}

export interface HealthSummary {
  total: number;
  withIssues: number;
  credentialProblems: number;
  verificationSoon: number;
  behind: number;
}

export function summarize(list: AccountHealth[]): HealthSummary {
  return {
    total: list.length,
    withIssues: list.filter((h) => h.issues.length > 0).length,
    credentialProblems: list.filter((h) => h.issues.includes('no_credentials') || h.issues.includes('connection_failed')).length,
    verificationSoon: list.filter((h) => h.issues.includes('verification_expiring') || h.issues.includes('verification_expired')).length,
    behind: list.filter((h) => cadenceStatus(h) === 'behind' || cadenceStatus(h) === 'never').length,
  };
}
