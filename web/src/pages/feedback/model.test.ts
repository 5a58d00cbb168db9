import { describe, expect, it } from 'vitest';
import { exportHref, listQuery, needsNote, nextStatuses } from './model';

describe('nextStatuses', () => {
  it('goes forward, skipping steps, and a closed item only reopens', () => {
    expect(nextStatuses('new')).toEqual(['acknowledged', 'in_progress', 'resolved', 'wont_fix']);
    expect(nextStatuses('in_progress')).toEqual(['resolved', 'wont_fix']);
    expect(nextStatuses('resolved')).toEqual(['in_progress']);
    expect(nextStatuses('wont_fix')).toEqual(['in_progress']);
  });
});

describe('needsNote', () => {
  it('asks for the resolution note when resolving or closing only', () => {
    expect(needsNote('resolved')).toBe(true);
    expect(needsNote('wont_fix')).toBe(true);
    expect(needsNote('acknowledged')).toBe(false);
    expect(needsNote('in_progress')).toBe(false);
  });
});

describe('listQuery', () => {
  it('keeps the filters that are set, trimmed, with the page', () => {
    expect(listQuery({ type: 'bug', area: '  支付 ', q: ' ', department: 'none' }, 2, 50)).toEqual({
      page: 2,
      pageSize: 50,
      type: 'bug',
      area: '支付',
      department: 'none',
    });
  });
});

describe('exportHref', () => {
  it('names the table, the format and the range', () => {
    expect(exportHref('month', 'xlsx', { from: '2026-01-01', to: '2026-04-30' })).toBe(
      '/api/v1/feedback/stats/export?from=2026-01-01&to=2026-04-30&by=month&format=xlsx',
    );
    expect(exportHref('type', 'csv', {})).toBe('/api/v1/feedback/stats/export?by=type&format=csv');
  });
});
