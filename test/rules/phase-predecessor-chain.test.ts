import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkAllPhases, checkPhase } from '../../src/check/phase.js';
import { loadWorkspace } from '../../src/load/workspace.js';
import { line, positionOf } from '../helpers/rules.js';
import { copyWorkspace, EXAMPLE } from '../helpers/workspace.js';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

/** Phase 2 of the example with some waves' `predecessor:` lines replaced; the findings as lines. */
async function phaseWith(
  predecessors: Record<number, string>,
  remove: number[] = [],
): Promise<{ lines: string[]; at: (wave: number) => Promise<string> }> {
  const ws = await copyWorkspace();
  cleanup = ws.cleanup;
  for (const [wave, value] of Object.entries(predecessors)) {
    await ws.edit(`waves/phase-02/wave-${wave}.yaml`, (text) =>
      text.replace(/^predecessor: .*$/m, `predecessor: ${value}`),
    );
  }
  for (const wave of remove) await rm(path.join(ws.root, `waves/phase-02/wave-${wave}.yaml`));
  const loaded = await loadWorkspace(ws.root);
  if (!loaded.ok) throw new Error('workspace does not load');
  const lines = (await checkPhase(loaded.workspace, 2)).map(line);
  const at = async (wave: number) => {
    const file = `waves/phase-02/wave-${wave}.yaml`;
    const p = positionOf(await ws.read(file), 'predecessor: ');
    return `${file}:${p.line}:${p.column + 'predecessor: '.length}`;
  };
  return { lines, at };
}

describe('phase-predecessor-chain', () => {
  it('passes the example: 2 ← 3 ← 4', async () => {
    const loaded = await loadWorkspace(EXAMPLE);
    expect(loaded.ok && (await checkAllPhases(loaded.workspace))).toEqual([]);
  });

  it('reports a predecessor that skips a wave', async () => {
    const { lines, at } = await phaseWith({ 4: '2' });
    expect(lines).toEqual([
      `${await at(4)} phase-predecessor-chain wave 4's predecessor is wave 2, skipping wave 3: the chain has a gap`,
    ]);
  });

  it('reports a predecessor without a spec', async () => {
    const { lines, at } = await phaseWith({}, [3]);
    expect(lines).toEqual([
      `${await at(4)} phase-predecessor-chain predecessor wave 3 has no spec in phase-02: the chain has a gap`,
    ]);
  });

  it('reports a second chain start', async () => {
    const { lines, at } = await phaseWith({ 3: 'null' });
    expect(lines).toEqual([
      `${await at(3)} phase-predecessor-chain wave 3 starts a second chain (predecessor: null), but wave 2 ` +
        'comes before it in phase-02; its predecessor should be wave 2',
    ]);
  });

  it('reports a cycle once, at its lowest wave', async () => {
    const { lines, at } = await phaseWith({ 2: '4' });
    expect(lines).toEqual([`${await at(2)} phase-predecessor-chain predecessor chain loops: wave 2 → 4 → 3 → 2`]);
  });

  it('reports a predecessor that comes after its wave', async () => {
    const { lines, at } = await phaseWith({ 3: '4', 4: '2' });
    expect(lines).toEqual([
      `${await at(3)} phase-predecessor-chain predecessor wave 4 does not come before wave 3`,
      `${await at(4)} phase-predecessor-chain wave 4's predecessor is wave 2, skipping wave 3: the chain has a gap`,
    ]);
  });

  it('reports a spec that does not load with its own diagnostics', async () => {
    const { lines } = await phaseWith({ 3: 'three' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^waves\/phase-02\/wave-3\.yaml:\d+:\d+ spec-invalid /);
  });
});
