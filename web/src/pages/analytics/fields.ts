import type { MetricField } from '../../types';

/** The figures of a post's day, in the order the forms and tables show them (contract/analytics.ts). */
export const METRIC_FIELDS = ['views', 'likes', 'comments', 'shares', 'favorites', 'zaikan', 'followersGained'] as const satisfies readonly MetricField[];

// Every field of the contract is listed above: this fails to compile when one is added there only.
const complete: Exclude<MetricField, (typeof METRIC_FIELDS)[number]> extends never ? true : never = true;
void complete;

/** A figure as people read it: thousands separated, unknown as a dash (not 0). */
export function formatFigure(v: number | null | undefined, lang: string): string {
  if (v === null || v === undefined) return '—';
  return v.toLocaleString(lang.startsWith('zh') ? 'zh-CN' : 'en-US');
}
