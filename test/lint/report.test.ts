import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { lintPrompt } from '../../src/lint.js';
import { captureIo, EXAMPLE, useScratchWorkspaces } from '../helpers/workspace.js';

const workspace = useScratchWorkspaces();

describe('wavec report', () => {
  it("reproduces the seed PR's Verification checklist for wave 4 from measurements", async () => {
    const { stats } = await lintPrompt(EXAMPLE, { path: 'prompts/phase-02-wave-4.md' });
    const io = captureIo(EXAMPLE);
    expect(await run(['report', '4'], io)).toBe(0);
    const scope = stats.sections.find((s) => s.title.startsWith('Scope'))!;
    const why = stats.sections.find((s) => s.title === 'Why Honcho first')!;
    const wakeup = stats.sections.find((s) => s.title === 'Wakeup honesty (charter §13)')!;
    expect(io.out()).toBe(
      [
        'Verification: prompts/phase-02-wave-4.md',
        '',
        `- [x] Length: ${stats.lines} lines, ${stats.tokens} tokens (o200k_base) — budget 320 lines / 4500 tokens`,
        '- [x] References canary PRs #29, #30, #32–34 and the predecessor prompt prompts/phase-02-wave-3.md',
        '- [x] Charter §3 (deploy flow) and §6 (cognition) referenced',
        `- [x] §13 wakeup honesty referenced, in "Wakeup honesty (charter §13)" (line ${wakeup.line})`,
        `- [x] Pivot rationale documented in the prompt body, in "${scope.title}" (line ${scope.line}), so the ` +
          'agent does not re-propose it',
        `- [x] Emotional context (why.stakes) surfaced in "Why Honcho first" (line ${why.line})`,
        '- [x] PR count: 5 (4 modules + 1 cross-module task), stated 5',
        '',
      ].join('\n'),
    );
    expect(io.err()).toBe('');
  });

  it('leaves a box unticked, with the reason, when a seed point is removed from the prompt', async () => {
    const ws = await workspace();
    await ws.edit('prompts/phase-02-wave-4.md', (t) => t.replace(/Honcho is Iskra's deep memory layer\.[^\n]*\n/, ''));
    const io = captureIo(ws.root);
    expect(await run(['report', '4'], io)).toBe(1);
    expect(io.out()).toContain('- [ ] Emotional context (why.stakes) surfaced\n  - why.stakes is not in the prompt\n');
  });

  it('ties the length box to the budget rules and lists their findings', async () => {
    const ws = await workspace();
    await ws.edit('waves/phase-02/wave-4.yaml', (t) => t.replace('max_lines: 320', 'max_lines: 200'));
    const io = captureIo(ws.root);
    expect(await run(['report', '4'], io)).toBe(1);
    expect(io.out()).toMatch(
      // Pieces of raw text, not of regex literals: the backreference \1 and its group are in different pieces.
      new RegExp(
        String.raw`\n- \[ \] Length: (\d+) lines, \d+ tokens \(o200k_base\) — budget 200 lines \/ ` +
          String.raw`4500 tokens\n {2}- \d+ lines over the budget\n {2}- ` +
          String.raw`prompts\/phase-02-wave-4\.md:201:1 budget-lines prompt has \1 lines, over the ` +
          String.raw`budget of 200 by \d+; `,
      ),
    );
  });

  it('marks what the spec does not have as not applicable, and passes', async () => {
    const io = captureIo(EXAMPLE);
    expect(await run(['report', '2'], io)).toBe(0);
    expect(io.out()).toContain('- Does not apply: Pivot rationale: the spec records no pivot.\n');
  });

  it('prints JSON with --format json', async () => {
    const io = captureIo(EXAMPLE);
    expect(await run(['report', '4', '--format', 'json'], io)).toBe(0);
    const report = JSON.parse(io.out());
    expect(report.ok).toBe(true);
    expect(report.items.map((i: { id: string; ticked: boolean }) => `${i.id}:${i.ticked}`)).toEqual([
      'length:true',
      'pr-references:true',
      'charter:true',
      'wakeup-honesty:true',
      'pivot:true',
      'emotional-context:true',
      'pr-count:true',
    ]);
  });

  it.each([
    [['report'], 'wavec report: missing wave number\n'],
    [['report', '4', '--format', 'html'], 'wavec report: --format must be markdown or json, got "html"\n'],
  ])('exits 2 on the usage error %j', async (argv, message) => {
    const io = captureIo(EXAMPLE);
    expect(await run(argv, io)).toBe(2);
    expect(io.err().startsWith(message)).toBe(true);
  });

  it('exits 2 for a wave without a spec', async () => {
    const io = captureIo(EXAMPLE);
    expect(await run(['report', '9'], io)).toBe(2);
    expect(io.err()).toContain('waves:1:1 error spec-not-found no spec for wave 9 under waves/');
  });
});
