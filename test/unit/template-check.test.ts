import { describe, expect, it } from 'vitest';
import { parseFragment, type Fragment } from '../../src/load/fragments.js';
import { checkTemplate, findPartialCycles, type CheckedTemplate } from '../../src/render/template-check.js';

/** A fragment file whose front matter takes lines 1-5, so its body starts on line 6. */
function fragment(id: string, body: string, kind = 'section'): Fragment {
  const path = `templates/${id}.md`;
  const parsed = parseFragment({
    path,
    absolutePath: `/w/${path}`,
    text: `---\nid: ${id}\nkind: ${kind}\ntitle: ${id}\n---\n${body}`,
    hash: 'sha256:0',
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.diagnostics));
  return parsed.fragment;
}

const library = (...fragments: Fragment[]) => new Map(fragments.map((f) => [f.id, f]));

function check(body: string, ...others: Fragment[]) {
  const self = fragment('self', body);
  return checkTemplate(self, library(self, ...others));
}

const HELPERS = '(helpers: charter, constraint, each, eq, if, inc, join, lookup, pattern, unless, with)';
const error = (code: string, message: string, line: number, column: number, file = 'templates/self.md') => ({
  code,
  severity: 'error',
  message,
  file,
  line,
  column,
});

describe('checkTemplate', () => {
  it('accepts known helpers, field lookups and static partials, and lists the partials', () => {
    const result = check(
      '# {{title}}\n{{#each modules}}{{inc @index}}. {{join notes ", "}}\n{{/each}}\n{{> other}}\n',
      fragment('other', 'x'),
    );
    expect(result.diagnostics).toEqual([]);
    expect(result.template?.partials).toEqual(['other']);
  });

  it('refuses an unknown helper, with a suggestion', () => {
    expect(check('intro\n{{joyn items ", "}}\n').diagnostics).toEqual([
      error('template-unknown-helper', `unknown helper "joyn"; did you mean "join"? ${HELPERS}`, 7, 1),
    ]);
  });

  it('finds unknown helpers in nested blocks and subexpressions', () => {
    expect(check('{{#if (frobnicate x)}}{{/if}}').diagnostics).toEqual([
      error('template-unknown-helper', `unknown helper "frobnicate" ${HELPERS}`, 6, 7),
    ]);
  });

  it('refuses a call through a path', () => {
    expect(check('{{../join items}}').diagnostics).toEqual([
      error('template-unknown-helper', '"../join" cannot be called as a helper', 6, 1),
    ]);
  });

  it('refuses decorators', () => {
    expect(check('{{* inline}}').diagnostics).toEqual([
      error('template-decorator', 'decorators ({{* ...}}) are not allowed in fragments', 6, 1),
    ]);
  });

  it('refuses dynamic partials', () => {
    expect(check('{{> (lookup . "name")}}').diagnostics).toEqual([
      error('template-dynamic-partial', 'dynamic partials ({{> (expr)}}) are not allowed: name the fragment id', 6, 1),
    ]);
  });

  it('refuses partial blocks', () => {
    expect(check('{{#> other}}fallback{{/other}}', fragment('other', 'x')).diagnostics).toEqual([
      error(
        'template-partial-block',
        'partial blocks ({{#> ...}}) are not allowed; include sections with {{> id}}',
        6,
        1,
      ),
    ]);
  });

  it('refuses an unknown partial, with a suggestion', () => {
    expect(check('a\nb {{> backup-polcy}}', fragment('backup-policy', 'x')).diagnostics).toEqual([
      error('template-unknown-partial', 'unknown partial "backup-polcy"; did you mean "backup-policy"?', 7, 3),
    ]);
  });

  it('refuses including a layout', () => {
    expect(check('{{> master}}', fragment('master', 'x', 'layout')).diagnostics).toEqual([
      error('template-unknown-partial', 'unknown partial "master" (a layout cannot be included)', 6, 1),
    ]);
  });

  it('reports a Handlebars syntax error at the file line, front matter included', () => {
    const result = check('# Title\n\nsee {{foo\n');
    expect(result).toEqual({
      diagnostics: [error('template-syntax', 'Handlebars syntax error: unexpected end of template', 8, 5)],
    });
  });
});

describe('findPartialCycles', () => {
  function checkAll(...fragments: Fragment[]): Map<string, CheckedTemplate> {
    const lib = library(...fragments);
    const checked = new Map<string, CheckedTemplate>();
    for (const f of fragments) {
      const result = checkTemplate(f, lib);
      if (!result.template) throw new Error(JSON.stringify(result.diagnostics));
      checked.set(f.id, result.template);
    }
    return checked;
  }

  it('reports a cycle once, at the include that closes it, with its path', () => {
    const templates = checkAll(fragment('a', 'x\n{{> b}}\n'), fragment('b', 'y\n\n{{> a}}\n'));
    expect(findPartialCycles(templates)).toEqual([
      error('template-partial-cycle', 'partials include each other: a \u2192 b \u2192 a', 8, 1, 'templates/b.md'),
    ]);
  });

  it('points at the include of the exact id, not one with that id as a prefix', () => {
    const templates = checkAll(
      fragment('a', '{{> b}}\n'),
      fragment('b', '{{> a-extra}}\n{{> a}}\n'),
      fragment('a-extra', 'z\n'),
    );
    expect(findPartialCycles(templates)).toEqual([
      error('template-partial-cycle', 'partials include each other: a \u2192 b \u2192 a', 7, 1, 'templates/b.md'),
    ]);
  });

  it('reports a fragment that includes itself', () => {
    expect(findPartialCycles(checkAll(fragment('loop', '{{> loop}}')))).toEqual([
      error('template-partial-cycle', 'partials include each other: loop \u2192 loop', 6, 1, 'templates/loop.md'),
    ]);
  });

  it('finds nothing in a diamond', () => {
    const templates = checkAll(
      fragment('top', '{{> left}}{{> right}}'),
      fragment('left', '{{> base}}'),
      fragment('right', '{{> base}}'),
      fragment('base', 'b'),
    );
    expect(findPartialCycles(templates)).toEqual([]);
  });
});
