import { describe, expect, it } from 'vitest';
import { buildVerification, type VerificationInput } from '../../src/report/verification.js';
import { compileWave } from '../../src/compile.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { loadWorkspace } from '../../src/load/workspace.js';
import { measureWave } from '../../src/report/wave-verification.js';
import { EXAMPLE, useScratchWorkspaces } from '../helpers/workspace.js';

const scratch = useScratchWorkspaces();

async function wave4(): Promise<VerificationInput> {
  const result = await compileWave(EXAMPLE, { wave: 4 });
  const facts = result.facts!;
  return {
    path: result.prompt!.path,
    text: result.prompt!.text,
    stats: result.stats!,
    budget: facts.composition.context.budget,
    composition: facts.composition,
    honestySection: result.stats!.sections.find((s) => s.title.startsWith('Wakeup honesty')),
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

describe('the honesty box', () => {
  it('finds the honesty section by the role of the fragment that wrote it, whatever its heading says', async () => {
    const ws = await scratch();
    await ws.edit('templates/sections/wakeup-honesty.md', (t) =>
      t.replace('## {{charter "honesty" "title"}} (charter', '## Claims and their labels (charter'),
    );
    await rm(path.join(ws.root, 'prompts/phase-02-wave-4.md'));
    const loaded = await loadWorkspace(ws.root);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
    // The default required_sections follow the retitled heading: it is derived from the layout.
    expect(loaded.workspace.config.required_sections?.headings).toContain('## Claims and their labels (charter §13)');
    const measured = await measureWave(loaded.workspace, { wave: 4 });
    if (!measured.ok) throw new Error(JSON.stringify(measured.diagnostics));
    const box = measured.measured.verification.items.find((item) => item.id === 'wakeup-honesty')!;
    expect(box.label).toMatch(/, in "Claims and their labels \(charter §13\)" \(line \d+\)$/);
    expect(box).toMatchObject({ applicable: true, ticked: true, problems: [] });
  });
});
