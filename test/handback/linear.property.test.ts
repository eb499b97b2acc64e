import fc from 'fast-check';
import { beforeAll, describe, it } from 'vitest';
import { readHandBack } from '../../src/handback/check.js';
import type { HandBackContract } from '../../src/handback/contract.js';
import { checkHandBack } from '../../src/handback/hand-back.js';
import { expectLinear, fastest } from '../helpers/linear.js';
import { EXAMPLE } from '../helpers/workspace.js';

let contract: HandBackContract;
beforeAll(async () => {
  // The contract without a compile: no token table in the heap, whose size every collection of garbage would pay for.
  contract = (await checkHandBack(EXAMPLE, { wave: 4 }, { path: 'reply.md', text: '' })).contract!;
});

/** `unit` repeated to about `bytes` characters. */
const grow = (unit: string, bytes: number) => unit.repeat(Math.max(1, Math.ceil(bytes / unit.length)));

/**
 * Holds that reading `unit` repeated to 4× `bytes` takes at most about 4× the time of `bytes` of it. Both sizes are
 * large enough that reading them collects garbage and leaves V8's fast paths for short strings: a 32 KB line was read
 * in 0.3 ms and a 128 KB one in 7 ms, a step that looks quadratic, while 128 KB to 512 KB took 4× as long.
 */
function expectLinearIn(measure: (text: string) => number, unit: string, bytes = 64 * 1024): void {
  expectLinear((size) => measure(grow(unit, size === 'small' ? bytes : 4 * bytes)), JSON.stringify(unit.slice(0, 80)));
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
  '[verified] ',
  '(assumed): ',
  'Verified — ',
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
      expectLinearIn(check, `## PR URLs${hostile.repeat(4096)}x`);
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
      expectLinearIn(check, line, 32 * 1024);
  });

  it('whatever the input is made of (property: doubling it twice at most about quadruples the time)', () => {
    fc.assert(
      fc.property(unit, (text) => {
        expectLinearIn(check, text);
      }),
      { numRuns: 15 },
    );
  });
});
