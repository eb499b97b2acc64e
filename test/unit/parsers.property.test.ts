import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitFrontMatter } from '../../src/load/front-matter.js';
import { parseYaml } from '../../src/syntax/yaml.js';
import { LineIndex } from '../../src/util/text.js';

/** Any text: ASCII with control characters, or any code point. */
const anyText = fc.oneof(
  fc.string({ unit: 'binary-ascii', maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
);

/** Text made of the pieces YAML and front matter are parsed from, so the parsers see more than plain words. */
const yamlish = fc
  .array(
    fc.constantFrom(
      '---',
      '...',
      '\n',
      '  ',
      '- ',
      ': ',
      'key',
      'a',
      '1',
      '[',
      ']',
      '{',
      '}',
      ',',
      '&x',
      '*x',
      '!!str ',
      '!!js/function ',
      '"',
      "'",
      '#',
      '|',
      '>',
      '? ',
      '%YAML 1.2',
      '__proto__',
      '\t',
      '\r\n',
      '\uFEFF',
      '🚀',
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(''));

const text = fc.oneof(
  anyText,
  yamlish,
  yamlish.map((body) => `---\n${body}`),
);

describe('splitFrontMatter', () => {
  it('never throws, and a split body is the file from bodyFirstLine on', () => {
    fc.assert(
      fc.property(text, (input) => {
        const result = splitFrontMatter(input, 't.md');
        if (!result.ok) {
          expect(result.diagnostics).toHaveLength(1);
          return;
        }
        expect(
          input
            .split('\n')
            .slice(result.split.bodyFirstLine - 1)
            .join('\n'),
        ).toBe(result.split.body);
        expect(
          input
            .split('\n')
            .slice(1, result.split.bodyFirstLine - 2)
            .join('\n'),
        ).toBe(result.split.yaml);
      }),
      { numRuns: 500 },
    );
  });
});

describe('parseYaml', () => {
  it('never throws, and every diagnostic points inside the text', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 20 }), (input, firstLine) => {
        const result = parseYaml(input, { file: 't.yaml', firstLine });
        const lastLine = firstLine + new LineIndex(input).lineCount - 1;
        for (const d of result.ok ? [] : result.diagnostics) {
          expect(d.line).toBeGreaterThanOrEqual(firstLine);
          expect(d.line).toBeLessThanOrEqual(lastLine);
          expect(d.column).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('LineIndex.position', () => {
  it('agrees with slicing the text at the offset', () => {
    const textAndOffset = anyText.chain((t) => fc.tuple(fc.constant(t), fc.integer({ min: 0, max: t.length })));
    fc.assert(
      fc.property(textAndOffset, ([input, offset]) => {
        const index = new LineIndex(input);
        const before = input.slice(0, offset);
        const { line, column } = index.position(offset);
        expect(line).toBe(before.split('\n').length);
        expect(column).toBe(before.length - before.lastIndexOf('\n'));
        expect(index.lineText(line).slice(0, column - 1)).toBe(before.slice(before.lastIndexOf('\n') + 1));
      }),
      { numRuns: 500 },
    );
  });
});
