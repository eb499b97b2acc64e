import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, rename, symlink } from 'node:fs/promises';
import path from 'node:path';
import { initWorkspace } from '../../src/authoring/init.js';
import { STARTER_WAVE } from '../../src/authoring/starter.js';
import type { CODES, Code } from '../../src/schema/codes.js';
import type { Scenario } from './scenario.js';

/** The codes whose examples docs/errors.md shows: every input error but the unreachable ones, and rules with a row. */
export type ExampledCode = {
  [C in Code]: (typeof CODES)[C] extends { examples: readonly unknown[] } | { inputs: object } ? C : never;
}[Code];

// The inputs of the examples docs/errors.md shows, one scenario per example the code table lists, in its order. Each
// starts from a workspace `wavec init` lays out (wave 1 compiled) unless it says otherwise.

const SPEC = 'waves/phase-01/wave-1.yaml';
const WAVE_2 = 'waves/phase-01/wave-2.yaml';
const CONFIG = 'wavec.config.yaml';
const CHARTER = 'charter/PLATFORM_CHARTER.md';
const MISSION = 'templates/sections/mission.md';
const PROMPT = 'prompts/phase-01-wave-1.md';
const SIDECAR = 'prompts/phase-01-wave-1.provenance.json';

/** A fragment: five lines of front matter, so its body starts on line 6. */
const fragment = (id: string, kind: string, body: string, extra = '') =>
  `---\nid: ${id}\nkind: ${kind}\ntitle: ${id}\n${extra}---\n${body}`;

/** Wave 1's spec with replacements. */
const wave1 = (...edits: (readonly [string, string])[]) => ({ [SPEC]: edits });

/** A second wave after wave 1, with replacements on its text. */
function wave2(...edits: (readonly [string, string])[]): string {
  let text = STARTER_WAVE.replace('wave: 1', 'wave: 2')
    .replace('predecessor: null', 'predecessor: 1')
    .replace('  - id: web\n', '  - id: worker\n')
    .replace('add: [read-only-audit, no-secrets, no-merge, one-pr-per-module]', 'add: []');
  for (const [search, replacement] of edits) {
    if (!text.includes(search)) throw new Error(`wave 2 does not contain ${JSON.stringify(search)}`);
    text = text.replace(search, replacement);
  }
  return text;
}

const mkfifo = (file: string): void => void execFileSync('mkfifo', [file]);

/** Makes the workspace a git repository with everything committed. */
function commitAll(root: string): void {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('-c', 'user.name=wavec', '-c', 'user.email=wavec@example.org', 'commit', '-q', '-m', 'wave 1');
}

/** A mission fragment whose body is `body`. */
const mission = (body: string) => ({ [MISSION]: fragment('mission', 'section', body) });

/** A reply to wave 1's hand-back contract that meets it, with replacements. */
function reply(...edits: (readonly [string, string])[]): string {
  let text = [
    '# Hand-back',
    '',
    '## PRs',
    '',
    '1. web: https://git.example.org/platform/infra/pulls/12',
    '',
    '## Modules',
    '',
    '### web',
    '',
    '- Audit: verified: the container runs nginx 1.27 (`docker inspect web`).',
    '- Manifest: verified: declares the image, the port and the proxy route.',
    '- UNVERIFIED: none',
    '',
    '## Health',
    '',
    '`docker compose -p apps ps`: web running (healthy).',
    '',
    '## Noticed, not done',
    '',
    '- none',
    '',
  ].join('\n');
  for (const [search, replacement] of edits) {
    if (!text.includes(search)) throw new Error(`the reply does not contain ${JSON.stringify(search)}`);
    text = text.replace(search, replacement);
  }
  return text;
}
const handback = (text: string): Scenario => ({ files: { 'reply.md': text }, argv: ['handback', '1', 'reply.md'] });

