import { describe, expect, it } from 'vitest';
import { formatDelta, formatFigure, linkOf } from './model';

describe('scorecard figures as shown', () => {
  it('reads rates as percentages, ratios with ×, unknown as —', () => {
    expect(formatFigure('onTimeRate', 0.75)).toBe('75%');
    expect(formatFigure('engagementVsAccount', 0.67)).toBe('0.67×');
    expect(formatFigure('tasksDone', null)).toBe('—');
    expect(formatFigure('postsShipped', 4)).toBe('4');
  });
  it('signs the change; a rate moves in points', () => {
    expect(formatDelta('postsShipped', 3)).toBe('+3');
    expect(formatDelta('onTimeRate', -0.25)).toBe('-25 pt');
    expect(formatDelta('repliesSent', 0)).toBe('±0');
    expect(formatDelta('approvalRounds', null)).toBe('');
  });
  it('opens publications, posts and inbox items; replies and tasks have no page', () => {
    expect(linkOf('onTimeRate', 'p1')).toBe('/publications/p1');
    expect(linkOf('approvalRounds', 'x')).toBe('/posts/x');
    expect(linkOf('medianFirstResponseMinutes', 'i')).toBe('/inbox?item=i');
    expect(linkOf('repliesSent', 'r')).toBeNull();
  });
});
