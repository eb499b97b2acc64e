import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/workspace.js';
import { compileAfter, fragment, SPEC, type Workspace } from './harness.js';

// A held-out set of malformed workspaces: each is the example workspace with
// one or two small edits of the kind people and agents make, none of them
// the fixtures the per-case tests were written against. Each must get a
// located error (file:line:col, code, message) and leave prompts/ untouched.

const WAVE_3 = 'waves/phase-02/wave-3.yaml';

interface HeldOut {
  name: string;
  break: (ws: Workspace) => Promise<unknown>;
  expected: string[];
}

const CASES: HeldOut[] = [
  {
    name: 'a tab used for indentation in the spec',
    break: (ws) => ws.edit(SPEC, (t) => t.replace('compose:\n  project:', 'compose:\n\tproject:')),
    expected: [
      `${SPEC}:9:1 error yaml-syntax Tabs are not allowed as indentation (TAB_AS_INDENT)`,
      `${SPEC}:9:11 error yaml-syntax Implicit keys need to be on a single line (MULTILINE_IMPLICIT_KEY)`,
      `${SPEC}:9:11 error yaml-syntax Nested mappings are not allowed in compact mappings (BLOCK_AS_IMPLICIT_KEY)`,
    ],
  },
  {
    name: 'two modules with one id',
    break: (ws) => ws.edit(SPEC, (t) => t.replace('  - id: honcho-api\n', '  - id: honcho-redis\n')),
    expected: [
      `${SPEC}:72:9 error spec-duplicate-id id "honcho-redis" is used twice in this wave (first at modules.1.id)`,
    ],
  },
  {
    name: 'a pattern named by one word of its id',
    break: (ws) => ws.edit(SPEC, (t) => t.replace('pattern: stateless-worker', 'pattern: worker')),
    expected: [`${SPEC}:79:14 error pattern-unknown unknown pattern "worker"; did you mean "stateless-worker"?`],
  },
  {
    name: 'a stated PR total that the plan does not derive',
    break: (ws) => ws.edit(SPEC, (t) => t.replace('  total: 5', '  total: 4')),
    expected: [
      `${SPEC}:133:10 error pr-plan-total pr_plan.total is 4, but the plan derives 5 (4 modules + 1 cross-module task)`,
    ],
  },
  {
    name: 'dropping a constraint nobody inherited',
    break: (ws) =>
      ws.edit(SPEC, (t) =>
        t.replace(
          'hard_constraints:\n  add:',
          'hard_constraints:\n  drop:\n    - id: no-merg\n      reason: the operator merges now\n  add:',
        ),
      ),
    expected: [
      `${SPEC}:98:11 error constraint-unknown cannot drop "no-merg": no inherited constraint has that id; did ` +
        `you mean "no-merge"?`,
    ],
  },
  {
    name: 'a pattern id where a constraint id belongs',
    break: (ws) =>
      ws.edit(SPEC, (t) =>
        t.replace('hard_constraints:\n  add:\n', 'hard_constraints:\n  add:\n    - stateful-redis\n'),
      ),
    expected: [`${SPEC}:98:7 error constraint-unknown "stateful-redis" is a pattern fragment, not a constraint`],
  },
  {
    name: 'a stateful module without a backup priority',
    break: (ws) => ws.edit(SPEC, (t) => t.replace('    backup_priority: critical\n', '')),
    expected: [
      `${SPEC}:54:5 error spec-invalid modules[0].backup_priority: a stateful module needs a backup_priority ` +
        `(critical | important | non-critical)`,
    ],
  },
  {
    name: 'a constraint fragment copied under a new name without a new id',
    break: async (ws) =>
      ws.write('templates/constraints/no-merge-copy.md', await ws.read('templates/constraints/no-merge.md')),
    expected: [
      'templates/constraints/no-merge.md:2:1 error fragment-duplicate-id fragment id "no-merge" is already used ' +
        'by templates/constraints/no-merge-copy.md',
    ],
  },
  {
    name: 'a fragment kind that does not exist',
    break: (ws) => ws.edit('templates/sections/canaries.md', (t) => t.replace('kind: section', 'kind: sectoin')),
    expected: [
      'templates/sections/canaries.md:3:7 error fragment-invalid kind: Invalid option: expected one of ' +
        '"layout"|"section"|"charter"|"constraint"|"pattern"',
    ],
  },
  {
    name: 'a pattern that extends a pattern that is not there',
    break: (ws) =>
      ws.edit('templates/patterns/stateful-postgres-pgvector.md', (t) =>
        t.replace('extends: stateful-postgres', 'extends: stateful-postgress'),
      ),
    expected: [
      'templates/patterns/stateful-postgres-pgvector.md:2:1 error pattern-unknown unknown pattern ' +
        '"stateful-postgress"; did you mean "stateful-postgres"?',
    ],
  },
  {
    name: 'an {{#each}} that is never closed',
    break: (ws) => ws.edit('templates/sections/modules.md', (t) => t.replace(/\{\{\/each\}\}\s*$/, '\n')),
    // The end of the shipped fragment, wherever its wording puts it.
    expected: [
      `templates/sections/modules.md:` +
        `${readFileSync(path.join(REPO_ROOT, 'templates/sections/modules.md'), 'utf8').split('\n').length}:1 ` +
        `error template-syntax Handlebars syntax error: unexpected end of template`,
    ],
  },
  {
    name: 'a layout that includes a misspelt section',
    break: (ws) => ws.edit('templates/layouts/master-prompt.md', (t) => t.replace('{{> mission}}', '{{> missions}}')),
    expected: [
      'templates/layouts/master-prompt.md:12:1 error template-unknown-partial unknown partial "missions"; did ' +
        'you mean "mission"?',
    ],
  },
  {
    name: 'a charter with one § heading twice',
    break: (ws) => ws.edit('charter/PLATFORM_CHARTER.md', (t) => `${t}\n## §3 Deploy flow, again\n`),
    expected: [
      expect.stringMatching(
        /^charter\/PLATFORM_CHARTER\.md:\d+:1 error charter-duplicate-section §3 is defined twice in the charter$/,
      ) as unknown as string,
    ],
  },
  {
    name: 'an encoding wavec cannot count',
    break: (ws) => ws.edit('wavec.config.yaml', (t) => t.replace('encoding: o200k_base', 'encoding: p50k_base')),
    expected: [
      'wavec.config.yaml:13:11 error config-invalid encoding: Invalid option: expected one of ' +
        '"o200k_base"|"cl100k_base"',
    ],
  },
  {
    name: 'a spec whose wave number disagrees with its file name',
    break: (ws) => ws.edit(SPEC, (t) => t.replace('wave: 4\n', 'wave: 5\n')),
    expected: [`${SPEC}:5:7 error spec-identity wave is 5 but the file is named wave-4`],
  },
  {
    name: 'predecessors that loop',
    break: (ws) => ws.edit(WAVE_3, (t) => t.replace('predecessor: 2', 'predecessor: 4')),
    expected: [`${WAVE_3}:10:14 error spec-predecessor-cycle predecessor chain loops: wave 4 → 3 → 4`],
  },
  {
    name: 'front matter declared as YAML by name',
    break: (ws) => ws.edit('templates/sections/trigger.md', (t) => t.replace(/^---\n/, '---yaml\n')),
    expected: [
      'templates/sections/trigger.md:1:4 error front-matter-language front matter in "yaml" is not supported: ' +
        'only YAML front matter ("---") is read, and it is never executed',
    ],
  },
  {
    name: 'a canary PR numbered 0 and a section fragment with a stray private-use character',
    break: async (ws) => {
      await ws.edit(SPEC, (t) => t.replace('  - number: 29\n', '  - number: 0\n'));
      await ws.write('templates/sections/stray.md', fragment('stray', 'section', 'A stray \uE000 marker.\n'));
    },
    expected: [
      'templates/sections/stray.md:6:9 error template-private-use fragment contains U+E000/U+E001, which wavec ' +
        'reserves',
      `${SPEC}:121:13 error spec-invalid canary_prs[0].number: Too small: expected number to be >0`,
    ],
  },
];

describe('held-out malformed workspaces', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s: located error, prompts/ untouched', async (_, heldOut) => {
    const outcome = await compileAfter(heldOut.break);
    expect(outcome.exit).toBe(2);
    expect(outcome.diagnostics).toEqual(heldOut.expected);
    expect(outcome.stderr).not.toMatch(/\n\s+at .*:\d+:\d+\)?\n/); // no stack trace
    expect(outcome.promptsUntouched).toBe(true);
  });
});
