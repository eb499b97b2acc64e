import { describe, expect, it } from 'vitest';
import { compileAfter, fragment, MISSION } from './harness.js';

// Cases 7 and 8 of the bad-input issue: template problems are errors at the
// fragment's own line and column (front matter counted), found before
// anything renders when they can be, and all reported in one run.

const BAD = 'templates/sections/bad.md';
const HELPERS = 'helpers: charter, constraint, each, eq, if, inc, join, lookup, pattern, unless, with';
/** A section fragment no layout includes: the template check still reads it. */
const bad = (body: string) => (ws: { write: (file: string, text: string) => Promise<void> }) =>
  ws.write(BAD, fragment('bad', 'section', `## Bad\n\n${body}\n`));

describe('template errors at the fragment line (case 7)', () => {
  it('a missing field is an error at its place, not an empty string', async () => {
    const outcome = await compileAfter((ws) =>
      ws.write(MISSION, fragment('mission', 'section', '## Mission\n\nHello {{missing}}.\n')),
    );
    expect(outcome.exit).toBe(2);
    expect(outcome.diagnostics).toEqual([
      `${MISSION}:8:9 error template-missing-field "missing" is not defined in the render context (templates ` +
        `are strict: a missing field is an error)`,
    ]);
    expect(outcome.promptsUntouched).toBe(true);
  });

  it.each([
    ['an unknown helper', '{{shout title}}', `8:1 error template-unknown-helper unknown helper "shout" (${HELPERS})`],
    [
      'a misspelt helper',
      '{{jion modules ", "}}',
      `8:1 error template-unknown-helper unknown helper "jion"; did you mean "join"? (${HELPERS})`,
    ],
    ['a decorator', '{{* inline}}', '8:1 error template-decorator decorators ({{* ...}}) are not allowed in fragments'],
    [
      'a dynamic partial',
      'See {{> (lookup . "mission")}}',
      '8:5 error template-dynamic-partial dynamic partials ({{> (expr)}}) are not allowed: name the fragment id',
    ],
    [
      'a partial block',
      '{{#> mission}}fallback{{/mission}}',
      '8:1 error template-partial-block partial blocks ({{#> ...}}) are not allowed; include sections with {{> id}}',
    ],
    [
      'a Handlebars syntax error',
      'Hello {{foo',
      '8:7 error template-syntax Handlebars syntax error: unexpected end of template',
    ],
    // Handlebars itself refuses a string-named helper only at render time, past knownHelpersOnly's compile check.
    [
      'a helper named by a string literal',
      '{{"shout" title}}',
      '8:1 error template-literal-name a literal ("shout") cannot name a field or a helper: write the name ' +
        'without quotes',
    ],
    [
      'a field named by a string literal',
      '{{"constructor"}}',
      '8:1 error template-literal-name a literal ("constructor") cannot name a field or a helper: write the ' +
        'name without quotes',
    ],
  ])('%s', async (_, body, expected) => {
    const outcome = await compileAfter(bad(body));
    expect(outcome.exit).toBe(2);
    expect(outcome.diagnostics).toEqual([`${BAD}:${expected}`]);
    expect(outcome.promptsUntouched).toBe(true);
  });

  // Handlebars parses and renders blocks recursively: 2,000 nested {{#if}} overflowed the stack (an internal error),
  // 10,000 took a minute to parse.
  it.each([
    [
      '2,000 nested blocks',
      `${'{{#if title}}'.repeat(2000)}x${'{{/if}}'.repeat(2000)}`,
      '8:417 error template-too-complex blocks ({{#…}}) are nested more than 32 levels deep',
    ],
    [
      '40 nested subexpressions',
      `{{join ${'(join '.repeat(40)}modules${') '.repeat(40)}}}`,
      '8:1 error template-too-complex subexpressions ((…)) are nested more than 32 levels deep',
    ],
    [
      '2,100 tags in one fragment',
      '{{title}} '.repeat(2100),
      '8:20001 error template-too-complex more than 2000 {{…}} tags in one fragment',
    ],
  ])('refuses %s before Handlebars parses them', { timeout: 10_000 }, async (_, body, expected) => {
    const outcome = await compileAfter(bad(body));
    expect(outcome.exit).toBe(2);
    expect(outcome.diagnostics).toEqual([`${BAD}:${expected}`]);
  });

  it('reports runtime errors of two fragments in one run', async () => {
    const outcome = await compileAfter(async (ws) => {
      await ws.write(MISSION, fragment('mission', 'section', '## Mission\n\n{{missing}}\n'));
      await ws.edit('templates/sections/why.md', (t) => t.replace(/\n$/, '\n\n{{also_missing}}\n'));
    });
    expect(outcome.diagnostics).toEqual([
      `${MISSION}:8:3 error template-missing-field "missing" is not defined in the render context (templates ` +
        `are strict: a missing field is an error)`,
      expect.stringMatching(
        new RegExp(
          /^templates\/sections\/why\.md:\d+:3 error template-missing-field "also_missing" /.source +
            /is not defined in the render context \(templates are strict: a missing field is an error\)$/.source,
        ),
      ),
    ]);
  });

  it('reports check errors of several fragments in one run, with the spec errors', async () => {
    const outcome = await compileAfter(async (ws) => {
      await bad('{{shout title}}')(ws);
      await ws.write('templates/sections/bad-too.md', fragment('bad-too', 'section', '{{* inline}}\n'));
      await ws.edit('waves/phase-02/wave-4.yaml', (t) => t.replace('wave: 4\n', 'wave: four\n'));
    });
    expect(outcome.diagnostics).toEqual([
      'templates/sections/bad-too.md:6:1 error template-decorator decorators ({{* ...}}) are not allowed in fragments',
      `${BAD}:8:1 error template-unknown-helper unknown helper "shout" (${HELPERS})`,
      'waves/phase-02/wave-4.yaml:5:7 error spec-invalid wave: Invalid input: expected number, received string',
    ]);
  });
});

describe('partials that include each other (case 8)', () => {
  it('is found before rendering, with the cycle path', async () => {
    const outcome = await compileAfter(async (ws) => {
      await ws.write('templates/sections/a.md', fragment('a', 'section', '## A\n\n{{> b}}\n'));
      await ws.write('templates/sections/b.md', fragment('b', 'section', '## B\n\n{{> a}}\n'));
    });
    expect(outcome.exit).toBe(2);
    expect(outcome.diagnostics).toEqual([
      'templates/sections/b.md:8:1 error template-partial-cycle partials include each other: a → b → a',
    ]);
    expect(outcome.promptsUntouched).toBe(true);
  });

  it('prints a longer cycle whole', async () => {
    const outcome = await compileAfter(async (ws) => {
      await ws.write('templates/sections/a.md', fragment('a', 'section', '{{> b}}\n'));
      await ws.write('templates/sections/b.md', fragment('b', 'section', '{{> c}}\n'));
      await ws.write('templates/sections/c.md', fragment('c', 'section', '{{> a}}\n'));
    });
    expect(outcome.diagnostics).toEqual([
      'templates/sections/c.md:6:1 error template-partial-cycle partials include each other: a → b → c → a',
    ]);
  });
});
