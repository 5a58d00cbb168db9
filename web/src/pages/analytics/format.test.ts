import { describe, expect, it } from 'vitest';
import { change, formatRate, formatReads, lastDays } from './format';

describe('formatReads', () => {
  it('shows a WeChat article at the cap as 10万+, as WeChat does', () => {
    expect(formatReads(100001, 'wechat_oa', 'zh-CN')).toBe('10万+');
    expect(formatReads(250000, 'wechat_oa', 'en')).toBe('10万+');
  });
  it('shows the number below the cap, and on other platforms whatever its size', () => {
    expect(formatReads(100000, 'wechat_oa', 'zh-CN')).toBe('100,000');
    expect(formatReads(100001, 'douyin', 'en')).toBe('100,001');
    expect(formatReads(null, 'wechat_oa', 'zh-CN')).toBe('—');
  });
});

describe('rates and changes', () => {
  it('formats a rate as a percentage and says unknown as a dash', () => {
    expect(formatRate(140 / 3150)).toBe('4.44%');
    expect(formatRate(null)).toBe('—');
  });
  it('computes the change against a base, null without a base', () => {
    expect(change(150, 100)).toBe(0.5);
    expect(change(50, 100)).toBe(-0.5);
    expect(change(5, 0)).toBeNull();
    expect(change(5, null)).toBeNull();
  });
  it('gives the last n days in the workspace time zone', () => {
    // 2026-03-01T20:00Z is already 2 March in Shanghai.
    expect(lastDays(7, 'Asia/Shanghai', new Date('2026-03-01T20:00:00Z'))).toEqual(['2026-02-24', '2026-03-02']);
  });
});
