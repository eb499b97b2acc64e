import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../src/syntax/yaml.js';
import { WavecConfig } from '../../src/schema/config.js';
import { FragmentMeta } from '../../src/schema/fragment.js';
import { WaveSpec } from '../../src/schema/spec.js';
import { formatPath, validate } from '../../src/validate/validate.js';

function yamlOf(text: string, file: string, firstLine = 1) {
  const parsed = parseYaml(text, { file, firstLine });
  if (!parsed.ok) throw new Error(`fixture does not parse: ${JSON.stringify(parsed.diagnostics)}`);
  return parsed.yaml;
}

const error = (file: string, line: number, column: number, message: string, code = 'spec-invalid') => ({
  code,
  severity: 'error',
  message,
  file,
  line,
  column,
});

describe('validate', () => {
  it('reports an unknown key at the key, with a suggestion', () => {
    const text = 'id: backups\nkind: section\ntitle: Backups\ndescrption: typo\n';
    expect(validate(FragmentMeta, yamlOf(text, 'templates/b.md', 2), 'fragment-invalid')).toEqual({
      ok: false,
      diagnostics: [
        error(
          'templates/b.md',
          5,
          1,
          'descrption: unknown key "descrption"; did you mean "description"?',
          'fragment-invalid',
        ),
      ],
    });
  });

  it('suggests nested keys from the object at that path, through arrays', () => {
    const text = 'modules:\n  - id: db\n    pattern: postgres\n    kind: stateful\n    backup_priorty: critical\n';
    const result = validate(WaveSpec, yamlOf(text, 'w.yaml'), 'spec-invalid');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.diagnostics).toContainEqual(
      error('w.yaml', 5, 5, 'modules[0].backup_priorty: unknown key "backup_priorty"; did you mean "backup_priority"?'),
    );
  });

  it('offers no suggestion when no key is close', () => {
    const text = 'id: a\nkind: section\ntitle: A\nzzzzzz: 1\n';
    expect(validate(FragmentMeta, yamlOf(text, 't.md'), 'fragment-invalid')).toEqual({
      ok: false,
      diagnostics: [error('t.md', 4, 1, 'zzzzzz: unknown key "zzzzzz"', 'fragment-invalid')],
    });
  });

  it('reports a wrong type at the value, and every issue rather than the first', () => {
    const text = 'budget:\n  max_tokens: many\n  max_lines: -1\nencoding: p50k_base\n';
    const result = validate(WavecConfig, yamlOf(text, 'wavec.config.yaml'), 'config-invalid');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.diagnostics).toEqual(
      expect.arrayContaining([
        error(
          'wavec.config.yaml',
          2,
          15,
          'budget.max_tokens: Invalid input: expected number, received string',
          'config-invalid',
        ),
        error('wavec.config.yaml', 3, 14, 'budget.max_lines: Too small: expected number to be >0', 'config-invalid'),
        error(
          'wavec.config.yaml',
          4,
          11,
          'encoding: Invalid option: expected one of "o200k_base"|"cl100k_base"',
          'config-invalid',
        ),
      ]),
    );
    expect(!result.ok && result.diagnostics).toHaveLength(3);
  });

  it('reports a missing required key at the root of the document', () => {
    const result = validate(FragmentMeta, yamlOf('id: a\nkind: section\n', 't.md', 2), 'fragment-invalid');
    expect(result).toEqual({
      ok: false,
      diagnostics: [error('t.md', 2, 1, 'missing required key "title"', 'fragment-invalid')],
    });
  });

  it('applies defaults and returns the parsed value', () => {
    const result = validate(WavecConfig, yamlOf('', 'wavec.config.yaml'), 'config-invalid');
    expect(result.ok && result.value).toMatchObject({
      templates_dir: 'templates',
      encoding: 'o200k_base',
      budget: { max_tokens: 6000 },
    });
  });
});

describe('formatPath', () => {
  it('writes paths the way a user would', () => {
    expect(formatPath([])).toBe('(root)');
    expect(formatPath(['title'])).toBe('title');
    expect(formatPath(['modules', 0, 'backup_priority'])).toBe('modules[0].backup_priority');
    expect(formatPath(['a', 1, 2, 'b', 'c'])).toBe('a[1][2].b.c');
  });
});
