import type { RuleCode } from '../../src/schema/codes.js';
import type { Scenario } from './scenario.js';

/** How the examples of one rule in docs/rules.md run, in a copy of the example workspace (phase 02 waves 2–4). */
export interface RuleContext {
  /** The Markdown is linted as a compiled prompt of wave 4 (its sidecar copied next to it): the rule needs the spec. */
  compiled?: boolean;
  /** Edits of wavec.config.yaml, for the settings the examples state. */
  config?: readonly (readonly [search: string | RegExp, replacement: string])[];
  /**
   * The failures docs show without Markdown, in their order: a change to the workspace, or the Markdown another rule's
   * section shows (`sameAs`), linted with this rule's context.
   */
  fails?: readonly (Scenario | { sameAs: RuleCode })[];
}

const WAVE_3 = 'waves/phase-02/wave-3.yaml';
const WAVE_4 = 'waves/phase-02/wave-4.yaml';
const PROMPT_4 = 'prompts/phase-02-wave-4.md';

const BUDGET: RuleContext['config'] = [['  max_tokens: 5000\n  max_lines: 320', '  max_tokens: 40\n  max_lines: 12']];
const SECTIONS: RuleContext['config'] = [
  [
    'budget:',
    'required_sections:\n' +
      "  headings: ['# *', '## Mission', '## Hard constraints', '*', '## Modules', '*', '## PR plan',\n" +
      "    '## Hand-back']\n" +
      'budget:',
  ],
];

export const RULE_SCENARIOS: Record<RuleCode, RuleContext> = {
  'charter-section-unknown': { compiled: true },
  'charter-required': { compiled: true },
  'module-section': { compiled: true },
  'pr-reference-unknown': { compiled: true },
  'pr-plan-total': {
    compiled: true,
    fails: [
      {
        base: 'example',
        edit: { [WAVE_4]: [['update one open loop: five PRs.', 'update one open loop: six PRs.']] },
        argv: ['compile', '4'],
      },
    ],
  },
  'constraint-implied': {
    compiled: true,
    fails: [
      {
        base: 'example',
        edit: { [PROMPT_4]: [[/^.*DO NOT skip the pgvector verification.*\n/m, '']] },
        argv: ['lint', PROMPT_4],
      },
    ],
  },
  'constraint-lapsed-subject': {
    compiled: true,
    fails: [
      {
        base: 'example',
        edit: {
          [WAVE_4]: [
            ['pattern: stateful-postgres-pgvector', 'pattern: stateful-redis'],
            ['update one open loop: five PRs.', 'update one open loop: five PRs. Never run docker volume rm.'],
          ],
        },
        argv: ['compile', '4'],
      },
    ],
  },
  'destructive-command': {},
  'leftover-placeholder': {},
  'hidden-character': {},
  'phase-module-unique': {
    fails: [
      {
        base: 'example',
        edit: {
          [WAVE_3]: [
            [
              '  - id: uptime-kuma\n',
              '  - id: n8n-worker\n    pattern: stateless-worker\n    kind: worker\n  - id: uptime-kuma\n',
            ],
          ],
        },
        argv: ['lint', PROMPT_4],
      },
    ],
  },
  'phase-predecessor-chain': {
    fails: [
      { base: 'example', edit: { [WAVE_4]: [['predecessor: 3', 'predecessor: 2']] }, argv: ['lint', PROMPT_4] },
      {
        base: 'example',
        edit: { 'waves/phase-02/wave-2.yaml': [['predecessor: null', 'predecessor: 4']] },
        argv: ['lint', PROMPT_4],
      },
    ],
  },
  'budget-tokens': { config: BUDGET },
  'budget-lines': { config: BUDGET, fails: [{ sameAs: 'budget-tokens' }] },
  'section-required': { config: SECTIONS },
  'section-order': { config: SECTIONS, fails: [{ sameAs: 'section-required' }] },
  'section-empty': { config: SECTIONS, fails: [{ sameAs: 'section-required' }] },
  'special-token-text': {},
  'hand-back-contract': {
    fails: [
      {
        base: 'example',
        edit: {
          'templates/sections/hand-back.md': [
            [
              '{{#each hand_back.parts}}\n{{number}}. {{text}}\n{{/each}}',
              '{{#each hand_back.parts}}\n{{#unless (eq kind "health")}}\n{{number}}. {{text}}\n{{/unless}}\n{{/each}}',
            ],
          ],
        },
        argv: ['compile', '4'],
      },
    ],
  },
  'prompt-drift': {
    compiled: true,
    fails: [
      {
        base: 'example',
        edit: { [PROMPT_4]: [['You are Codex', 'You are Claude']] },
        argv: ['lint', '--drift', PROMPT_4],
      },
      {
        base: 'example',
        edit: {
          [WAVE_4]: [['title: Honcho subsystem', 'title: Honcho subsystem, first pass']],
          'templates/sections/hand-back.md': [['## Hand-back', '## Hand-back\n\nReply in English.']],
        },
        argv: ['lint', '--drift', PROMPT_4],
      },
    ],
  },
};
