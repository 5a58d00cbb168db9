// What the team pages decide without the server: how each scorecard figure reads, its change
// against the previous period, and where the items behind it are opened.
import type { FigureKey } from '../../../../contract/team';

export const FIGURES = [
  'postsShipped',
  'onTimeRate',
  'approvalRounds',
  'engagementVsAccount',
  'repliesSent',
  'medianFirstResponseMinutes',
  'tasksDone',
  'tasksOnTime',
] as const satisfies readonly FigureKey[];

const PERCENT: FigureKey[] = ['onTimeRate'];
const RATIO: FigureKey[] = ['engagementVsAccount'];

/** A figure as shown: "—" when unknown (no items, or a source not wired yet). */
export function formatFigure(key: FigureKey, v: number | null): string {
  if (v == null) return '—';
  if (PERCENT.includes(key)) return `${(v * 100).toLocaleString(undefined, { maximumFractionDigits: 1 })}%`;
  if (RATIO.includes(key)) return `${v.toLocaleString(undefined, { maximumFractionDigits: 2 })}×`;
  return v.toLocaleString(undefined, { maximumFractionDigits: 2 });
}

/** The change against the previous period, signed ("+3", "-25 pt"), or "" when unknown. */
export function formatDelta(key: FigureKey, d: number | null): string {
  if (d == null || d === 0) return d === 0 ? '±0' : '';
  const sign = d > 0 ? '+' : '';
  if (PERCENT.includes(key)) return `${sign}${(d * 100).toLocaleString(undefined, { maximumFractionDigits: 1 })} pt`;
  return `${sign}${d.toLocaleString(undefined, { maximumFractionDigits: 2 })}`;
}

/** Lower is better for these: a rise is shown as a worsening. */
export const LOWER_IS_BETTER: FigureKey[] = ['approvalRounds', 'medianFirstResponseMinutes'];

/** Where an id behind a figure opens, or null when it has no page of its own. */
export function linkOf(key: FigureKey, id: string): string | null {
  switch (key) {
    case 'postsShipped':
    case 'onTimeRate':
    case 'engagementVsAccount':
      return `/publications/${id}`;
    case 'approvalRounds':
      return `/posts/${id}`;
    case 'medianFirstResponseMinutes':
      return `/inbox?item=${id}`;
    default:
      return null;
  }
}
