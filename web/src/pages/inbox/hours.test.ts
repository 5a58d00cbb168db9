import { describe, expect, it } from 'vitest';
import { formatDay, parseDay } from './hours';

describe('business hours typed as text', () => {
  it('reads several ranges with Chinese or Latin separators, and pads hours', () => {
    expect(parseDay('9:00-12:00，13:30~18:00')).toEqual([
      { start: '09:00', end: '12:00' },
      { start: '13:30', end: '18:00' },
    ]);
  });
  it('an empty day is closed; anything else is refused, not guessed', () => {
    expect(parseDay('  ')).toEqual([]);
    expect(parseDay('9点到6点')).toBeNull();
    expect(parseDay('09:00-')).toBeNull();
  });
  it('formats back to what it reads', () => {
    const day = [
      { start: '09:00', end: '12:00' },
      { start: '22:00', end: '24:00' },
    ];
    expect(parseDay(formatDay(day))).toEqual(day);
  });
});
