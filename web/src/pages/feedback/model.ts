// What the 反馈 page decides without the server: the status buttons an item shows (the same table
// the server checks, contract/feedback-flow.ts), whether a change needs a resolution note, the
// list's query from the URL's filters, and the export links.
import { API_BASE, toQueryString } from '../../api';
import { FEEDBACK_CLOSED, FEEDBACK_NEXT, FEEDBACK_STATUSES, type FeedbackStatus } from '../../../../contract/feedback-flow';
import type { FeedbackPriority, FeedbackType } from '../../types';

export { FEEDBACK_STATUSES, type FeedbackStatus };
export const FEEDBACK_TYPES = ['bug', 'suggestion', 'complaint', 'praise'] as const satisfies readonly FeedbackType[];
export const FEEDBACK_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const satisfies readonly FeedbackPriority[];
export const FILTER_KEYS = ['type', 'area', 'status', 'priority', 'department', 'q', 'from', 'to'] as const;

/** The buttons of an item in this status: where it may go next, reopen last. */
export function nextStatuses(status: FeedbackStatus): readonly FeedbackStatus[] {
  return FEEDBACK_NEXT[status];
}

/** Resolving or closing asks for the note the inbox will answer the user with. */
export const needsNote = (to: FeedbackStatus) => FEEDBACK_CLOSED.includes(to);

/** The list's query: the URL's filters that are set, and the page. */
export function listQuery(filters: Partial<Record<(typeof FILTER_KEYS)[number], string>>, page: number, pageSize: number) {
  const q: Record<string, string | number> = { page, pageSize };
  for (const k of FILTER_KEYS) {
    const v = filters[k]?.trim();
    if (v) q[k] = v;
  }
  return q;
}

export type StatsBy = 'month' | 'type' | 'area' | 'status';

/** The file download of one statistics table in the range. */
export const exportHref = (by: StatsBy, format: 'csv' | 'xlsx', range: { from?: string; to?: string }) =>
  `${API_BASE}/feedback/stats/export${toQueryString({ from: range.from, to: range.to, by, format })}`;