export const INPUT_EXAMPLES: { [C in ExampledCode]: readonly Scenario[] } = {
  'file-not-found': [{ files: { [CHARTER]: null } }],
  'file-too-large': [
    {
      edit: { [CONFIG]: [['encoding: o200k_base', 'encoding: o200k_base\nmax_file_bytes: 65536']] },
      files: mission(`## Mission\n\n${'Write the manifest. '.repeat(4000)}\n`),
    },
  ],
  'file-binary': [{ files: { [MISSION]: fragment('mission', 'section', '## Mission\n\0\n') } }],
  'file-encoding': [
    {
      files: {
        [MISSION]: Buffer.concat([
          Buffer.from(fragment('mission', 'section', '## Mission\n\nCaf')),
          Buffer.from([0xe9]),
          Buffer.from('.\n'),
        ]),
      },
    },
  ],
  'path-outside-workspace': [
    {
      async setup(root, outside) {
        await mkdir(outside, { recursive: true });
        const { writeFile } = await import('node:fs/promises');
        await writeFile(path.join(outside, 'shared.md'), fragment('shared', 'section', 'Shared.\n'));
        await symlink(path.join(outside, 'shared.md'), path.join(root, 'templates/sections/shared.md'));
      },
    },
    { edit: { [CONFIG]: [['output_dir: prompts', 'output_dir: ../elsewhere']] } },
  ],
  'templates-not-found': [{ edit: { [CONFIG]: [['# templates_dir: templates', 'templates_dir: fragments']] } }],
  'templates-folder-link': [
    { setup: (root) => symlink('../patterns', path.join(root, 'templates/sections/patterns')) },
  ],
  'source-hidden-character': [{ edit: wave1(['title: First manifest', 'title: First\u200b manifest']) }],
  'file-not-regular': [
    {
      setup: (root) => mkfifo(path.join(root, 'templates/sections/notes.md')),
    },
    { argv: ['lint', '/dev/zero'] },
  ],
  'file-unreadable': [
    {
      async setup(root) {
        await symlink('loop.md', path.join(root, 'loop.md'));
      },
      argv: ['handback', '1', 'loop.md'],
    },
  ],

  'yaml-syntax': [
    { edit: wave1(['subsystem: web', 'subsystem: web\nsubsystem: api']) },
    { edit: wave1(['subsystem: web', 'subsystem: !!js/function "function () {}"']) },
    { edit: wave1(['subsystem: web', `subsystem: web\nanchor: &a x\nmany: [${Array(51).fill('*a').join(', ')}]`]) },
  ],
  'yaml-multiple-documents': [{ edit: wave1(['phase: 1\n', 'phase: 1\n---\nphase: 2\n']) }],
  'yaml-forbidden-key': [{ edit: wave1(['subsystem: web', 'subsystem: web\n__proto__: {}']) }],
  'yaml-complex-key': [{ edit: wave1(['subsystem: web', 'subsystem: web\n? [a, b]\n: c']) }],
  'yaml-comment-in-value': [{ edit: wave1(['title: First manifest', 'title: First manifest (PR #29)']) }],
  'yaml-too-deep': [{ edit: wave1(['subsystem: web', `subsystem: web\nnotes: ${'['.repeat(70)}${']'.repeat(70)}`]) }],
  'yaml-too-large': [{ edit: wave1(['phase: 1\n', `phase: 1\n${`# ${'x'.repeat(98)}\n`.repeat(700)}`]) }],

  'front-matter-missing': [{ files: { [MISSION]: '## Mission\n\nWrite the manifest.\n' } }],
  'front-matter-language': [{ files: { [MISSION]: '---js\n{ id: "mission" }\n---\n## Mission\n' } }],
  'front-matter-unclosed': [{ files: { [MISSION]: '---\nid: mission\nkind: section\ntitle: Mission\n## Mission\n' } }],

  'spec-invalid': [
    { edit: wave1(['    kind: service\n', '    kind: service\n    exposur: internal\n']) },
    { edit: wave1(['add: [read-only-audit,', 'add: [{id: backups-first}, read-only-audit,']) },
    { edit: wave1(['wave: 1', 'wave: one']) },
  ],
  'config-invalid': [
    { edit: { [CONFIG]: [['output_dir: prompts', 'output_dri: prompts']] } },
    { edit: { [CONFIG]: [['encoding: o200k_base', 'encoding: o200k_base\nrules:\n  leftover-placeholders: off']] } },
    { edit: { [CONFIG]: [['output_name: phase-{phase:02}-wave-{wave}.md', 'output_name: wave-{stage}.md']] } },
  ],
  'fragment-invalid': [{ edit: { [MISSION]: [['title: Mission', 'titel: Mission']] } }],
  'spec-empty': [{ files: { [SPEC]: '' } }, { files: { [SPEC]: '# wave 1, to be written\n' } }],
  'spec-identity': [{ edit: wave1(['wave: 1', 'wave: 2']) }],
  'spec-not-found': [{ argv: ['compile', '9'] }],
  'spec-ambiguous': [
    {
      files: {
        'waves/phase-02/wave-1.yaml': STARTER_WAVE.replace('phase: 1', 'phase: 2').replace(
          'phase-01-wave-1.md',
          'phase-02-wave-1.md',
        ),
      },
    },
  ],
  'spec-duplicate-file': [{ files: { 'waves/phase-01/wave-1.yml': STARTER_WAVE } }],
  'spec-predecessor-missing': [
    { files: { [WAVE_2]: wave2(['predecessor: 1', 'predecessor: 3']) }, argv: ['compile', '2'] },
    {
      files: {
        'waves/phase-02/wave-2.yaml': wave2(
          ['phase: 1', 'phase: 2'],
          ['predecessor: 1', 'predecessor: {phase: 1, wave: 7}'],
        ),
      },
      argv: ['compile', '2'],
    },
  ],
  'spec-predecessor-cycle': [
    {
      files: {
        [WAVE_2]: wave2(['predecessor: 1', 'predecessor: 3']),
        'waves/phase-01/wave-3.yaml': wave2(['wave: 2', 'wave: 3'], ['predecessor: 1', 'predecessor: 2']),
      },
      argv: ['compile', '3'],
    },
  ],
  'fragment-duplicate-id': [
    { files: { 'templates/constraints/no-merge-copy.md': fragment('no-merge', 'constraint', 'Do not merge.\n') } },
  ],
  'fragment-empty': [{ files: { [MISSION]: fragment('mission', 'section', '') } }],
  'charter-empty': [{ files: { [CHARTER]: '' } }],
  'charter-duplicate-section': [{ edit: { [CHARTER]: [['## §2 Secrets', '## §1 Secrets']] } }],
  'spec-text-structure': [
    {
      edit: wave1([
        '  Write the manifest and the runbook',
        '  Write the manifest.\n\n  ## Hand-back\n\n  And the runbook',
      ]),
    },
  ],
  'spec-text-character': [{ edit: wave1(['subsystem: web', 'subsystem: "web\\0"']) }],
  'spec-text-run': [{ edit: wave1(['  Write the manifest and the runbook', `  ${'x'.repeat(5000)} the runbook`]) }],

  'pattern-unknown': [
    { edit: wave1(['pattern: stateless-api', 'pattern: stateless-apii']) },
    {
      edit: {
        'templates/constraints/no-merge.md': [
          ['kind: constraint', 'kind: constraint\nrequires_pattern: stateful-redi'],
        ],
      },
    },
  ],
  'pattern-does-not-fit': [
    {
      files: {
        'templates/patterns/audit-only.md': fragment(
          'audit-only',
          'pattern',
          'A.\n',
          'lifecycles: [existing]\nkinds: [service]\n',
        ),
      },
      edit: wave1(['pattern: stateless-api', 'pattern: audit-only\n    lifecycle: new']),
    },
  ],
  'pattern-kind-mismatch': [{ edit: wave1(['kind: service', 'kind: worker']) }],
  'pattern-extends-cycle': [
    {
      files: {
        'templates/patterns/a.md': fragment('a', 'pattern', 'A.\n', 'extends: b\n'),
        'templates/patterns/b.md': fragment('b', 'pattern', 'B.\n', 'extends: a\n'),
      },
      edit: wave1(['pattern: stateless-api', 'pattern: a']),
    },
  ],
  'constraint-unknown': [
    { edit: wave1(['add: [read-only-audit,', 'add: [stateless-api, read-only-audit,']) },
    {
      files: { [WAVE_2]: wave2(['add: []', 'add: []\n  drop: [{id: no-merg, reason: merged by hand}]']) },
      argv: ['compile', '2'],
    },
  ],
  'constraint-duplicate': [{ files: { [WAVE_2]: wave2(['add: []', 'add: [no-merge]']) }, argv: ['compile', '2'] }],
  'constraint-dropped-and-added': [
    {
      files: {
        [WAVE_2]: wave2(['add: []', 'add: [no-merge]\n  drop: [{id: no-merge, reason: the operator merges by hand}]']),
      },
      argv: ['compile', '2'],
    },
  ],
  'constraint-needs-module': [
    {
      files: {
        'templates/constraints/dump-first.md': fragment(
          'dump-first',
          'constraint',
          '**Dump first** in the runbook of {{#each modules}}`{{id}}`{{/each}}.\n',
          'requires_pattern: stateful-postgres\n',
        ),
      },
      edit: wave1(['add: [read-only-audit,', 'add: [dump-first, read-only-audit,']),
    },
  ],
  'constraint-implied-conflict': [
    {
      edit: wave1(
        ['pattern: stateless-api', 'pattern: stateful-redis'],
        ['charter_refs:', '  drop: [{id: redis-no-flush, reason: a cache}]\n\ncharter_refs:'],
      ),
    },
  ],
  'charter-section-unknown': [{ edit: wave1(['  - section: 3', '  - section: 14']) }],
  'pr-plan-total': [{ edit: wave1(['hand_back:', 'pr_plan:\n  total: 2\n\nhand_back:']) }],
  'spec-duplicate-id': [
    {
      edit: wave1([
        '    exposure: as configured in its compose labels (verify them)\n',
        '    exposure: as configured\n  - id: web\n    pattern: stateless-api\n    kind: service\n',
      ]),
    },
  ],

  'template-syntax': [{ files: mission('## Mission\n\n{{#if title}}\n') }],
  'template-unknown-helper': [{ files: mission('## Mission\n\n{{jion modules ", "}}\n') }],
  'template-literal-name': [{ files: mission('## Mission\n\n{{"title"}}\n') }],
  'template-decorator': [{ files: mission('## Mission\n\n{{* decorate}}\n') }],
  'template-dynamic-partial': [{ files: mission('## Mission\n\n{{> (lookup . "title")}}\n') }],
  'template-partial-block': [{ files: mission('## Mission\n\n{{#> why}}fallback{{/why}}\n') }],
  'template-unknown-partial': [
    { files: mission('## Mission\n\n{{> missions}}\n') },
    { files: mission('## Mission\n\n{{> ../../wavec.config}}\n') },
  ],
  'template-partial-cycle': [
    {
      files: {
        ...mission('## Mission\n\n{{> notes}}\n'),
        'templates/sections/notes.md': fragment('notes', 'section', '{{> mission}}\n'),
      },
    },
  ],
  'template-too-complex': [
    { files: mission(`## Mission\n\n${'{{#if title}}'.repeat(33)}x${'{{/if}}'.repeat(33)}\n`) },
    { files: mission(`## Mission\n\n{{join ${'(lookup . '.repeat(33)}"x"${')'.repeat(33)} ", "}}\n`) },
    { files: mission(`## Mission\n\n${'{{title}} '.repeat(2001)}\n`) },
  ],
  'template-private-use': [{ files: mission('## Mission\n\n\ue000\n') }],
  'template-missing-field': [{ files: mission('## Mission\n\n{{missing}}\n') }],
  'charter-role-unmapped': [{ files: mission('## Mission\n\nSee charter {{charter "backups"}}.\n') }],
  'template-render': [{ files: mission('## Mission\n\n{{join title ", "}}\n') }],
  'template-not-text': [{ files: mission('## Mission\n\n{{modules}}\n') }],
  'value-missing': [{ files: mission('## Mission\n\n{{why.caution}}\n') }],
  'template-too-costly': [
    {
      // Two modules, and 17 loops over them nested: 2^17 iterations.
      edit: wave1(['  - id: web\n', '  - id: api\n    pattern: stateless-api\n    kind: service\n  - id: web\n']),
      files: mission(`## Mission\n\n${'{{#each @root.modules}}'.repeat(17)}x${'{{/each}}'.repeat(17)}\n`),
    },
    {
      // Three modules, six loops over them nested, each printing a 30,000-character mission: 3^6 copies.
      edit: wave1(
        ['  - id: web\n', '  - id: api\n    pattern: stateless-api\n    kind: service\n  - id: web\n'],
        ['  - id: web\n', '  - id: worker\n    pattern: stateless-api\n    kind: service\n  - id: web\n'],
        ['  Write the manifest and the runbook of one stateless service', `  ${'word '.repeat(6000).trim()}`],
        ['`web`, and\n  open one PR for it. Nothing that runs is changed.', ''],
      ),
      files: mission(`## Mission\n\n${'{{#each @root.modules}}'.repeat(6)}{{@root.mission}}${'{{/each}}'.repeat(6)}\n`),
    },
  ],
  'layout-unknown': [{ edit: { [CONFIG]: [['layout: master-prompt', 'layout: master-promt']] } }],

  'markdown-too-large': [{ files: mission(`## Mission\n\n${'Write the manifest.\n'.repeat(14000)}`) }],
  'markdown-too-deep': [
    { files: mission(`## Mission\n\n${'- '.repeat(33)}x\n`) },
    { files: mission(`## Mission\n\n${' '.repeat(129)}x\n`) },
  ],
  'markdown-too-complex': [
    { files: mission(`## Mission\n\n${'x'.repeat(1100)}\n`) },
    { files: mission(`## Mission\n\n${'*a_ '.repeat(200)}\n`) },
    { files: { 'prompts/notes.md': `# Notes\n\n${'x'.repeat(1100)}\n` }, argv: ['lint', 'prompts/notes.md'] },
  ],

  'output-hand-edited': [{ edit: { [PROMPT]: [['You are Codex', 'You are Claude']] } }],
  'output-outside-workspace': [
    {
      async setup(root, outside) {
        const { rm } = await import('node:fs/promises');
        await rm(path.join(root, 'prompts'), { recursive: true });
        await symlink(outside, path.join(root, 'prompts'));
      },
    },
  ],
  'output-not-regular': [
    {
      async setup(root) {
        const { rm } = await import('node:fs/promises');
        await rm(path.join(root, PROMPT));
        mkfifo(path.join(root, PROMPT));
      },
    },
  ],
  'init-outside-workspace': [
    {
      base: 'empty',
      async setup(root, outside) {
        await symlink(outside, path.join(root, 'templates'));
      },
      argv: ['init', '--eject'],
    },
  ],
  'output-location': [
    { edit: { [CONFIG]: [['output_dir: prompts', 'output_dir: templates']] } },
    {
      edit: {
        [CONFIG]: [
          ['output_dir: prompts', 'output_dir: charter'],
          ['output_name: phase-{phase:02}-wave-{wave}.md', 'output_name: charter-{wave}.md'],
          ['charter: charter/PLATFORM_CHARTER.md', 'charter: charter/charter-1.md'],
        ],
      },
      setup: (root) => rename(path.join(root, CHARTER), path.join(root, 'charter/charter-1.md')),
    },
    {
      edit: { [CONFIG]: [['output_name: phase-{phase:02}-wave-{wave}.md', 'output_name: wave-{wave}.md']] },
      files: {
        'waves/phase-02/wave-2.yaml': wave2(
          ['phase: 1', 'phase: 2'],
          ['predecessor: 1', 'predecessor: {phase: 1, wave: 1}'],
        ),
      },
    },
  ],
  'output-write-failed': [
    {
      edit: wave1(['title: First manifest', 'title: First manifests']),
      async setup(root) {
        const { rm } = await import('node:fs/promises');
        await rm(path.join(root, SIDECAR));
        await mkdir(path.join(root, SIDECAR, 'in-the-way'), { recursive: true });
      },
      argv: ['compile', '1', '--force'],
    },
  ],
  'provenance-invalid': [{ files: { [SIDECAR]: '{"generator": "wavec",' }, argv: ['lint', PROMPT] }],
  // Wave 1's prompt and sidecar copied to wave 2's paths.
  'prompt-wave-mismatch': [
    {
      files: { [WAVE_2]: wave2() },
      setup: async (root) => {
        await copyFile(path.join(root, PROMPT), path.join(root, 'prompts/phase-01-wave-2.md'));
        await copyFile(path.join(root, SIDECAR), path.join(root, 'prompts/phase-01-wave-2.provenance.json'));
      },
      argv: ['lint', 'prompts/phase-01-wave-2.md'],
    },
  ],

  // The command lists the files; the diagnostics are the library's (`initWorkspace`).
  'init-exists': [{ api: async (root) => (await initWorkspace(root)).diagnostics }],
  'eject-unknown': [{ argv: ['eject', 'no-merg'] }],
  // The starter's fragments are ejected copies (see scenario.ts): no-merge is already there.
  'eject-exists': [{ argv: ['eject', 'no-merge'] }],
  'new-exists': [{ argv: ['new', '1'] }],
  'new-no-predecessor': [{ argv: ['new', '1', '--phase', '2'] }],
  'pr-prompt-missing': [{ files: { [PROMPT]: null, [SIDECAR]: null }, argv: ['pr', '1', '--write'] }],
  'explain-base': [{ setup: commitAll, argv: ['explain', '1', '--base', 'mian'] }],

  'handback-pr-missing': [
    handback(reply(['1. web: https://git.example.org/platform/infra/pulls/12', '1. web: (to follow)'])),
  ],
  'handback-pr-duplicate': [
    handback(reply(['## Modules', 'Again: https://git.example.org/platform/infra/pulls/12\n\n## Modules'])),
  ],
  'handback-pr-extra': [
    handback(reply(['## Modules', '2. docs: https://git.example.org/platform/infra/pulls/13\n\n## Modules'])),
  ],
  'handback-blocked-reason': [
    handback(reply(['1. web: https://git.example.org/platform/infra/pulls/12', '1. web: blocked'])),
  ],
  'handback-module-missing': [handback(reply(['### web', '### other']))],
  'handback-module-incomplete': [
    handback(reply(['- Manifest: verified: declares the image, the port and the proxy route.\n', ''])),
  ],
  'handback-claim-unlabelled': [handback(reply(['- Audit: verified: the container', '- Audit: the container']))],
  'handback-health-missing': [
    handback(reply(['## Health\n\n`docker compose -p apps ps`: web running (healthy).\n\n', ''])),
  ],
  'handback-health-container': [
    handback(reply(['web running (healthy)', 'all running'])),
    handback(reply(['web running (healthy)', 'web listed'])),
  ],
  'handback-new-module-running': [
    { edit: wave1(['pattern: stateless-api', 'pattern: stateless-api\n    lifecycle: new']), ...handback(reply()) },
  ],
  'handback-health-command': [handback(reply(['`docker compose -p apps ps`: web running', 'web running']))],
  'handback-item-missing': [
    {
      edit: wave1([
        '  merge_gate:',
        '  items:\n    - The dependents found, with the command that showed them\n  merge_gate:',
      ]),
      ...handback(reply()),
    },
  ],
  'handback-item-reason': [
    {
      edit: wave1([
        '  merge_gate:',
        '  items:\n    - The dependents found, with the command that showed them\n  merge_gate:',
      ]),
      ...handback(reply(['## Noticed, not done', '## 4. Dependents found\n\nNot applicable.\n\n## Noticed, not done'])),
    },
  ],
  'handback-reply-empty': [handback('<!-- the run wrote its reply elsewhere -->\n\n')],
  'handback-noticed-missing': [
    handback(reply(['## Noticed, not done\n\n- none\n', ''])),
    handback(reply(['## Noticed, not done\n\n- none\n', '## Noticed, not done\n'])),
  ],
};
