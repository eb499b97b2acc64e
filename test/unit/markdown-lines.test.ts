import fc from 'fast-check';
import type { Code, Heading } from 'mdast';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../src/syntax/markdown.js';
import {
  atxHeading,
  closesFence,
  FenceTracker,
  fenceOpening,
  setextUnderline,
} from '../../src/syntax/markdown-lines.js';

describe('fenceOpening', () => {
  it.each([
    ['```', { char: '`', length: 3, indent: 0, info: '' }],
    ['   ~~~~ ts  ', { char: '~', length: 4, indent: 3, info: 'ts' }],
    ['~~~ a`b', { char: '~', length: 3, indent: 0, info: 'a`b' }],
  ])('reads %j as a fence', (line, expected) => {
    expect(fenceOpening(line)).toEqual(expected);
  });

  it.each([
    ['four spaces of indentation (indented code)', '    ```'],
    ['two backticks', '``'],
    ['a backtick in a backtick fence info string', '```a`b'],
    ['a tab before it', '\t```'],
  ])('does not read %s as a fence', (_, line) => {
    expect(fenceOpening(line)).toBeUndefined();
  });
});

describe('closesFence', () => {
  const opening = fenceOpening('````')!;
  it('takes a run of the same character at least as long, up to three spaces in and spaces after', () => {
    expect(['````', '`````', '   ````  \t'].map((line) => closesFence(line, opening))).toEqual([true, true, true]);
  });
  it('refuses a shorter run, the other character, an info string, four spaces in', () => {
    expect(['```', '~~~~', '```` ts', '    ````'].map((line) => closesFence(line, opening))).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('headings', () => {
  it.each([
    ['## Mission', { depth: 2, indent: 0, text: 'Mission', contentStart: 3 }],
    ['  #\tTabbed #  ', { depth: 1, indent: 2, text: 'Tabbed', contentStart: 4 }],
    ['### ###', { depth: 3, indent: 0, text: '', contentStart: 7 }],
    ['#', { depth: 1, indent: 0, text: '', contentStart: 1 }],
  ])('reads %j as an ATX heading', (line, expected) => {
    expect(atxHeading(line)).toEqual(expected);
  });

  it.each(['#hashtag', '####### seven', '    # indented code'])('does not read %j as an ATX heading', (line) => {
    expect(atxHeading(line)).toBeUndefined();
  });

  it('reads setext underlines', () => {
    expect(['===', '  --- ', '-- -', '=-'].map(setextUnderline)).toEqual([1, 2, undefined, undefined]);
  });
});

/** Lines a top-level text may hold: fences of both kinds and lengths, info strings, headings, text, blank lines. */
const LINE = fc.constantFrom(
  '```',
  '````',
  '~~~',
  '~~~~',
  '``` ts',
  '```a`b',
  '~~~ a`b',
  '   ```',
  ' ~~~ ',
  '``',
  '# heading',
  '## ```',
  'text',
  'text ```',
  '',
);

describe('FenceTracker', () => {
  it('puts a line in a fence exactly when remark puts it in fenced code', () => {
    fc.assert(
      fc.property(fc.array(LINE, { maxLength: 12 }), (lines) => {
        const text = lines.join('\n');
        const tracker = new FenceTracker();
        const ours = lines.map((line) => tracker.next(line) !== 'outside');
        const theirs = lines.map(() => false);
        for (const node of parseMarkdown(text).children.filter((n): n is Code => n.type === 'code')) {
          for (let line = node.position!.start.line; line <= node.position!.end.line; line++) theirs[line - 1] = true;
        }
        expect(ours).toEqual(theirs);
      }),
      { numRuns: 300 },
    );
  });

  it('finds the ATX headings remark finds outside fences', () => {
    fc.assert(
      fc.property(fc.array(LINE, { maxLength: 12 }), (lines) => {
        const tracker = new FenceTracker();
        const ours = lines.flatMap((line, i) => {
          const heading = tracker.next(line) === 'outside' ? atxHeading(line) : undefined;
          return heading ? [{ line: i + 1, depth: heading.depth }] : [];
        });
        const theirs = parseMarkdown(lines.join('\n'))
          .children.filter((n): n is Heading => n.type === 'heading')
          .map((n) => ({ line: n.position!.start.line, depth: n.depth }));
        expect(ours).toEqual(theirs);
      }),
      { numRuns: 300 },
    );
  });
});
