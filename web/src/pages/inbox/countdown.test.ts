import { describe, expect, it } from 'vitest';
import { formatLeft } from './countdown';

describe('formatLeft', () => {
  it('shows hours, minutes and seconds, hours past a day included', () => {
    expect(formatLeft((23 * 3600 + 14 * 60 + 5) * 1000 + 999)).toBe('23:14:05');
    expect(formatLeft(48 * 3_600_000 - 1000)).toBe('47:59:59');
    expect(formatLeft(61_000)).toBe('00:01:01');
  });
  it('never goes below zero', () => {
    expect(formatLeft(-5000)).toBe('00:00:00');
  });
});
