// The dashboard queries of one workspace, each run `runs` times after one warm-up, timed one at a
// time (p50 / p95 / max of the wall time of the whole call: SQL and shaping).
import type { Executor } from '../../server/src/db/pool';
import { bestTime } from '../../server/src/modules/analytics/best-time';
import { postPage } from '../../server/src/modules/analytics/dashboard-post';
import { audience, overview } from '../../server/src/modules/analytics/dashboard-overview';
import { contentAnalysis, rankPosts } from '../../server/src/modules/analytics/dashboard-posts';
import { pct } from '../publish-lib/util';

export interface Timed {
  name: string;
  p50: number;
  p95: number;
  max: number;
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
    ['one account: best time', () => bestTime(db, ws.id, ws.accountId, new Date(`${period.to}T12:00:00Z`))],
    ['one post page', () => postPage(db, ws.id, ws.postId, period)],
  ];
  const out: Timed[] = [];
  for (const [name, run] of queries) {
    await run();
    const ms: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      await run();
      ms.push(performance.now() - t);
    }
    ms.sort((a, b) => a - b);
    out.push({ name, p50: pct(ms, 50), p95: pct(ms, 95), max: ms[ms.length - 1] });
  }
  return out;
}
