import { describe, expect, it } from 'vitest';
import { pct, segments } from './originalityHighlight';

describe('originality highlight segments', () => {
  it('splits a text into plain and highlighted pieces that join back to the text', () => {
    const text = '春天来了，万物复苏。新品发布。';
    const s = segments(text, [
      [0, 4],
      [10, 14],
    ]);
    expect(s.map((x) => [x.text, x.ids])).toEqual([
      ['春天来了', [0]],
      ['，万物复苏。', []],
      ['新品发布', [1]],
      ['。', []],
    ]);
    expect(s.map((x) => x.text).join('')).toBe(text);
    expect(s.map((x) => x.start)).toEqual([0, 4, 10, 14]);
  });

  it('keeps overlapping ranges apart by the ranges that cover each piece', () => {
    const s = segments('abcdefgh', [
      [1, 5],
      [3, 7],
    ]);
    expect(s.map((x) => [x.text, x.ids])).toEqual([
      ['a', []],
      ['bc', [0]],
      ['de', [0, 1]],
      ['fg', [1]],
      ['h', []],
    ]);
  });

  it('clamps ranges outside the text and handles no ranges and empty text', () => {
    expect(segments('abc', [[2, 99]]).map((x) => [x.text, x.ids])).toEqual([
      ['ab', []],
      ['c', [0]],
    ]);
    expect(segments('abc', [])).toEqual([{ text: 'abc', start: 0, ids: [] }]);
    expect(segments('', [[0, 3]])).toEqual([]);
  });

  it('rounds similarity to a whole percentage', () => {
    expect([pct(0.8349), pct(0.6), pct(1), pct(0)]).toEqual([83, 60, 100, 0]);
  });
});
