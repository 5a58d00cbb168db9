import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import type { LinkedPost, RequestType } from '../../types';
import { nextStatuses, stageKey, submission } from './model';

const type: RequestType = {
  id: '00000000-0000-4000-8000-000000000001',
  name: '推广需求',
  description: '',
  ownerId: null,
  ownerName: null,
  dueDays: 5,
  archived: false,
  fields: [
    { key: 'goal', label: '推广目的', kind: 'long_text', required: true, options: [] },
    { key: 'go_live', label: '上线日期', kind: 'date', required: true, options: [] },
    { key: 'budget', label: '预算', kind: 'number', required: false, options: [] },
    { key: 'page', label: '页面', kind: 'link', required: false, options: [] },
  ],
};
const post = (stage: LinkedPost['stage']): LinkedPost => ({
  id: type.id,
  title: 'x',
  status: 'approved',
  scheduledAt: null,
  stage,
  publishedAt: null,
  states: [],
});

describe('requests page model', () => {
  it('sends the form as the server expects: a date as YYYY-MM-DD, numbers kept, empty answers left out, the title trimmed', () => {
    const body = submission(type, {
      title: ' 春季推广 ',
      'answers.goal': '拉新',
      'answers.go_live': dayjs('2026-03-20'),
      'answers.budget': 5000,
      'answers.page': '',
    });
    expect(body).toEqual({ typeId: type.id, title: '春季推广', answers: { goal: '拉新', go_live: '2026-03-20', budget: 5000 } });
  });
  it('offers the next statuses of the flow; closed requests offer none', () => {
    expect(nextStatuses('submitted')).toEqual(['accepted', 'declined']);
    expect(nextStatuses('done')).toEqual([]);
    expect(nextStatuses('declined')).toEqual([]);
  });
  it('shows 已发布 for a published post, 已排期 for a scheduled one, else the post status', () => {
    expect(stageKey(post('published'))).toBe('requests.stage.published');
    expect(stageKey(post('scheduled'))).toBe('requests.stage.scheduled');
    expect(stageKey(post('in_review'))).toBe('postStatus.in_review');
  });
});
