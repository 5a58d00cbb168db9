import { describe, expect, it } from 'vitest';
import { cadenceStatus } from './health';

describe('cadenceStatus', () => {
  it('needs a target', () => {
    expect(cadenceStatus({ cadencePerWeek: null, daysSinceLastPost: 30, postsLast7Days: 0 })).toBe('no_target');
    expect(cadenceStatus({ cadencePerWeek: 0, daysSinceLastPost: 30, postsLast7Days: 0 })).toBe('no_target');
  });
  it('flags accounts that never posted', () => {
    expect(cadenceStatus({ cadencePerWeek: 3, daysSinceLastPost: null, postsLast7Days: 0 })).toBe('never');
  });
  it('compares the gap and the week with the cadence', () => {
    expect(cadenceStatus({ cadencePerWeek: 3, daysSinceLastPost: 2, postsLast7Days: 3 })).toBe('on_track');
    expect(cadenceStatus({ cadencePerWeek: 3, daysSinceLastPost: 4, postsLast7Days: 3 })).toBe('behind');
    expect(cadenceStatus({ cadencePerWeek: 3, daysSinceLastPost: 1, postsLast7Days: 1 })).toBe('behind');
    expect(cadenceStatus({ cadencePerWeek: 1, daysSinceLastPost: 7, postsLast7Days: 1 })).toBe('on_track');
  });
});
