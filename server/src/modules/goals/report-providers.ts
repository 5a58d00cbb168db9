// What the 周报/月报 says about goals and cadence: the goals at risk at the report's end and the
// accounts flagged quiet or behind their plan (reports/data.ts asks through ReportProviders).
import type { Executor } from '../../db/pool';
import type { ReportProviders } from '../reports/data';
import { rowsOf } from './cadence';
import { progressOf } from './progress';
import { listGoals, timezoneOf } from './repository';

const total = (c: Record<string, number | undefined> | null) => Object.values(c ?? {}).reduce<number>((a, n) => a + (n ?? 0), 0);
/** The end of the report's last day, as the moment the goals and cadence are looked at. */
const endOf = (day: string) => new Date(`${day}T23:59:59Z`);

export const goalReportProviders: ReportProviders = {
  async goalsAtRisk(ex: Executor, s, range) {
    const tz = await timezoneOf(ex, s.workspaceId);
    const out = [];
    for (const g of await listGoals(ex, s.workspaceId)) {
      if (s.accountId && g.accountId !== s.accountId) continue;
      const p = await progressOf(ex, g, tz, endOf(range.end));
      if (p.state === 'at_risk') out.push({ name: g.name, progress: p.progress, target: g.target, forecast: p.forecast?.value ?? null });
    }
    return out;
  },
  async quietAccounts(ex: Executor, s, range) {
    const rows = await rowsOf(ex, s.workspaceId, endOf(range.end));
    return rows
      .filter((r) => r.flags.length && (!s.accountId || r.accountId === s.accountId))
      .map((r) => ({ accountId: r.accountId, name: r.accountName, planned: total(r.planned), published: total(r.lastWeek) }));
  },
};
