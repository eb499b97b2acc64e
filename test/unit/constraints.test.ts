import { describe, expect, it } from 'vitest';
import { compileWave } from '../../src/compile.js';
import { EXAMPLE, useScratchWorkspaces } from '../helpers/workspace.js';

const workspace = useScratchWorkspaces();
const ids = (list: readonly { id: string }[]) => list.map((c) => c.id);

describe('hard constraint resolution along the predecessor chain', () => {
  it('inherits waves 2 and 3, and marks wave 4 own and pattern-implied ones as additional', async () => {
    const { facts } = await compileWave(EXAMPLE, { wave: 4 });
    const { inherited, additional } = facts!.composition.constraints;
    expect(ids(inherited)).toEqual([
      'read-only-audit',
      'no-secrets',
      'no-merge',
      'one-pr-per-module',
      'no-volume-deletion',
    ]);
    expect(ids(additional)).toEqual([
      'honcho-data-read-only',
      'pg-dump-confirmation',
      'pgvector-verification',
      'redis-no-flush',
    ]);
  });

  it('with inherit: false starts from nothing: only the wave own and pattern-implied constraints remain', async () => {
    // "Additional" is the diff against wave 3's set, so a constraint wave 3 also had
    // (no-volume-deletion, implied again by the postgres pattern) is not additional.
    const ws = await workspace();
    await ws.edit('waves/phase-02/wave-4.yaml', (t) =>
      t.replace('hard_constraints:\n  add:', 'hard_constraints:\n  inherit: false\n  add:'),
    );
    const { facts, prompt } = await compileWave(ws.root, { wave: 4 });
    const { inherited, additional } = facts!.composition.constraints;
    expect(ids(inherited)).toEqual(['no-volume-deletion']);
    expect(ids(additional)).toEqual([
      'honcho-data-read-only',
      'pg-dump-confirmation',
      'pgvector-verification',
      'redis-no-flush',
    ]);
    for (const dropped of [
      'DO NOT change anything that runs',
      'DO NOT copy secret values',
      'DO NOT merge',
      '**One PR per module**',
    ]) {
      expect(prompt!.text).not.toContain(dropped);
    }
  });
});
