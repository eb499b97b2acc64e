import { afterEach, describe, expect, it } from 'vitest';
import { constraintImplied } from '../../src/check/rules/constraint-implied.js';
import { compileWave } from '../../src/compile.js';
import { copyWorkspace } from '../helpers/workspace.js';
import { exampleWave, line, positionOf, runRule } from '../helpers/rules.js';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

/** The example workspace with one line of wave 4's spec replaced. */
async function compileWave4With(search: string, replacement: string) {
  const ws = await copyWorkspace();
  cleanup = ws.cleanup;
  await ws.edit('waves/phase-02/wave-4.yaml', (text) => text.replace(search, replacement));
  const result = await compileWave(ws.root, { wave: 4 });
  return { result, spec: await ws.read('waves/phase-02/wave-4.yaml') };
}

describe('constraint-implied', () => {
  it('passes the example prompts: every constraint in force is in "Hard constraints" with its text', async () => {
    for (const wave of [2, 3, 4]) {
      const { facts, text } = await exampleWave(wave);
      expect(runRule(constraintImplied, text, facts)).toEqual([]);
    }
  });

  it(
    'reports a pattern-implied constraint missing from the prompt, and an ' + 'added one, at "Hard constraints"',
    async () => {
      const { facts, text } = await exampleWave(4);
      const seeded = text
        .replace(/^- \*\*DO NOT skip the pgvector verification\*\*.*\n/m, '')
        .replace(/^- \*\*DO NOT modify Honcho data, ever\.\*\*.*\n/m, '');
      const heading = positionOf(seeded, '## Hard constraints');
      expect(runRule(constraintImplied, seeded, facts)).toEqual([
        `prompts/hand-written.md:${heading.line}:1 constraint-implied hard constraint "honcho-data-read-only" ` +
          '(added by wave 4) is not in the "Hard constraints" section; expected "**DO NOT modify Honcho data, ' +
          `ever.** \`SELECT\` for sanity…"`,
        `prompts/hand-written.md:${heading.line}:1 constraint-implied hard constraint "pgvector-verification" ` +
          '(implied by pattern "stateful-postgres-pgvector" of module "honcho-postgres") is not in the "Hard ' +
          'constraints" section; expected "**DO NOT skip the pgvector verification** in the runbook…"',
      ]);
    },
  );

  it('reports text that is only near the rendered one (a hand edit of the wording)', async () => {
    const { facts, text } = await exampleWave(4);
    const seeded = text.replace("without the operator's explicit confirmation", 'without asking');
    expect(runRule(constraintImplied, seeded, facts)).toEqual([
      `prompts/hand-written.md:${positionOf(seeded, '## Hard constraints').line}:1 constraint-implied hard ` +
        'constraint "pg-dump-confirmation" (implied by pattern "stateful-postgres-pgvector" of module ' +
        `"honcho-postgres") is not in the "Hard constraints" section; expected "**DO NOT run \`pg_dump\` against ` +
        'a running postgres without…"',
    ]);
  });

  it('reports every constraint at the top of a prompt without the section', async () => {
    const { facts } = await exampleWave(2);
    expect(runRule(constraintImplied, '# Wave 2\n', facts).map((d) => d.replace(/; expected .*/, ''))).toEqual([
      'prompts/hand-written.md:1:1 constraint-implied hard constraint "read-only-audit" (added by wave 2) is ' +
        'missing: the prompt has no hard-constraints section',
      'prompts/hand-written.md:1:1 constraint-implied hard constraint "no-secrets" (added by wave 2) is ' +
        'missing: the prompt has no hard-constraints section',
      'prompts/hand-written.md:1:1 constraint-implied hard constraint "no-merge" (added by wave 2) is missing: ' +
        'the prompt has no hard-constraints section',
      'prompts/hand-written.md:1:1 constraint-implied hard constraint "one-pr-per-module" (added by wave 2) is ' +
        'missing: the prompt has no hard-constraints section',
    ]);
  });

  it('leaves to compose a spec that drops a constraint its pgvector module implies: refused at the drop', async () => {
    const { result, spec } = await compileWave4With(
      'hard_constraints:\n',
      'hard_constraints:\n  drop:\n    - id: no-volume-deletion\n      reason: the volumes are safe now.\n',
    );
    const at = positionOf(spec, 'no-volume-deletion');
    expect(result.diagnostics.map(line)).toEqual([
      `waves/phase-02/wave-4.yaml:${at.line}:${at.column} constraint-implied-conflict cannot drop ` +
        '"no-volume-deletion": pattern "stateful-postgres-pgvector" of module "honcho-postgres" implies it',
    ]);
    expect(result.prompt).toBeUndefined();
  });

  it('leaves to compose a spec that rewords an implied constraint inline: refused at the inline entry', async () => {
    const { result, spec } = await compileWave4With(
      '  add:\n',
      '  add:\n    - id: pgvector-verification\n      text: Check pgvector if you have time.\n',
    );
    const at = positionOf(spec, 'pgvector-verification');
    expect(result.diagnostics.map(line)).toEqual([
      `waves/phase-02/wave-4.yaml:${at.line}:${at.column} constraint-implied-conflict "pgvector-verification" ` +
        'is implied by pattern "stateful-postgres-pgvector" of module "honcho-postgres"; inline text here would ' +
        `replace the pattern's wording`,
    ]);
    expect(result.prompt).toBeUndefined();
  });
});
