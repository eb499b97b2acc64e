import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPhase } from '../../src/check/phase.js';
import type { LoadedSpec, WaveRef } from '../../src/load/specs.js';
import type { Workspace } from '../../src/load/workspace.js';

/** A phase of waves 1..n whose predecessors are `links[i]` (null: a chain start), as loaded specs in memory. */
function phaseOf(links: (number | null)[]): Workspace {
  const refs: WaveRef[] = links.map((_, i) => ({ phase: 1, wave: i + 1, path: `waves/phase-01/wave-${i + 1}.yaml` }));
  const loaded = links.map(
    (predecessor, i) =>
      ({
        spec: { phase: 1, wave: i + 1, predecessor, modules: [] },
        file: { path: refs[i]!.path },
        yaml: { locate: () => ({ file: refs[i]!.path, line: 1, column: 1 }) },
      }) as unknown as LoadedSpec,
  );
  return {
    config: { rules: {} },
    specs: {
      waves: () => Promise.resolve(refs),
      load: (ref: WaveRef) => Promise.resolve({ ok: true, loaded: loaded[ref.wave - 1]! }),
    },
  } as unknown as Workspace;
}

/** The cycles as the first implementation found them: a walk from every wave, scanning its path at each step. */
function cyclesByWalkingFromEveryWave(links: (number | null)[]): string[] {
  const byWave = new Map(links.map((p, i) => [i + 1, p]));
  const inCycle = new Set<number>();
  const found: string[] = [];
  for (let start = 1; start <= links.length; start++) {
    const path: number[] = [];
    let wave: number | null | undefined = start;
    while (wave !== null && wave !== undefined && byWave.has(wave) && !path.includes(wave) && !inCycle.has(wave)) {
      path.push(wave);
      wave = byWave.get(wave);
    }
    if (wave === null || wave === undefined || !path.includes(wave)) continue;
    const cycle = path.slice(path.indexOf(wave));
    for (const w of cycle) inCycle.add(w);
    const lowest = Math.min(...cycle);
    const order = [...cycle.slice(cycle.indexOf(lowest)), ...cycle.slice(0, cycle.indexOf(lowest)), lowest];
    found.push(`predecessor chain loops: wave ${order.join(' → ')}`);
  }
  return found.sort();
}

describe('phase-predecessor-chain walks each wave once', () => {
  it('finds the same cycles as a walk from every wave (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .integer({ min: 1, max: 12 })
          .chain((n) => fc.array(fc.option(fc.integer({ min: 1, max: n + 2 })), { minLength: n, maxLength: n })),
        async (links) => {
          const loops = (await checkPhase(phaseOf(links), 1))
            .map((d) => d.message)
            .filter((m) => m.startsWith('predecessor chain loops'))
            .sort();
          expect(loops).toEqual(cyclesByWalkingFromEveryWave(links));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('checks a phase of 5,000 waves in one chain without a walk per wave', async () => {
    const links = Array.from({ length: 5_000 }, (_, i) => (i === 0 ? null : i));
    // CPU time, not wall time: a preempted run waits without using the CPU (see test/helpers/linear.ts).
    const start = process.cpuUsage();
    expect(await checkPhase(phaseOf(links), 1)).toEqual([]);
    // A walk from every wave to the chain start, scanning its path at each step, is about 10^10 steps here.
    const used = process.cpuUsage(start);
    expect((used.user + used.system) / 1000).toBeLessThan(5_000);
  });
});
