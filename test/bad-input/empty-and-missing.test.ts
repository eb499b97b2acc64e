import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE } from '../helpers/workspace.js';
import { compileAfter, fragment, lineOf, MISSION, SPEC } from './harness.js';

// Case 15 of the bad-input issue: empty files, and references to things that
// do not exist, each an error at the file or the reference.

const specLine = (needle: string) => lineOf(readFileSync(path.join(EXAMPLE, SPEC), 'utf8'), needle);

describe('empty files (case 15)', () => {
  it.each([
    ['an empty spec', '', `${SPEC}:1:1 error spec-empty ${SPEC} is empty`],
    ['a spec of blank lines', '\n  \n', `${SPEC}:1:1 error spec-empty ${SPEC} is empty`],
    [
      'a spec of comments only',
      '# to do\n',
      `${SPEC}:1:1 error spec-empty ${SPEC} has no content (only comments or blank lines)`,
    ],
  ])('%s', async (_, text, expected) => {
    const outcome = await compileAfter((ws) => ws.write(SPEC, text));
    expect(outcome.exit).toBe(2);
    expect(outcome.diagnostics).toEqual([expected]);
    expect(outcome.promptsUntouched).toBe(true);
  });

  it('an empty fragment file', async () => {
    const outcome = await compileAfter((ws) => ws.write(MISSION, ''));
    expect(outcome.exit).toBe(2);
    expect(outcome.diagnostics).toEqual([
      `${MISSION}:1:1 error front-matter-missing expected YAML front matter starting with "---" on line 1`,
    ]);
  });

  it('a fragment with front matter and no body', async () => {
    const outcome = await compileAfter((ws) => ws.write(MISSION, fragment('mission', 'section', '\n')));
    expect(outcome.exit).toBe(2);
    expect(outcome.diagnostics).toEqual([
      `${MISSION}:6:1 error fragment-empty fragment "mission" has front matter but no body: it would render nothing`,
    ]);
    expect(outcome.promptsUntouched).toBe(true);
  });

  it('a fragment with empty front matter, every missing key named', async () => {
    const outcome = await compileAfter((ws) => ws.write(MISSION, '---\n---\n## Mission\n'));
    expect(outcome.diagnostics).toEqual([
      `${MISSION}:2:1 error fragment-invalid missing required key "id"`,
      `${MISSION}:2:1 error fragment-invalid missing required key "kind"`,
      `${MISSION}:2:1 error fragment-invalid missing required key "title"`,
    ]);
  });

  it('an empty charter', async () => {
    const outcome = await compileAfter((ws) => ws.write('charter/PLATFORM_CHARTER.md', ''));
    expect(outcome.exit).toBe(2);
    expect(outcome.diagnostics).toEqual([
      'charter/PLATFORM_CHARTER.md:1:1 error charter-empty charter/PLATFORM_CHARTER.md is empty: charter ' +
        'references need its § headings',
    ]);
    expect(outcome.promptsUntouched).toBe(true);
  });

  // Every key of wavec.config.yaml is optional: an empty file is the documented defaults, not an error.
  it('an empty config means every default', async () => {
    const outcome = await compileAfter((ws) => ws.write('wavec.config.yaml', ''));
    expect(outcome.exit).toBe(0);
    expect(outcome.diagnostics).toEqual([]);
    expect(await outcome.ws.read('prompts/phase-02-wave-4.md')).toBe(
      readFileSync(path.join(EXAMPLE, 'prompts/phase-02-wave-4.md'), 'utf8'),
    );
  });
});

describe('references to what does not exist (case 15)', () => {
  it('a missing predecessor, at the predecessor value', async () => {
    const outcome = await compileAfter((ws) => ws.edit(SPEC, (t) => t.replace('predecessor: 3', 'predecessor: 9')));
    expect(outcome.exit).toBe(2);
    expect(outcome.diagnostics).toEqual([
      `${SPEC}:${specLine('predecessor: 3')}:14 error spec-predecessor-missing predecessor wave 9 has no spec ` +
        `(expected waves/phase-02/wave-9.yaml)`,
    ]);
    expect(outcome.promptsUntouched).toBe(true);
  });

  it('a pattern id that does not exist, with the likely one', async () => {
    const outcome = await compileAfter((ws) =>
      ws.edit(SPEC, (t) => t.replace('pattern: stateful-redis', 'pattern: stateful-rediss')),
    );
    expect(outcome.exit).toBe(2);
    expect(outcome.diagnostics).toEqual([
      `${SPEC}:${specLine('pattern: stateful-redis')}:14 error pattern-unknown unknown pattern ` +
        `"stateful-rediss"; did you mean "stateful-redis"?`,
    ]);
  });

  it('a charter section the charter lacks, listing the ones it has', async () => {
    const outcome = await compileAfter((ws) => ws.edit(SPEC, (t) => t.replace('  - section: 13', '  - section: 14')));
    expect(outcome.exit).toBe(2);
    expect(outcome.diagnostics).toEqual([
      `${SPEC}:${specLine('- section: 13')}:14 error charter-section-unknown §14 is not a section of ` +
        `charter/PLATFORM_CHARTER.md (it has §1, §2, §3, §4, §5, §6, §7, §8, §9, §10, §11, §12, §13)`,
    ]);
  });

  it('a charter file that is missing', async () => {
    const outcome = await compileAfter((ws) => rm(path.join(ws.root, 'charter/PLATFORM_CHARTER.md')));
    expect(outcome.exit).toBe(2);
    expect(outcome.diagnostics).toEqual([
      'charter/PLATFORM_CHARTER.md:1:1 error file-not-found file not found: charter/PLATFORM_CHARTER.md',
    ]);
  });

  it('a wave with no spec is a usage error', async () => {
    const outcome = await compileAfter(async () => undefined, ['compile', '9']);
    expect(outcome.exit).toBe(2);
    expect(outcome.diagnostics).toEqual([
      'waves:1:1 error spec-not-found no spec for wave 9 under waves/ (expected waves/phase-NN/wave-9.yaml)',
    ]);
  });
});
