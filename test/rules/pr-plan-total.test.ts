import { describe, expect, it } from 'vitest';
import { prPlanTotal } from '../../src/check/rules/pr-plan-total.js';
import { exampleWave, runRule } from '../helpers/rules.js';

describe('pr-plan-total (prompt side)', () => {
  it('passes totals that equal the derived plan, in digits or words', async () => {
    const { facts, text } = await exampleWave(4);
    expect(runRule(prPlanTotal, text, facts)).toEqual([]);
    expect(runRule(prPlanTotal, '# W\n\n**5 PRs in total**; five PRs total.\n', facts)).toEqual([]);
  });

  it('reports a stated total that differs, at the number', async () => {
    const { facts } = await exampleWave(4);
    expect(runRule(prPlanTotal, '# W\n\nOne PR per module: **6 PRs in total**. Or Four PRs\ntotal.\n', facts)).toEqual([
      'prompts/hand-written.md:3:22 pr-plan-total the prompt states "6 PRs in total", but the plan derives 5 (4 modules + 1 cross-module task)',
      'prompts/hand-written.md:3:43 pr-plan-total the prompt states "Four PRs total", but the plan derives 5 (4 modules + 1 cross-module task)',
    ]);
  });
});
