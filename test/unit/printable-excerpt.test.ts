import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/diagnostics/format.js';
import { printableExcerpt } from '../../src/diagnostics/printable.js';
import { findHiddenCharacters } from '../../src/util/hidden-characters.js';
import { expectLinear, fastest } from '../helpers/linear.js';

// Issue 21, item 7: a diagnostic's excerpt shows hidden characters escaped, never raw, with the caret still under
// the column; printing is linear in the number of findings.

const at = (file: string, line: number, column: number) =>
  ({ code: 'hidden-character', severity: 'error', message: 'hidden', file, line, column }) as const;

describe('the excerpt of a finding', () => {
  it('shows a bidi override, a zero-width space, a tag and a run of variation selectors as escapes', () => {
    const source = `title: pay\u202eyap\u200b now\u{e0041} ok❤\ufe0f\ufe0f\ufe0f\n`;
    const printed = formatDiagnostic(at('spec.yaml', 1, 11), { sourceOf: () => source });
    const excerpt = printed.split('\n')[1]!;
    expect(excerpt).toBe('  1 | title: pay\\u202eyap\\u200b now\\u{e0041} ok❤\ufe0f\\ufe0f\\ufe0f');
    expect(findHiddenCharacters(printed)).toEqual([]);
  });

  it('keeps the caret under the character the column names, escapes before it included', () => {
    const source = '\u202e\u200bab\u0007cd';
    const printed = formatDiagnostic(at('f.md', 1, 6), { sourceOf: () => source }).split('\n');
    const line = printed[1]!.slice(printed[1]!.indexOf('| ') + 2);
    const caret = printed[2]!.indexOf('^') - printed[2]!.indexOf('| ') - 2;
    expect(line.slice(caret)).toBe('cd');
  });

  it('nothing hidden is printed; the caret follows exactly what is shown before it', () => {
    const alphabet = fc.constantFrom(
      'a',
      'b',
      '\t',
      '\u202e',
      '\u200b',
      '\u0000',
      '\u2028',
      '\ufe0f',
      '\u{e0041}',
      'é',
    );
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }), fc.nat(), (chars, n) => {
        const line = chars.join('');
        // A column names a character, never half of a surrogate pair.
        const caret = chars.slice(0, chars.length === 0 ? 0 : n % (chars.length + 1)).join('').length;
        const shown = printableExcerpt(line, caret);
        expect(findHiddenCharacters(shown.text).filter((h) => h.codePoint !== 0xfe0f)).toEqual([]);
        expect(shown.text.slice(0, shown.caret)).toBe(printableExcerpt(line.slice(0, caret), caret).text);
      }),
    );
  });
});

describe('printing findings', () => {
  it('is linear in the number of findings about one file', () => {
    const source = (n: number) => Array.from({ length: n }, (_, i) => `- https://example.test/pulls/${i}`).join('\n');
    const measure = (size: 'small' | 'large') => {
      const n = size === 'small' ? 5_000 : 20_000;
      const text = source(n);
      return fastest(() => {
        for (let line = 1; line <= n; line++) formatDiagnostic(at('reply.md', line, 3), { sourceOf: () => text });
      }, 3);
    };
    expectLinear(measure, 'printing a finding per line of one file');
  });
});
