import { describe, expect, it } from 'vitest';
import { checkAllPhases, checkPhase } from '../../src/check/phase.js';
import { compileWave } from '../../src/compile.js';
import { loadWorkspace } from '../../src/load/workspace.js';
import { line, positionOf } from '../helpers/rules.js';
import { useScratchWorkspaces } from '../helpers/workspace.js';

/**
 * A module revisited by a later wave (`revisits: W` or `{phase, wave}`):
 * `phase-module-unique` accepts a declared revisit and still rejects an
 * undeclared one; the prompt says to revise the existing manifest.
 */
const scratch = useScratchWorkspaces();
const WAVE_3 = 'waves/phase-02/wave-3.yaml';
const withRevisit = (revisits: string) => (text: string) =>
  text
    .replace(
      '  - id: uptime-kuma\n',
      `  - id: n8n-worker\n    pattern: stateless-worker\n    kind: worker\n    revisits: ${revisits}\n` +
        '  - id: uptime-kuma\n',
    )
    .replace('total: 2', 'total: 3');

async function findings(root: string, phase = 2): Promise<string[]> {
  const loaded = await loadWorkspace(root);
  if (!loaded.ok) throw new Error('does not load');
  return (await checkPhase(loaded.workspace, phase)).map(line);
}

describe('revisits', () => {
  it(
    'a declared revisit passes phase-module-unique, and the prompt says to revise the manifest, with the canary ' +
      'PR that introduced it',
    async () => {
      const ws = await scratch();
      await ws.edit(WAVE_3, withRevisit('2'));
      expect(await findings(ws.root)).toEqual([]);
      const result = await compileWave(ws.root, { wave: 3 });
      expect(result.diagnostics.map(line)).toEqual([]);
      const text = result.prompt!.text;
      const module = text.slice(text.indexOf('### 2. n8n-worker'), text.indexOf('### 3. uptime-kuma'));
      expect(module.split('\n').slice(0, 4)).toEqual([
        '### 2. n8n-worker',
        '',
        '- Kind: worker; pattern: Stateless worker (`stateless-worker`); PR 2 of 3.',
        '- **Revisit.** Wave 2 manifested this module (PR #29): revise that manifest and its runbook in place, ' +
          'and say in the PR what changed and why. Do not write a second manifest.',
      ]);
      // The workflow's "where to write the manifest" names the revisited module as its exception.
      expect(text).toContain(
        'a module this wave revisits (`n8n-worker`) is the exception: revise its manifest in place, where the wave ' +
          'it revisits put it (see Modules).',
      );
    },
  );

  it('without a canary that names the module, the prompt names only the wave', async () => {
    const ws = await scratch();
    await ws.edit(WAVE_3, (t) => withRevisit('2')(t).replace('what: n8n-worker manifest.', 'what: a worker manifest.'));
    const { prompt } = await compileWave(ws.root, { wave: 3 });
    expect(prompt!.text).toContain('- **Revisit.** Wave 2 manifested this module: revise that manifest');
  });

  it.each([
    ['4', 'module "n8n-worker" revisits wave 4, which does not come before wave 3'],
    ['3', 'module "n8n-worker" revisits wave 3, which does not come before wave 3'],
    ['1', 'module "n8n-worker" revisits wave 1, which has no spec'],
    ['{phase: 1, wave: 2}', 'module "n8n-worker" revisits phase-01 wave 2, which has no spec'],
  ])('reports revisits: %s at the value', async (value, message) => {
    const ws = await scratch();
    await ws.edit(WAVE_3, withRevisit(value));
    const at = positionOf(await ws.read(WAVE_3), `revisits: ${value}`);
    expect(await findings(ws.root)).toEqual([
      `${WAVE_3}:${at.line}:${at.column + 'revisits: '.length} phase-module-unique ${message}`,
    ]);
  });

  it('reports a revisit of a wave that does not declare the module', async () => {
    const ws = await scratch();
    await ws.edit(WAVE_3, (t) =>
      withRevisit('2')(t).replace(
        'id: n8n-worker\n    pattern: stateless-worker',
        'id: search-worker\n    pattern: stateless-worker',
      ),
    );
    const at = positionOf(await ws.read(WAVE_3), 'revisits: 2');
    expect(await findings(ws.root)).toEqual([
      `${WAVE_3}:${at.line}:${at.column + 'revisits: '.length} phase-module-unique module "search-worker" ` +
        'revisits wave 2, but that wave declares no module "search-worker"',
    ]);
  });

  it('an undeclared second declaration is still an error, with a hint to declare the revisit', async () => {
    const ws = await scratch();
    await ws.edit(WAVE_3, (t) => withRevisit('2')(t).replace('    revisits: 2\n', ''));
    const loaded = await loadWorkspace(ws.root);
    const [finding] = loaded.ok ? await checkPhase(loaded.workspace, 2) : [];
    expect(finding!.message).toBe(
      'module "n8n-worker" is already in wave 2; a module belongs to exactly one wave of a phase',
    );
    expect(finding!.hint).toBe('if this wave revises that manifest, say so: revisits: 2');
  });

  it('revisits a module of an earlier phase as {phase, wave}', async () => {
    const ws = await scratch('two-phases');
    await ws.edit('waves/phase-02/wave-1.yaml', (t) =>
      t.replace(
        'modules:\n',
        'modules:\n  - id: search-db\n    pattern: stateful-postgres-pgvector\n    kind: stateful\n' +
          '    backup_priority: important\n    revisits: {phase: 1, wave: 2}\n',
      ),
    );
    const loaded = await loadWorkspace(ws.root);
    expect(loaded.ok && (await checkAllPhases(loaded.workspace)).map(line)).toEqual([]);
    const { prompt, diagnostics } = await compileWave(ws.root, { wave: 1, phase: 2 });
    expect(diagnostics.map(line)).toEqual([]);
    expect(prompt!.text).toContain(
      '- **Revisit.** Phase 01 wave 2 manifested this module: revise that manifest and its runbook in place',
    );
  });

  it(
    'a module of an earlier phase this phase inherits from, declared again without revisits, is reported across ' +
      'phases',
    async () => {
      const ws = await scratch('two-phases');
      const file = 'waves/phase-02/wave-1.yaml';
      await ws.edit(file, (t) =>
        t.replace(
          'modules:\n',
          'modules:\n  - id: search-db\n    pattern: stateful-postgres-pgvector\n    kind: stateful\n' +
            '    backup_priority: important\n',
        ),
      );
      const loaded = await loadWorkspace(ws.root);
      const [finding, ...rest] = loaded.ok ? await checkPhase(loaded.workspace, 2) : [];
      expect(rest).toEqual([]);
      const at = positionOf(await ws.read(file), 'search-db');
      expect(line(finding!)).toBe(
        `${file}:${at.line}:${at.column} phase-module-unique module "search-db" is already in phase-01 wave 2, ` +
          'which this phase inherits from; a module is manifested once along the predecessor chain',
      );
      expect(finding!.related).toEqual({
        message: 'phase-01 wave 2 declares it here',
        file: 'waves/phase-01/wave-2.yaml',
        ...positionOf(await ws.read('waves/phase-01/wave-2.yaml'), 'search-db'),
      });
      expect(finding!.hint).toBe('if this wave revises that manifest, say so: revisits: {phase: 1, wave: 2}');
    },
  );
});
