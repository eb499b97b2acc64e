import { describe, expect, it } from 'vitest';
import { moduleSection } from '../../src/check/rules/module-section.js';
import { contextFor, exampleWave, positionOf, runRule } from '../helpers/rules.js';

describe('module-section', () => {
  it('passes a prompt with a heading for every module', async () => {
    const { facts, text } = await exampleWave(4);
    expect(runRule(moduleSection, text, facts)).toEqual([]);
    const headings =
      '# W\n\n## Modules\n\n### honcho-postgres\n\n#### `honcho-redis` (PR 2)\n\n### 3. honcho-api\n\n' +
      '### honcho-deriver\n';
    expect(runRule(moduleSection, headings, facts)).toEqual([]);
  });

  it('reports a module without a heading at "Modules", pointing at its spec entry', async () => {
    const { facts, text } = await exampleWave(4);
    const seeded = text.replace('### 2. honcho-redis', '**2. honcho-redis**');
    const modules = positionOf(seeded, '## Modules');
    const [finding, ...rest] = moduleSection.check(contextFor(seeded, facts));
    expect(rest).toEqual([]);
    expect(`${finding!.file}:${finding!.line}:${finding!.column} ${finding!.code} ${finding!.message}`).toBe(
      `prompts/hand-written.md:${modules.line}:1 module-section module "honcho-redis" has no section: no ` +
        'heading names it',
    );
    const spec = facts.chain[facts.chain.length - 1]!.file.text;
    const at = positionOf(spec, 'honcho-redis\n');
    expect(finding!.related).toEqual({
      message: 'module "honcho-redis" is declared here',
      file: 'waves/phase-02/wave-4.yaml',
      ...at,
    });
  });

  it('does not take a longer id for the module', async () => {
    const { facts } = await exampleWave(4);
    const headings = '# W\n\n### honcho-postgres-backup\n\n### honcho-redis\n\n### honcho-api\n\n### honcho-deriver\n';
    expect(runRule(moduleSection, headings, facts)).toEqual([
      'prompts/hand-written.md:1:1 module-section module "honcho-postgres" has no section: no heading names it',
    ]);
  });
});
