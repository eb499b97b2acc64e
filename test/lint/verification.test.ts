import { describe, expect, it } from 'vitest';
import { buildVerification, type VerificationInput } from '../../src/report/verification.js';
import { compileWave } from '../../src/compile.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { EXAMPLE } from '../helpers/workspace.js';

async function wave4(): Promise<VerificationInput> {
  const result = await compileWave(EXAMPLE, { wave: 4 });
  const facts = result.facts!;
  return {
    path: result.prompt!.path,
    text: result.prompt!.text,
    stats: result.stats!,
    budget: facts.composition.context.budget,
    composition: facts.composition,
    predecessorPrompt: 'prompts/phase-02-wave-3.md',
    diagnostics: [],
  };
}
const finding = (code: Diagnostic['code'], severity: Diagnostic['severity'] = 'error'): Diagnostic => ({
  code,
  severity,
  message: 'm',
  file: 'prompts/p.md',
  line: 7,
  column: 3,
});
const ticks = (input: VerificationInput) =>
  Object.fromEntries(buildVerification(input).items.map((i) => [i.id, i.ticked]));

describe('buildVerification', () => {
  it('ticks every box of a clean compile', async () => {
    const verification = buildVerification(await wave4());
    expect(verification.ok).toBe(true);
    expect(verification.items.every((item) => item.applicable && item.ticked && item.problems.length === 0)).toBe(true);
  });

  it.each([
    ['pr-reference-unknown', 'pr-references'],
    ['charter-required', 'charter'],
    ['charter-section-unknown', 'wakeup-honesty'],
    ['pr-plan-total', 'pr-count'],
    ['budget-tokens', 'length'],
  ])('unticks a box when its rule %s reports an error or a warning, listing the finding', async (code, id) => {
    const input = await wave4();
    for (const severity of ['error', 'warning'] as const) {
      const verification = buildVerification({
        ...input,
        diagnostics: [finding(code as Diagnostic['code'], severity)],
      });
      const item = verification.items.find((i) => i.id === id)!;
      expect(item.ticked).toBe(false);
      expect(item.problems).toEqual([`prompts/p.md:7:3 ${code} m`]);
      expect(verification.ok).toBe(false);
    }
  });

  it('ignores info findings and rules tied to no box', async () => {
    const input = await wave4();
    expect(
      Object.values(
        ticks({ ...input, diagnostics: [finding('charter-required', 'info'), finding('hidden-character')] }),
      ).every(Boolean),
    ).toBe(true);
  });

  it('checks the measurements themselves: the canary summary and the PR count in the text', async () => {
    const input = await wave4();
    const verification = buildVerification({
      ...input,
      text: input.text.replaceAll('#32–34', '#32-34').replaceAll('5 PRs', 'five PRs'),
    });
    expect(verification.items.find((i) => i.id === 'pr-references')!.problems).toEqual([
      '"#29, #30, #32–34" is not in the prompt',
    ]);
    expect(verification.items.find((i) => i.id === 'pr-count')!.problems).toEqual(['"5 PRs" is not in the prompt']);
  });
});
