import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../src/syntax/yaml.js';

const at = { file: 'waves/phase-01/wave-1.yaml' };

describe('parseYaml', () => {
  it('parses one document with the core schema', () => {
    expect(parseYaml('a: 1\nb: [x, true, null]\n', at)).toMatchObject({
      ok: true,
      yaml: { value: { a: 1, b: ['x', true, null] } },
    });
  });

  it('keeps dates as the strings they were written as', () => {
    const result = parseYaml('date: 2025-02-03\n', at);
    expect(result.ok && result.yaml.value).toEqual({ date: '2025-02-03' });
  });

  it('reports a syntax error at its line, shifted by firstLine', () => {
    const text = 'a: 1\nb: c: d\n';
    const diagnostic = {
      code: 'yaml-syntax',
      severity: 'error',
      message: 'Nested mappings are not allowed in compact mappings (BLOCK_AS_IMPLICIT_KEY)',
      file: 't.md',
      column: 4,
    };
    expect(parseYaml(text, { file: 't.md' })).toEqual({ ok: false, diagnostics: [{ ...diagnostic, line: 2 }] });
    expect(parseYaml(text, { file: 't.md', firstLine: 2 })).toEqual({
      ok: false,
      diagnostics: [{ ...diagnostic, line: 3 }],
    });
  });

  it('refuses duplicate keys at the second one', () => {
    expect(parseYaml('a: 1\nb: 2\na: 3\n', at)).toEqual({
      ok: false,
      diagnostics: [
        {
          code: 'yaml-syntax',
          severity: 'error',
          message: 'Map keys must be unique (DUPLICATE_KEY)',
          file: at.file,
          line: 3,
          column: 1,
        },
      ],
    });
  });

  it('refuses a second document', () => {
    expect(parseYaml('a: 1\n---\nb: 2\n', at)).toEqual({
      ok: false,
      diagnostics: [
        {
          code: 'yaml-multiple-documents',
          severity: 'error',
          message: 'expected one YAML document, found a second one',
          file: at.file,
          line: 2,
          column: 1,
        },
      ],
    });
  });

  it('refuses an unresolved !!js/function tag instead of warning', () => {
    expect(parseYaml('run: !!js/function "function () { return 1 }"\n', at)).toEqual({
      ok: false,
      diagnostics: [
        {
          code: 'yaml-syntax',
          severity: 'error',
          message: 'Unresolved tag: tag:yaml.org,2002:js/function (TAG_RESOLVE_FAILED)',
          file: at.file,
          line: 1,
          column: 6,
        },
      ],
    });
  });

  it('refuses __proto__ and constructor keys at any depth and leaves Object.prototype alone', () => {
    const result = parseYaml(
      '__proto__:\n  polluted: yes\nnested:\n  constructor:\n    prototype:\n      polluted: yes\n',
      at,
    );
    const message = (key: string) => `the key "${key}" is not allowed (it names an object prototype)`;
    expect(result).toEqual({
      ok: false,
      diagnostics: [
        {
          code: 'yaml-forbidden-key',
          severity: 'error',
          message: message('__proto__'),
          file: at.file,
          line: 1,
          column: 1,
        },
        {
          code: 'yaml-forbidden-key',
          severity: 'error',
          message: message('constructor'),
          file: at.file,
          line: 4,
          column: 3,
        },
        {
          code: 'yaml-forbidden-key',
          severity: 'error',
          message: message('prototype'),
          file: at.file,
          line: 5,
          column: 5,
        },
      ],
    });
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a forbidden key written as an alias', () => {
    const result = parseYaml('name: &p __proto__\n*p : { polluted: yes }\n', at);
    expect(result).toEqual({
      ok: false,
      diagnostics: [
        {
          code: 'yaml-forbidden-key',
          severity: 'error',
          message: 'the key "__proto__" is not allowed (it names an object prototype)',
          file: at.file,
          line: 2,
          column: 1,
        },
      ],
    });
  });

  it.each([
    ['a flow mapping', '{ a: 1 }: x\n', 1, 1],
    ['an explicit list', 'ok: 1\n? [a, b]\n: 1\n', 2, 3],
    ['an alias to a mapping', 'm: &m { a: 1 }\n*m : 2\n', 2, 1],
  ])('refuses %s as a key instead of stringifying it', (_, text, line, column) => {
    expect(parseYaml(text, at)).toEqual({
      ok: false,
      diagnostics: [
        {
          code: 'yaml-complex-key',
          severity: 'error',
          message: 'a mapping key must be a plain value, not a list or a mapping',
          file: at.file,
          line,
          column,
        },
      ],
    });
  });

  it('rejects a billion-laughs alias bomb instead of expanding it', () => {
    const lines = ['l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i < 10; i++)
      lines.push(
        `l${i}: &l${i} [${Array(10)
          .fill(`*l${i - 1}`)
          .join(', ')}]`,
      );
    expect(parseYaml(lines.join('\n'), at)).toEqual({
      ok: false,
      diagnostics: [
        {
          code: 'yaml-syntax',
          severity: 'error',
          message: 'YAML could not be read: Excessive alias count indicates a resource exhaustion attack',
          file: at.file,
          line: 1,
          column: 1,
        },
      ],
    });
  });

  it('still allows modest alias reuse', () => {
    const result = parseYaml('base: &b {x: 1}\none: *b\ntwo: *b\n', at);
    expect(result.ok && result.yaml.value).toEqual({ base: { x: 1 }, one: { x: 1 }, two: { x: 1 } });
  });

  it('reads an empty document as null', () => {
    expect(parseYaml('', at)).toMatchObject({ ok: true, yaml: { value: null } });
  });
});

describe('YamlSource.locate', () => {
  const result = parseYaml('top:\n  list:\n    - name: x\n      size: 3\n', { file: 't.md', firstLine: 5 });
  if (!result.ok) throw new Error('fixture must parse');
  const { locate } = result.yaml;

  it('points at a value, or at its key', () => {
    expect(locate(['top', 'list', 0, 'size'])).toEqual({ file: 't.md', line: 8, column: 13 });
    expect(locate(['top', 'list', 0, 'size'], 'key')).toEqual({ file: 't.md', line: 8, column: 7 });
  });

  it('points at a sequence item', () => {
    expect(locate(['top', 'list', 0])).toEqual({ file: 't.md', line: 7, column: 7 });
  });

  it('falls back to the deepest node that exists', () => {
    expect(locate(['top', 'missing', 'deeper'])).toEqual({ file: 't.md', line: 6, column: 3 });
  });

  it('points at the document start for the root', () => {
    expect(locate([])).toEqual({ file: 't.md', line: 5, column: 1 });
  });
});

describe('parseYaml: a comment that cuts a value short', () => {
  it('refuses `#29` glued to a plain value, at the #', () => {
    const result = parseYaml('modules:\n  - similar_to: n8n-worker (PR #29)\n', { file: 'w.yaml' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnostics).toEqual([
      {
        code: 'yaml-comment-in-value',
        severity: 'error',
        message: '"#29)" starts a YAML comment, so this value ends at "n8n-worker (PR"',
        file: 'w.yaml',
        line: 2,
        column: 32,
        hint: 'quote the whole value ("n8n-worker (PR #29)") if it belongs to it, or write the comment as "# 29)"',
      },
    ]);
  });

  it('accepts ordinary comments and quoted values', () => {
    expect(parseYaml('a: value # a note\nb: "PR #29"\n# whole line\nc: 1\n', { file: 'w.yaml' }).ok).toBe(true);
  });
});
