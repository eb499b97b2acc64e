import { readFile } from 'node:fs/promises';
import fc from 'fast-check';
import type { Nodes, Root } from 'mdast';
import { describe, expect, it } from 'vitest';
import { scanBlocks } from '../../src/syntax/blocks.js';
import { parseMarkdown, plainText } from '../../src/syntax/markdown.js';

/**
 * What the content rules read of mdast: block nodes with their offsets,
 * and in paragraphs and headings the plain text and the code spans. Emphasis
 * and other inline nodes are flattened, as the fast tree does.
 */
function project(node: Nodes): unknown {
  const at = {
    start: node.position?.start.offset,
    end: node.position?.end.offset,
    line: node.position?.start.line,
    column: node.position?.start.column,
  };
  switch (node.type) {
    case 'paragraph':
    case 'heading':
      return {
        type: node.type,
        ...at,
        depth: node.type === 'heading' ? node.depth : undefined,
        text: plainText(node),
        codes: inlineCodes(node),
      };
    case 'code':
      return { type: node.type, ...at, value: node.value, lang: node.lang ?? null, meta: node.meta ?? null };
    case 'root':
      return { type: node.type, children: node.children.map(project) };
    case 'list':
    case 'listItem':
      return { type: node.type, ...at, children: node.children.map(project) };
    default:
      return { type: node.type, ...at };
  }
}

function inlineCodes(node: Nodes): unknown[] {
  if (node.type === 'inlineCode')
    return [
      {
        start: node.position?.start.offset,
        end: node.position?.end.offset,
        line: node.position?.start.line,
        value: node.value,
      },
    ];
  return 'children' in node ? (node.children as Nodes[]).flatMap(inlineCodes) : [];
}

const reference = (text: string) => project(parseMarkdown(text));
const fast = (text: string) => {
  const root = scanBlocks(text);
  return root === undefined ? undefined : project(root as Root);
};

/** Lines from the Markdown prompts are written in, and from around its edges. */
const block = fc.constantFrom(
  '',
  '   ',
  '# Title',
  '## Section',
  '### Sub ###',
  '## `pg_dump` gate',
  '## **Bold** head',
  '#no space',
  '####### seven',
  '## #',
  '- item',
  '- item two',
  '* star',
  '+ plus',
  '  - nested',
  '    - deeper',
  ' - one space',
  '-  two spaces',
  '-     five',
  '-',
  '- ',
  '1. one',
  '2. two',
  '1) paren',
  '3. three',
  '10. ten',
  '  1. nested one',
  '   2. nested two',
  '```',
  '```sh',
  '~~~',
  '````',
  '``` `x`',
  '  ```',
  '```  ',
  '    code',
  '> quote',
  '<div>',
  '---',
  '***',
  '___',
  '- - -',
  '* * *',
  '===',
  '--',
  '| a | b |',
  '|---|---|',
  'Plain text',
  'Restore, in this order:',
  '**Runbook.** Health: `pg_isready` then `pg_dump`. Restore:',
  '- **DO NOT run `pg_dump`** here.',
  'text  ',
  '\ttab',
  '[ref]: /url',
  'a [link](x) b',
  'see <http://x>',
  'a &amp; b',
  'a \\* b',
);
const inlineText = fc
  .array(
    fc.constantFrom(
      'word',
      ' ',
      ' ',
      '*',
      '**',
      '_',
      '__',
      '***',
      '`',
      '``',
      'a`b`',
      '`x y`',
      '` `',
      '`  a  `',
      'snake_case',
      'x*y',
      '(',
      ')',
      '.',
      ',',
      ':',
      '“',
      '”',
      '—',
      '€',
      '\u00a0',
      'é',
      '#',
      '[',
      ']',
      '!',
      '<',
      '&',
      '~',
      '1.',
      '-',
      '+',
      '\\',
      '\u200b',
      'restore',
      'TODO',
    ),
    { maxLength: 14 },
  )
  .map((parts) => parts.join(''));
const line = fc.oneof(
  { weight: 3, arbitrary: block },
  { weight: 3, arbitrary: inlineText },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom('', '- ', '  - ', '1. ', '   ', '## ', '  ', '    ', '* '), inlineText)
      .map(([p, t]) => p + t),
  },
);

describe('scanBlocks', () => {
  it('gives the tree remark gives on the compiled example prompts and the charter', async () => {
    for (const file of ['prompts/phase-02-wave-2.md', 'prompts/phase-02-wave-3.md', 'prompts/phase-02-wave-4.md']) {
      const text = await readFile(file, 'utf8');
      expect(scanBlocks(text), file).toBeDefined();
      expect(fast(text), file).toEqual(reference(text));
    }
  });

  it.each([
    ['a block quote', '> quoted\n'],
    ['HTML', '<div>\n'],
    ['a setext heading', 'Title\n---\n'],
    ['indented code', '    code\n'],
    ['a link', 'see [this](https://example.com)\n'],
    ['a heading in a list item', '- item\n  # heading\n'],
    ['an unclosed fence', '```\ncode\n'],
  ])('defers to remark on %s', (_, text) => {
    expect(scanBlocks(text)).toBeUndefined();
  });

  it('resolves emphasis as remark does', () => {
    const text = '**Runbook.** Health: `pg_isready`. *a **b** c* and snake_case_name, 2*3*4, __x__y\n';
    expect(fast(text)).toEqual(reference(text));
    expect(plainText(scanBlocks(text)!)).toBe('Runbook. Health: pg_isready. a b c and snake_case_name, 234, __x__y');
  });

  it('agrees with remark whenever it answers (property)', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 16 }), fc.boolean(), (lines, finalNewline) => {
        const text = lines.join('\n') + (finalNewline ? '\n' : '');
        const ours = fast(text);
        if (ours !== undefined) expect(ours).toEqual(reference(text));
      }),
      { numRuns: Number(process.env.BLOCKS_RUNS ?? 1500) },
    );
  });
});
