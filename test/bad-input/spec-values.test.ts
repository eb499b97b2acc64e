import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE } from '../helpers/workspace.js';
import { compileAfter, lineOf, SPEC } from './harness.js';

// Case 6 of the bad-input issue: a value of the wrong type or an unknown key
// is an error at that value or key, with a "did you mean" where one is close,
// and every such error in a file is reported in the same run.

const original = readFileSync(path.join(EXAMPLE, SPEC), 'utf8');
const line = (needle: string) => lineOf(original, needle);

describe('spec values (case 6)', () => {
  it('points at a misspelt key and suggests the right one', async () => {
    const outcome = await compileAfter((ws) =>
      ws.edit(SPEC, (t) => t.replace('    backup_priority: important', '    backup_priorty: important')),
    );
    expect(outcome.exit).toBe(2);
    expect(outcome.diagnostics).toEqual([
      `${SPEC}:${line('backup_priority: important')}:5 error spec-invalid modules[1].backup_priorty: unknown ` +
        `key "backup_priorty"; did you mean "backup_priority"?`,
    ]);
    expect(outcome.promptsUntouched).toBe(true);
  });

  it('points at a value of the wrong type', async () => {
    const outcome = await compileAfter((ws) => ws.edit(SPEC, (t) => t.replace('wave: 4\n', 'wave: "4"\n')));
    expect(outcome.exit).toBe(2);
    expect(outcome.diagnostics).toEqual([
      `${SPEC}:${line('wave: 4')}:7 error spec-invalid wave: Invalid input: expected number, received string`,
    ]);
  });

  it('reports three bad values as three diagnostics, each at its value', async () => {
    const outcome = await compileAfter((ws) =>
      ws.edit(SPEC, (t) =>
        t
          .replace('phase: 2\n', 'phase: two\n')
          .replace('    kind: stateful\n    image', '    kind: statefull\n    image')
          .replace('  max_tokens: 4500', '  max_tokens: -3'),
      ),
    );
    expect(outcome.exit).toBe(2);
    expect(outcome.diagnostics).toEqual([
      `${SPEC}:${line('phase: 2')}:8 error spec-invalid phase: Invalid input: expected number, received string`,
      `${SPEC}:${line('kind: stateful')}:11 error spec-invalid modules[0].kind: Invalid option: expected one of ` +
        `"stateful"|"service"|"worker"`,
      `${SPEC}:${line('max_tokens: 4500')}:15 error spec-invalid budget.max_tokens: Too small: expected number ` +
        `to be >0`,
    ]);
    expect(outcome.promptsUntouched).toBe(true);
  });

  // zod reports a value matching no branch of `string | {id, text}` as "Invalid input"; the user needs the key.
  it('names the misspelt key inside an inline hard constraint', async () => {
    const outcome = await compileAfter((ws) =>
      ws.edit(SPEC, (t) =>
        t.replace('    - id: honcho-data-read-only\n      text:', '    - id: honcho-data-read-only\n      txt:'),
      ),
    );
    const at = line('- id: honcho-data-read-only');
    expect(outcome.diagnostics).toEqual([
      `${SPEC}:${at}:7 error spec-invalid hard_constraints.add[0]: missing required key "text"`,
      `${SPEC}:${at + 1}:7 error spec-invalid hard_constraints.add[0].txt: unknown key "txt"; did you mean "text"?`,
    ]);
  });

  it('says what a list entry may be when it is neither an id nor a mapping', async () => {
    const outcome = await compileAfter((ws) =>
      ws.edit(SPEC, (t) =>
        t.replace('    - id: honcho-data-read-only\n', '    - 42\n    - id: honcho-data-read-only\n'),
      ),
    );
    expect(outcome.diagnostics).toEqual([
      `${SPEC}:${line('- id: honcho-data-read-only')}:7 error spec-invalid hard_constraints.add[0]: Invalid ` +
        `input: expected string or object, received number`,
    ]);
  });

  it('names a missing required key at the mapping that lacks it', async () => {
    const outcome = await compileAfter((ws) => ws.edit(SPEC, (t) => t.replace(/^mission: >-\n(?: {2}.*\n)+/m, '')));
    expect(outcome.diagnostics).toEqual([
      `${SPEC}:${line('phase: 2')}:1 error spec-invalid missing required key "mission"`,
    ]);
  });
});

describe('config and front matter values (case 6)', () => {
  it('points at a misspelt config key', async () => {
    const outcome = await compileAfter((ws) =>
      ws.edit('wavec.config.yaml', (t) => t.replace('output_dir: prompts', 'output_dri: prompts')),
    );
    expect(outcome.exit).toBe(2);
    const config = readFileSync(path.join(EXAMPLE, 'wavec.config.yaml'), 'utf8');
    expect(outcome.diagnostics).toEqual([
      `wavec.config.yaml:${lineOf(config, 'output_dir: prompts')}:1 error config-invalid output_dri: unknown ` +
        `key "output_dri"; did you mean "output_dir"?`,
    ]);
  });

  it('points at a misspelt front matter key', async () => {
    const outcome = await compileAfter((ws) =>
      ws.edit('templates/constraints/no-merge.md', (t) =>
        t.replace('title: The agent never merges', 'titel: The agent never merges'),
      ),
    );
    expect(outcome.exit).toBe(2);
    expect(outcome.diagnostics).toEqual([
      'templates/constraints/no-merge.md:2:1 error fragment-invalid missing required key "title"',
      'templates/constraints/no-merge.md:4:1 error fragment-invalid titel: unknown key "titel"; did you mean "title"?',
    ]);
  });
});
