import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileWave } from '../../src/compile.js';
import { line } from '../helpers/rules.js';
import { REPO_ROOT, useScratchWorkspaces } from '../helpers/workspace.js';

const workspace = useScratchWorkspaces();

/** The example's phase 03 wave 1 (predecessor phase 02 wave 4) with its postgres module no longer a postgres. */
async function phase3(mission: (text: string) => string = (t) => t) {
  const ws = await workspace();
  const spec = await readFile(path.join(REPO_ROOT, 'waves/phase-03/wave-1.yaml'), 'utf8');
  await mkdir(path.join(ws.root, 'waves/phase-03'));
  await ws.write(
    'waves/phase-03/wave-1.yaml',
    mission(spec.replace('pattern: stateful-postgres\n', 'pattern: stateful-volume\n')),
  );
  return { ws, result: await compileWave(ws.root, { wave: 1, phase: 3 }) };
}

describe('no constraint disappears unseen', () => {
  it('lists every lapsed constraint under "No longer in force" with its reason, after the dropped ones', async () => {
    const { result } = await phase3();
    expect(result.diagnostics.map(line)).toEqual([]);
    const text = result.prompt!.text;
    const noLonger = text.slice(
      text.indexOf('### No longer in force\n'),
      text.indexOf('\n## ', text.indexOf('### No')),
    );
    expect(noLonger.split('\n').filter((l) => l.startsWith('- '))).toEqual([
      '- `honcho-data-read-only`: this wave does not touch the Honcho stack; infra-data-read-only guards the shared ' +
        'databases.',
      '- `pg-dump-confirmation`: lapsed: pattern `stateful-postgres-pgvector` implied it, and no module of this wave ' +
        'uses that pattern.',
      '- `pgvector-verification`: lapsed: pattern `stateful-postgres-pgvector` implied it, and no module of this ' +
        'wave uses that pattern.',
    ]);
  });

  it('reports a lapsed constraint whose subject the prompt still mentions, at the text mentioning it', async () => {
    // Gated in its sentence (the operator confirms), so the mention is no ungated command: only the lapse is wrong.
    const { ws, result } = await phase3((t) =>
      t.replace(
        'Nothing that runs is changed.',
        'The backup job runs pg_dump nightly once the operator confirms it; nothing that runs is changed.',
      ),
    );
    expect(result.diagnostics.filter((d) => d.code === 'destructive-command')).toEqual([]);
    const found = result.diagnostics.filter((d) => d.code === 'constraint-lapsed-subject');
    const spec = (await ws.read('waves/phase-03/wave-1.yaml')).split('\n');
    expect(found).toHaveLength(1);
    expect(found[0]!.file).toBe('waves/phase-03/wave-1.yaml');
    expect(spec[found[0]!.line - 1]!.slice(found[0]!.column - 1)).toMatch(/^pg_dump nightly/);
    expect(found[0]!.message).toBe(
      'the prompt mentions `pg_dump`, the subject of constraint "pg-dump-confirmation", which lapsed (pattern ' +
        '"stateful-postgres-pgvector" implied it, and no module of this wave uses that pattern)',
    );
  });

  it('stays quiet when the constraint is kept in force explicitly', async () => {
    const { result } = await phase3((t) =>
      t
        .replace('Nothing that runs is changed.', 'The backup job runs pg_dump nightly; nothing that runs is changed.')
        .replace(
          '  add:\n    - id: infra-dependents-first',
          '  add:\n    - pg-dump-confirmation\n    - id: infra-dependents-first',
        ),
    );
    expect(result.diagnostics.filter((d) => d.code === 'constraint-lapsed-subject')).toEqual([]);
    expect(result.prompt!.text).toContain('**DO NOT run `pg_dump` against a running postgres');
  });

  it('reports an ungated mention once, as destructive-command, not also as the lapse of its constraint', async () => {
    const { ws, result } = await phase3((t) =>
      t.replace('Nothing that runs is changed.', 'The backup job runs pg_dump nightly; nothing that runs is changed.'),
    );
    const found = result.diagnostics.filter((d) => d.severity === 'error');
    expect(found.map((d) => d.code)).toEqual(['destructive-command']);
    const spec = (await ws.read('waves/phase-03/wave-1.yaml')).split('\n');
    expect(spec[found[0]!.line - 1]!.slice(found[0]!.column - 1)).toMatch(/^pg_dump nightly/);
  });
});
