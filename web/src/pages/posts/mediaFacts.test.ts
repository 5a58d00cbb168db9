import { describe, expect, it } from 'vitest';
import { formatDuration, mediaFacts } from './mediaFacts';

describe('media facts', () => {
  it('shows size, resolution and duration, leaving out what is unknown', () => {
    expect(mediaFacts({ size: 17.5 * 1024 * 1024, width: 640, height: 360, durationMs: 3000 })).toBe('17.5 MB · 640×360 · 0:03');
    expect(mediaFacts({ size: 2048, width: null, height: null, durationMs: null })).toBe('2.0 KB');
    expect(formatDuration(3_725_400)).toBe('1:02:05');
  });
});
