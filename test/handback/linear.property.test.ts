import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { readHandBack } from '../../src/handback/check.js';
import type { HandBackContract } from '../../src/handback/contract.js';
import { checkHandBack } from '../../src/handback/hand-back.js';
import { EXAMPLE } from '../helpers/workspace.js';

let contract: HandBackContract;
beforeAll(async () => {
  // The contract without a compile: no token table in the heap, whose size every collection of garbage would pay for.
  contract = (await checkHandBack(EXAMPLE, { wave: 4 }, { path: 'reply.md', text: '' })).contract!;
});

/**
 * The fastest of a few runs after a warm-up, in milliseconds: the least disturbed by the compiler and by whatever
 * else the machine is doing.
 */
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

/** `unit` repeated to about `bytes` characters. */
const grow = (unit: string, bytes: number) => unit.repeat(Math.max(1, Math.ceil(bytes / unit.length)));

/**
 * Doubling the input twice at most about quadruples the time, where a
 * quadratic pass (a regex anchored at the end, a search from every line)
 * multiplies it by 16. A busy machine (or a collection of garbage) can slow
 * one measurement down, never every one: the pair is measured again up to
 * three times before the test fails.
 */
function expectLinear(measure: (text: string) => number, unit: string, bytes = 24 * 1024): void {
  const small = grow(unit, bytes);
  const large = grow(unit, 4 * bytes);
  const attempts: string[] = [];
  for (let attempt = 0; attempt < 3; attempt++) {
    const a = measure(small);
    const b = measure(large);
    if (b < 8 * a + 10) return;
    attempts.push(`${a.toFixed(1)} ms, then ${b.toFixed(1)} ms`);
  }
  expect.fail(`${JSON.stringify(unit.slice(0, 80))} ×4 is not linear: ${attempts.join('; ')}`);
}

/** Pieces of Markdown and of a hand-back, the hostile ones among them (long runs of what a pattern backtracks on). */
const piece = fc.constantFrom(
  ' ',
  '\t',
  '#',
  '*',
  '_',
  '`',
  '|',
  ':',
  '-',
  '1. ',
  '- ',
  '## ',
  '**',
  '\n',
  '\n\n',
  '<!--',
  '-->',
  '```',
  'https://g.example/o/p/pulls/',
  '42',
  'blocked',
  'none',
  'honcho-api',
  'apps-honcho-redis-1',
  'audit found',
  'manifest declares',
  'UNVERIFIED',
  'verified',
  'running',
  'Health',
  'Noticed, not done',
  'PR URLs',
  'Per module',
  'n/a',
);
const unit = fc
  .tuple(fc.array(piece, { minLength: 1, maxLength: 12 }), fc.integer({ min: 1, max: 400 }))
  .map(([pieces, run]) => pieces.map((p, i) => (i === 0 ? p.repeat(run) : p)).join(''));

describe('the hand-back reader takes time linear in the reply', () => {
  const check = (text: string) => fastest(() => readHandBack(contract, { path: 'reply.md', text }));

  it('on one long line of what its patterns backtrack on (a 100 KB line took over 20 s)', () => {
    for (const hostile of [' ', '#', '*', '_', ' #*_', '`', '|', ':', '- ', '|a'])
      expectLinear(check, `## PR URLs${hostile.repeat(4096)}x`);
  });

  it('on many lines: URLs, duplicates, blocked reports, module lines, blank lines, list items', () => {
    for (const line of [
      '- https://git.example/o/p/pulls/1\n',
      '- honcho-api: blocked blocked\n',
      '- honcho-api: audit found x; manifest declares y; UNVERIFIED: z\n',
      '\n',
      '- a\n',
      '| honcho-api | running |\n',
      '<!-- a -->\n',
    ])
      expectLinear(check, line, 16 * 1024);
  });

  it('whatever the input is made of (property: doubling it twice at most about quadruples the time)', () => {
    fc.assert(
      fc.property(unit, (text) => {
        expectLinear(check, text, 12 * 1024);
      }),
      { numRuns: 25 },
    );
  });
});
