import { describe, expect, it } from 'vitest';
import { splitFrontMatter } from '../../src/load/front-matter.js';

describe('splitFrontMatter', () => {
  it('splits YAML from the body and reports where each starts', () => {
    const result = splitFrontMatter('---\nid: a\nkind: section\n---\n# Title\nbody\n', 't.md');
    expect(result).toEqual({
      ok: true,
      split: { yaml: 'id: a\nkind: section', yamlFirstLine: 2, body: '# Title\nbody\n', bodyFirstLine: 5 },
    });
  });

  it('accepts trailing spaces on the fences and an empty block', () => {
    const result = splitFrontMatter('--- \n---\t\nbody', 't.md');
    expect(result).toEqual({ ok: true, split: { yaml: '', yamlFirstLine: 2, body: 'body', bodyFirstLine: 3 } });
  });

  it('ends the block at the first closing fence, not at a later one', () => {
    const result = splitFrontMatter('---\na: 1\n---\ntext\n---\nmore\n', 't.md');
    expect(result.ok && result.split.body).toBe('text\n---\nmore\n');
  });

  it.each(['js', 'javascript', 'JavaScript'])('refuses ---%s front matter without evaluating it', (language) => {
    const result = splitFrontMatter(`---${language}\nmodule.exports = { id: "x" }\n---\nbody\n`, 't.md');
    expect(result).toEqual({
      ok: false,
      diagnostics: [
        {
          code: 'front-matter-language',
          severity: 'error',
          message:
            `front matter in "${language}" is not supported: only YAML front matter ("---") is read, and it is ` +
            'never executed',
          file: 't.md',
          line: 1,
          column: 4,
        },
      ],
    });
  });

  it('reports a block that is never closed instead of reading the whole file as YAML', () => {
    const result = splitFrontMatter('---\nid: a\n# Title\n', 't.md');
    expect(result).toEqual({
      ok: false,
      diagnostics: [
        {
          code: 'front-matter-unclosed',
          severity: 'error',
          message: 'front matter opened on line 1 is never closed with "---"',
          file: 't.md',
          line: 1,
          column: 1,
        },
      ],
    });
  });

  it.each(['# Title\n', '', ' ---\nid: a\n---\n'])('reports missing front matter in %j', (text) => {
    const result = splitFrontMatter(text, 't.md');
    expect(result).toEqual({
      ok: false,
      diagnostics: [
        {
          code: 'front-matter-missing',
          severity: 'error',
          message: 'expected YAML front matter starting with "---" on line 1',
          file: 't.md',
          line: 1,
          column: 1,
        },
      ],
    });
  });
});
