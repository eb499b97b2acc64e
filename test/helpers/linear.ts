import { expect } from 'vitest';

/**
 * The least CPU time of a few runs after a warm-up, in milliseconds. CPU time, not wall time: on a machine busy with
 * other work (two cores, a parallel test tier) a run that is preempted waits without using the CPU, so wall time
 * measures the machine while CPU time measures the code.
 */
export function fastest(run: () => void, times = 5): number {
  run();
  let best = Infinity;
  for (let i = 0; i < times; i++) {
    const start = process.cpuUsage();
    run();
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

/**
 * Holds that `measure(large)` is at most about 8× `measure(small)` where `large` is 4× `small`: a linear pass takes
 * about 4×, a quadratic one 16×. A collection of garbage can slow one measurement down, never every one: the pair is
 * measured again up to three times before the test fails.
 */
export function expectLinear(measure: (size: 'small' | 'large') => number, what: string): void {
  const attempts: string[] = [];
  for (let attempt = 0; attempt < 3; attempt++) {
    const small = measure('small');
    const large = measure('large');
    if (large < 8 * small + 10) return;
    attempts.push(`${small.toFixed(1)} ms, then ${large.toFixed(1)} ms`);
  }
  expect.fail(`${what} ×4 is not linear: ${attempts.join('; ')}`);
}
