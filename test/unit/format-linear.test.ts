import { describe, expect, it } from 'vitest';
import { diagnostic } from '../../src/diagnostics/diagnostic.js';
import { formatDiagnostic } from '../../src/diagnostics/format.js';

/** The fastest of a few runs after a warm-up, in milliseconds. */
function fastest(run: () => void, times = 5): number {
  run();
  let best = Infinity;
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    run();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

describe('the human diagnostic printer', () => {
  it('reads each file once for n findings: 4x the findings, about 4x the time (20,000 took 93 s)', () => {
    const print = (count: number): number => {
      const source = '- https://git.example/o/p/pulls/1\n'.repeat(count);
      const found = Array.from({ length: count }, (_, i) =>
        diagnostic('handback-pr-duplicate', 'error', 'given twice', { file: 'reply.md', line: i + 1, column: 3 }),
      );
      return fastest(() => {
        for (const d of found) formatDiagnostic(d, { sourceOf: () => source });
      });
    };
    // A busy machine slows one measurement down, never every one: measured again up to three times.
    const attempts: string[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      const small = print(5000);
      const large = print(20000);
      if (large < 8 * small + 10) return;
      attempts.push(`${small.toFixed(1)} ms, then ${large.toFixed(1)} ms`);
    }
    expect.fail(`not linear: ${attempts.join('; ')}`);
  });

  it('shows the line of each finding, the last one of a file included', () => {
    const source = 'one\ntwo\nthree\n';
    const at = (line: number) =>
      formatDiagnostic(diagnostic('file-not-found', 'error', 'm', { file: 'f.md', line, column: 1 }), {
        sourceOf: () => source,
      });
    expect(at(2)).toContain('  2 | two');
    expect(at(3)).toContain('  3 | three');
    expect(at(4)).toBe('f.md:4:1 error file-not-found m\n  4 | \n    | ^');
    expect(at(5)).toBe('f.md:5:1 error file-not-found m');
  });
});
