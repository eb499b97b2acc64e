import { describe, expect, it } from 'vitest';
import { compileAfter, fragment, MISSION, SPEC } from './harness.js';

// Cases 4 and 5 of the bad-input issue, through the whole CLI: YAML that is
// hostile or ambiguous is an error at its place, and nothing is written.

/** A spec that starts like the real one; `rest` is the YAML under test. */
const spec = (rest: string) => `phase: 2\nwave: 4\n${rest}`;

describe('hostile YAML in a spec (case 4)', () => {
  it('refuses a billion-laughs alias bomb without expanding it', async () => {
    const lines = ['l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i < 10; i++)
      lines.push(
        `l${i}: &l${i} [${Array(10)
          .fill(`*l${i - 1}`)
          .join(', ')}]`,
      );
    const outcome = await compileAfter((ws) => ws.write(SPEC, spec(lines.join('\n'))));
    expect(outcome.exit).toBe(2);
    expect(outcome.diagnostics).toEqual([
      `${SPEC}:1:1 error yaml-syntax YAML could not be read: Excessive alias count indicates a resource ` +
        `exhaustion attack`,
    ]);
    expect(outcome.promptsUntouched).toBe(true);
  });

  it('refuses an alias inside its own anchor (x: &a [*a]) at the alias, not with an internal error', async () => {
    const outcome = await compileAfter((ws) => ws.write(SPEC, spec('loop: &a [*a]\n')));
    expect(outcome.exit).toBe(2);
    expect(outcome.diagnostics).toEqual([
      `${SPEC}:3:11 error yaml-syntax the alias *a stands for the value it is written in (&a): a value cannot ` +
        'contain itself',
    ]);
    expect(outcome.promptsUntouched).toBe(true);
  });

  // Before the depth limit, the yaml library overflowed its stack and reported one error per level.
  it('refuses 5,000 nested [[[[ with one error at the first level past 64', { timeout: 10_000 }, async () => {
    const outcome = await compileAfter((ws) => ws.write(SPEC, spec(`deep: ${'['.repeat(5000)}${']'.repeat(5000)}\n`)));
    expect(outcome.exit).toBe(2);
    expect(outcome.diagnostics).toEqual([
      `${SPEC}:3:70 error yaml-too-deep lists and mappings are nested more than 64 levels deep`,
    ]);
    expect(outcome.promptsUntouched).toBe(true);
  });

  it('refuses 5,000 nested {{{{ the same way', { timeout: 10_000 }, async () => {
    const outcome = await compileAfter((ws) =>
      ws.write(SPEC, spec(`deep: ${'{a: '.repeat(5000)}1${'}'.repeat(5000)}\n`)),
    );
    expect(outcome.exit).toBe(2);
    expect(outcome.diagnostics).toEqual([
      `${SPEC}:3:259 error yaml-too-deep lists and mappings are nested more than 64 levels deep`,
    ]);
    expect(outcome.promptsUntouched).toBe(true);
  });

  it('refuses deep block nesting written with indentation', { timeout: 10_000 }, async () => {
    const nested = Array.from({ length: 100 }, (_, i) => `${'  '.repeat(i)}k:`).join('\n');
    const outcome = await compileAfter((ws) => ws.write(SPEC, spec(`${nested} x\n`)));
    expect(outcome.diagnostics).toEqual([
      `${SPEC}:67:129 error yaml-too-deep lists and mappings are nested more than 64 levels deep`,
    ]);
  });

  it('refuses a spec over 64 KiB before parsing it', { timeout: 10_000 }, async () => {
    const outcome = await compileAfter((ws) =>
      ws.write(SPEC, spec(`notes:\n${'  - a note that pads the spec out\n'.repeat(2100)}`)),
    );
    expect(outcome.exit).toBe(2);
    expect(outcome.diagnostics).toEqual([
      `${SPEC}:1:1 error yaml-too-large YAML is 71424 characters long; wavec reads YAML documents of up to ` +
        `65536 characters`,
    ]);
  });

  it.each([
    [
      '!!js/function',
      'title: !!js/function "function () { return process.exit(3) }"',
      'Unresolved tag: tag:yaml.org,2002:js/function (TAG_RESOLVE_FAILED)',
    ],
    ['an unknown local tag', 'title: !shout Honcho', 'Unresolved tag: !shout (TAG_RESOLVE_FAILED)'],
    [
      'a YAML 1.1 !!binary tag',
      'title: !!binary SG9uY2hv',
      'Unresolved tag: tag:yaml.org,2002:binary (TAG_RESOLVE_FAILED)',
    ],
    [
      'a YAML 1.1 !!timestamp tag',
      'title: !!timestamp 2025-02-03',
      'Unresolved tag: tag:yaml.org,2002:timestamp (TAG_RESOLVE_FAILED)',
    ],
  ])('refuses %s instead of warning', async (_, line, message) => {
    const outcome = await compileAfter((ws) => ws.edit(SPEC, (t) => t.replace('title: Honcho subsystem', line)));
    expect(outcome.exit).toBe(2);
    expect(outcome.diagnostics).toEqual([`${SPEC}:6:8 error yaml-syntax ${message}`]);
    expect(outcome.promptsUntouched).toBe(true);
  });

  it('refuses a duplicate key at the second occurrence', async () => {
    const outcome = await compileAfter((ws) =>
      ws.edit(SPEC, (t) => t.replace('subsystem: Honcho\n', 'subsystem: Honcho\ntitle: Honcho again\n')),
    );
    expect(outcome.exit).toBe(2);
    expect(outcome.diagnostics).toEqual([`${SPEC}:8:1 error yaml-syntax Map keys must be unique (DUPLICATE_KEY)`]);
    expect(outcome.promptsUntouched).toBe(true);
  });

  it('refuses a second YAML document', async () => {
    const outcome = await compileAfter((ws) => ws.edit(SPEC, (t) => `${t}---\nwave: 5\n`));
    expect(outcome.exit).toBe(2);
    expect(outcome.diagnostics).toHaveLength(1);
    expect(outcome.diagnostics[0]).toMatch(
      new RegExp(`^${SPEC}:\\d+:1 error yaml-multiple-documents expected one YAML document, found a second one$`),
    );
    expect(outcome.promptsUntouched).toBe(true);
  });
});

describe('__proto__ and constructor keys (case 5)', () => {
  it('are refused in a spec, every one of them, and no prototype changes', async () => {
    const outcome = await compileAfter((ws) =>
      ws.edit(SPEC, (t) =>
        t.replace(
          'subsystem: Honcho\n',
          'subsystem: Honcho\n__proto__:\n  polluted: true\ncompose_extra:\n  constructor:\n' +
            '    prototype: { polluted: true }\n',
        ),
      ),
    );
    expect(outcome.exit).toBe(2);
    expect(outcome.diagnostics).toEqual([
      `${SPEC}:8:1 error yaml-forbidden-key the key "__proto__" is not allowed (it names an object prototype)`,
      `${SPEC}:11:3 error yaml-forbidden-key the key "constructor" is not allowed (it names an object prototype)`,
      `${SPEC}:12:5 error yaml-forbidden-key the key "prototype" is not allowed (it names an object prototype)`,
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(outcome.promptsUntouched).toBe(true);
  });

  it('are refused in front matter', async () => {
    const outcome = await compileAfter((ws) =>
      ws.write(MISSION, fragment('mission', 'section\n"__proto__":\n  kind: layout', '## Mission\n')),
    );
    expect(outcome.exit).toBe(2);
    expect(outcome.diagnostics).toEqual([
      `${MISSION}:4:1 error yaml-forbidden-key the key "__proto__" is not allowed (it names an object prototype)`,
    ]);
    expect(({} as Record<string, unknown>).kind).toBeUndefined();
    expect(outcome.promptsUntouched).toBe(true);
  });
});
