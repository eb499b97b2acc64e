import { describe, expect, it } from 'vitest';
import { summarizePrNumbers } from '../../src/compose/context.js';

describe('summarizePrNumbers', () => {
  it('collapses runs of three or more into an en-dash range', () => {
    expect(summarizePrNumbers([29, 30, 32, 33, 34])).toBe('#29, #30, #32\u201334');
  });

  it('sorts and removes duplicates first', () => {
    expect(summarizePrNumbers([34, 32, 33, 32, 1])).toBe('#1, #32\u201334');
  });

  it('lists pairs and singletons one by one', () => {
    expect(summarizePrNumbers([5, 6, 9])).toBe('#5, #6, #9');
    expect(summarizePrNumbers([7])).toBe('#7');
    expect(summarizePrNumbers([])).toBe('');
  });
});
