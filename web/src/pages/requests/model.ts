// Pure helpers of the requests pages (zod-free, shared with the unit tests).
import type { LinkedPost, RequestStatus, RequestType } from '../../types';

export const REQUEST_STATUSES: RequestStatus[] = ['submitted', 'accepted', 'in_progress', 'done', 'declined'];
export const FILTER_KEYS = ['status', 'typeId', 'q', 'mine', 'overdue'] as const;
export const STATUS_COLOR: Record<RequestStatus, string> = {
  submitted: 'gold',
  accepted: 'blue',
  in_progress: 'processing',
  done: 'green',
  declined: 'default',
};

/** As the server's REQUEST_NEXT (contract/requests.ts): the buttons a worker is offered. */
const NEXT: Record<RequestStatus, RequestStatus[]> = {
  submitted: ['accepted', 'declined'],
  accepted: ['in_progress', 'done', 'declined'],
  in_progress: ['done', 'declined'],
  done: [],
  declined: [],
};
export const nextStatuses = (s: RequestStatus) => NEXT[s];

/** The post's stage as a locale key: 已发布 once it went out, 已排期, else the post's own status. */
export const stageKey = (p: LinkedPost) =>
  p.stage === 'published' ? 'requests.stage.published' : p.stage === 'scheduled' ? 'requests.stage.scheduled' : `postStatus.${p.stage}`;

/** The body of a submission from the form's flat values (`answers.<key>`): empty answers left out. */
export function submission(type: RequestType, values: Record<string, unknown>) {
  const answers: Record<string, string | number> = {};
  for (const f of type.fields) {
    const v = values[`answers.${f.key}`];
    if (v === undefined || v === null || v === '') continue;
    answers[f.key] =
      typeof v === 'object' && 'format' in (v as object) ? (v as { format: (s: string) => string }).format('YYYY-MM-DD') : (v as string | number);
  }
  return { typeId: type.id, title: String(values.title ?? '').trim(), answers };
}

/** A listed answer as text: a number as typed, anything else as is. */
export const answerText = (v: string | number | undefined) => (v === undefined ? '—' : String(v));
