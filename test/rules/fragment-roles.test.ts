import { describe, expect, it } from 'vitest';
import { carryOwners } from '../../src/analyse/carry-owners.js';
import { splitLines } from '../../src/util/text.js';
import { constraintImplied } from '../../src/check/rules/constraint-implied.js';
import { moduleSection } from '../../src/check/rules/module-section.js';
import { run } from '../../src/cli/run.js';
import { compileWave, emitPrompt } from '../../src/compile.js';
import { lintPrompt } from '../../src/lint.js';
import { FRAGMENT_ROLES } from '../../src/schema/fragment-roles.js';
import { contextFor, line, positionOf } from '../helpers/rules.js';
import { captureIo, copyWorkspace } from '../helpers/workspace.js';

/** The user's own titles for the sections the rules read. */
const RETITLED: [string, string, string][] = [
  ['templates/sections/hard-constraints.md', '## Hard constraints', '## Constraints'],
  ['templates/sections/modules.md', '## Modules', '## Components'],
  ['templates/sections/hand-back.md', '## Hand-back', '## Report back'],
  ['templates/sections/wakeup-honesty.md', '## {{charter "honesty" "title"}} ', '## Honesty of claims '],
];

async function retitledWorkspace() {
  const ws = await copyWorkspace();
  for (const [file, from, to] of RETITLED) await ws.edit(file, (t) => t.replace(from, to));
  await ws.edit('wavec.config.yaml', (t) => `${t}\nrequired_sections:\n  headings: ['# *', '+']\n`);
  return ws;
}

describe('fragment roles: rules find sections by the role their fragment declares', () => {
  it('compiles and lints a retitled workspace clean, every section found by its role', async () => {
    const ws = await retitledWorkspace();
    try {
      const result = await compileWave(ws.root, { wave: 4 });
      expect(result.diagnostics.filter((d) => d.severity !== 'info').map(line)).toEqual([]);
      expect(await emitPrompt(result, ws.root, { force: true })).toMatchObject({ ok: true });
      for (const [, , to] of RETITLED) expect(result.prompt!.text).toContain(`\n${to}`);
      const linted = await lintPrompt(ws.root, { path: result.prompt!.path });
      expect(linted.diagnostics.filter((d) => d.severity !== 'info').map(line)).toEqual([]);
      // The report finds the honesty section by its role, though its heading no longer carries the charter's title.
      const report = captureIo(ws.root);
      expect(await run(['report', '4'], report)).toBe(0);
      expect(report.out()).toMatch(/^- \[x\] §13 wakeup honesty referenced, in "Honesty of claims \(charter §13\)"/m);
    } finally {
      await ws.cleanup();
    }
  });

  it('reports a dropped constraint at the retitled section, a module without a heading at its section', async () => {
    const ws = await retitledWorkspace();
    try {
      const result = await compileWave(ws.root, { wave: 4 });
      const { facts, prompt } = result;
      const text = prompt!.text;
      const pgvector = text.split('\n').find((l) => l.startsWith('- **DO NOT skip the pgvector verification**'))!;
      const dropped = text.replace(`${pgvector}\n`, '');
      const constraints = positionOf(dropped, '## Constraints\n');
      expect(
        constraintImplied.check({ ...contextFor(dropped), compiled: facts, prompt: withOwners(dropped, text) }),
      ).toMatchObject([
        {
          line: constraints.line,
          message: expect.stringContaining('is not in the "Constraints" section') as unknown,
        },
      ]);
      const renamed = text.replace('### 2. honcho-redis', '### 2. the cache');
      const components = positionOf(renamed, '## Components\n');
      expect(
        moduleSection.check({ ...contextFor(renamed), compiled: facts, prompt: withOwners(renamed, text) }),
      ).toMatchObject([
        { line: components.line, message: 'module "honcho-redis" has no section: no heading names it' },
      ]);

      function withOwners(edited: string, compiled: string) {
        // Lint's carry-over of owners, done by lint itself on the edited prompt.
        return { ...contextFor(edited).prompt, lineOwners: ownersFor(edited, compiled, facts!.lineOwners) };
      }
    } finally {
      await ws.cleanup();
    }
  });

  it('refuses a role outside the closed list, at the fragment, naming the roles', async () => {
    const ws = await copyWorkspace();
    try {
      await ws.edit('templates/sections/modules.md', (t) => t.replace('role: modules', 'role: components'));
      const result = await compileWave(ws.root, { wave: 4 });
      const found = result.diagnostics.filter((d) => d.file === 'templates/sections/modules.md');
      expect(found).toMatchObject([{ code: 'fragment-invalid', line: 5, column: 7 }]);
      expect(found[0]!.message).toContain('hard-constraints');
      expect(Object.keys(FRAGMENT_ROLES)).toContain('restore-procedure');
    } finally {
      await ws.cleanup();
    }
  });
});

function ownersFor(edited: string, compiled: string, owners: readonly string[]): string[] {
  return carryOwners(splitLines(compiled), owners, splitLines(edited));
}
