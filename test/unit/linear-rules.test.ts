import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { carryOwners, EDITED_OWNER } from '../../src/analyse/carry-owners.js';
import { nextSameOrHigher } from '../../src/analyse/section-ends.js';
import { lintPrompt } from '../../src/lint.js';
import { asksOperator } from '../../src/check/rules/destructive-command.js';
import { EXAMPLE } from '../helpers/workspace.js';

// The patterns these functions replace: equal answers, in linear instead of quadratic time.
const CONFIRMATION = new RegExp(
  /\boperator\b[^]*\b(?:confirm|approv)|\b(?:confirm|approv)[^]*\boperator\b|/.source +
    /\boperator-approved\b|\bask (?:the operator )?before\b/.source,
  'i',
);

const words = fc
  .array(
    fc.constantFrom(
      'operator',
      'Operator',
      'operators',
      'confirm',
      'confirmation',
      'approve',
      'approval',
      'Restore',
      'restored',
      'restore',
      'ask',
      'the',
      'before',
      'operator-approved',
      'x',
      ' ',
      ' ',
      '\n',
      ':',
      '-',
      '.',
      '_',
      'a',
      '  ',
      '\t',
    ),
    { maxLength: 20 },
  )
  .map((parts) => parts.join(''));

describe('destructive-command, linear', () => {
  it('asks the operator exactly when the old pattern said so (property)', () => {
    fc.assert(
      fc.property(words, (sentence) => {
        expect(asksOperator(sentence)).toBe(CONFIRMATION.test(sentence));
      }),
      { numRuns: 3000 },
    );
  });

  it(
    'checks one long sentence full of commands and operators (minutes with the old patterns; the test timeout ' +
      'bounds it)',
    async () => {
      const sentence = Array.from(
        { length: 1600 },
        (_, i) => `the operator may run rm -rf /data${i} and DROP TABLE t${i}`,
      );
      const text = `# T\n\n${sentence.join(' ')}\n`;
      const result = await lintPrompt(EXAMPLE, { path: 'long.md', text });
      expect(result.diagnostics.filter((d) => d.code === 'destructive-command')).toHaveLength(3200);
    },
  );
});

describe('no quadratic step on large prompts', () => {
  it('nextSameOrHigher finds where each section ends, as a search ahead does (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 6 }), { maxLength: 60 }), (depths) => {
        const headings = depths.map((depth) => ({ depth }));
        const expected = headings.map((h, i) => headings.findIndex((other, j) => j > i && other.depth <= h.depth));
        expect(nextSameOrHigher(headings)).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('carryOwners attributes the surviving lines of a prompt rewritten throughout, without an a×b table', () => {
    const compiled = Array.from({ length: 3000 }, (_, i) => `line ${i}`);
    const owners = compiled.map((_, i) => `fragment-${i % 7}`);
    const edited = compiled.map((line, i) => (i % 10 === 0 ? line : `rewritten ${i}`));
    const carried = carryOwners(compiled, owners, edited);
    edited.forEach((line, i) => expect(carried[i]).toBe(i % 10 === 0 ? owners[i] : EDITED_OWNER));
  });
});

it(
  'lint refuses Markdown over the limits compile enforces, at the place it crosses them, instead of parsing it ' +
    'for minutes',
  async () => {
    const text = `# T\n\nIntro.\n\n${'*a* '.repeat(200)}\n`;
    const result = await lintPrompt(EXAMPLE, { path: 'heavy.md', text });
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => [d.code, d.line, d.column, d.message])).toEqual([
      [
        'markdown-too-complex',
        5,
        513,
        'the prompt is too much to analyse: a paragraph has more than 256 emphasis and link markers (*, _, [)',
      ],
    ]);
  },
);
