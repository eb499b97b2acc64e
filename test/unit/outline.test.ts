import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { headingsOf, parseMarkdown } from '../../src/syntax/markdown.js';
import { scanHeadings } from '../../src/syntax/outline.js';

const reference = (text: string) => headingsOf(parseMarkdown(text));

describe('scanHeadings', () => {
  it('finds ATX headings and skips fenced code', () => {
    const text = '# Title\n\nText\n\n## Section ##\n\n```sh\n# not a heading\n```\n\n### Deep\n';
    expect(scanHeadings(text)).toEqual([
      { depth: 1, text: 'Title', line: 1, column: 1, offset: 0 },
      { depth: 2, text: 'Section', line: 5, column: 1, offset: 15 },
      { depth: 3, text: 'Deep', line: 11, column: 1, offset: 57 },
    ]);
  });

  it.each([
    ['a setext heading', 'Title\n=====\n'],
    ['an indented heading', ' # maybe in a list\n'],
    ['inline markup in a heading', '## **bold**\n'],
    ['an HTML block', '<div>\n# x\n</div>\n'],
    ['an indented fence', '- item\n  ```\n# Heading\n'],
  ])('defers to the parser on %s', (_, text) => {
    expect(scanHeadings(text)).toBeUndefined();
  });

  it('agrees with remark on the compiled example prompts', async () => {
    const { readFile } = await import('node:fs/promises');
    for (const wave of [2, 3, 4]) {
      const text = await readFile(`prompts/phase-02-wave-${wave}.md`, 'utf8');
      expect(scanHeadings(text)).toEqual(reference(text));
    }
  });

  it('agrees with remark whenever it answers (property)', () => {
    const line = fc.oneof(
      fc.constantFrom(
        '',
        '# Title',
        '## Section',
        '### Sub ###',
        '#### Four',
        '#no space',
        '####### seven',
        '- item',
        '  - nested',
        '1. one',
        '```',
        '```sh',
        '~~~',
        '````',
        '    # indented code',
        '> # quote',
        'Plain text',
        '---',
        '***',
        '===',
        '| a | b |',
        '|---|---|',
        '- # heading in list',
        '  # two spaces',
        '## OPEN_LOOPS: mark',
        '## _emph_',
        '## a_b_c d_',
        '## Mission · Why (charter §13)',
        '##',
        '# trailing #',
        'text #',
        '\t# tab',
      ),
      fc.string({ maxLength: 12 }),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 25 }), (lines) => {
        const text = `${lines.join('\n')}\n`;
        const fast = scanHeadings(text);
        if (fast !== undefined) expect(fast).toEqual(reference(text));
      }),
      { numRuns: 400 },
    );
  });
});
