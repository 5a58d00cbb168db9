import { describe, expect, it } from 'vitest';
import { actionsOf, conditionsOf, draftOf } from './rules-form';

describe('rule drawer values', () => {
  it('leaves out what was not filled in', () => {
    expect(conditionsOf({ name: 'x', anyOf: ['退款'], noneOf: [], authorId: '  ', hourFrom: 9, hourTo: null, question: 'no' })).toEqual({
      keywords: { anyOf: ['退款'] },
      isQuestion: false,
    });
    expect(actionsOf({ name: 'x', addTags: [], alert: false, priority: 'high' })).toEqual({ priority: 'high' });
  });
  it('reads a saved rule back into the same values', () => {
    const rule = {
      name: '售后',
      conditions: { keywords: { anyOf: ['退款'] }, time: { weekdays: [6, 7], hours: { from: 22, to: 6 } }, isComplaint: true },
      actions: { addTags: ['售后'], alert: true },
      stopAfter: true,
    };
    const d = draftOf(rule);
    expect(conditionsOf(d)).toEqual(rule.conditions);
    expect(actionsOf(d)).toEqual(rule.actions);
  });
});
