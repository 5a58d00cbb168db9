// The dashboard queries of one workspace, each run `runs` times after one warm-up, timed one at a
// time (p50 / p95 / max of the wall time of the whole call: SQL and shaping).
import type { Executor } from '../../server/src/db/pool';
import { bestTime } from '../../server/src/modules/analytics/best-time';
import { postPage } from '../../server/src/modules/analytics/dashboard-post';
import { audience, overview } from '../../server/src/modules/analytics/dashboard-overview';
import { contentAnalysis, rankPosts } from '../../server/src/modules/analytics/dashboard-posts';
import { goalReportProviders } from '../../server/src/modules/goals/report-providers';
import { buildReportData } from '../../server/src/modules/reports/data';
import { writeFindings } from '../../server/src/modules/reports/findings';
import { reportPdf } from '../../server/src/modules/reports/pdf';
import { reportXlsx } from '../../server/src/modules/reports/xlsx';
import { pct } from '../publish-lib/util';

export interface Timed {
  name: string;
  p50: number;
  p95: number;
  max: number;
}

/** p50 / p95 / max of `runs` calls after one warm-up. */
async function timed(name: string, run: () => Promise<unknown>, runs: number): Promise<Timed> {
  await run();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await run();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { name, p50: pct(ms, 50), p95: pct(ms, 95), max: ms[ms.length - 1] };
}

/**
 * The monthly report of the workspace, as the report job builds it (report-build in
 * modules/reports/build.ts) without storing the files: its data (SQL aggregates, goals at risk and
 * quiet accounts), the findings, the xlsx and the PDF.
 */
export function timeMonthlyReport(db: Executor, ws: { id: string }, monthStart: string, runs: number): Promise<Timed> {
  return timed(
    `monthly report ${monthStart.slice(0, 7)} (data, findings, xlsx, PDF)`,
    async () => {
      const input = { workspaceId: ws.id, workspaceName: 'bench', timezone: 'Asia/Shanghai', accountId: null, period: 'month' as const, start: monthStart };
      const data = await buildReportData(db, input, goalReportProviders);
      const findings = writeFindings(data);
      await reportXlsx(data, findings);
      await reportPdf(data, findings);
    },
    runs,
  );
}

export async function timeDashboards(db: Executor, ws: { id: string; accountId: string; postId: string }, period: { from: string; to: string }, runs: number): Promise<Timed[]> {
  const s = { workspaceId: ws.id };
  const queries: [string, () => Promise<unknown>][] = [
    ['overview, by day', () => overview(db, s, period, 'day')],
    ['overview, by week', () => overview(db, s, period, 'week')],
    ['audience growth, by week', () => audience(db, s, period, 'week')],
    ...(['topic', 'pillar', 'format', 'author', 'weekday', 'hour', 'platform'] as const).map(
      (by) => [`content analysis by ${by}`, () => contentAnalysis(db, s, period, by)] as [string, () => Promise<unknown>],
    ),
    ['top posts by views', () => rankPosts(db, s, period, { sort: 'views', order: 'desc', limit: 20 })],
    ['bottom posts by engagement', () => rankPosts(db, s, period, { sort: 'engagement', order: 'asc', limit: 20 })],
    ['one account: overview', () => overview(db, { ...s, accountId: ws.accountId }, period, 'day')],
    ['one account: content analysis by topic', () => contentAnalysis(db, { ...s, accountId: ws.accountId }, period, 'topic')],
    ['one account: top posts by views', () => rankPosts(db, { ...s, accountId: ws.accountId }, period, { sort: 'views', order: 'desc', limit: 20 })],
    ['one account: best time', () => bestTime(db, ws.id, ws.accountId, new Date(`${period.to}T12:00:00Z`))],
    ['one post page', () => postPage(db, ws.id, ws.postId, period)],
  ];
  const out: Timed[] = [];
  for (const [name, run] of queries) out.push(await timed(name, run, runs));
  return out;
}
