import { z } from 'zod';
import { Budget } from './budget.js';
import { Id, NonEmptyText } from './common.js';
import { TITLE_PLACEHOLDERS, unknownTitlePlaceholders } from './pr-title.js';

export const MODULE_KINDS = ['stateful', 'service', 'worker'] as const;
export type ModuleKind = (typeof MODULE_KINDS)[number];
export const BACKUP_PRIORITIES = ['critical', 'important', 'non-critical'] as const;
/**
 * Where a module stands when the wave starts: `existing` runs and is audited as it runs, `changed` runs and the
 * wave's PR changes its definition or configuration, `new` does not run yet and the wave's PR adds it.
 */
export const MODULE_LIFECYCLES = ['existing', 'new', 'changed'] as const;
export type ModuleLifecycle = (typeof MODULE_LIFECYCLES)[number];

/** A hard constraint: a constraint fragment's id, or one written inline. */
export const ConstraintRef = z.union([
  Id,
  z.strictObject({
    id: Id,
    text: NonEmptyText.describe('The constraint as the agent reads it; start with DO NOT / ALWAYS.'),
  }),
]);
export type ConstraintRef = z.infer<typeof ConstraintRef>;

/**
 * A wave named from another spec: a plain number is a wave of the same
 * phase, `{phase, wave}` names a wave of any phase.
 */
export const WaveAddress = z.union([
  z.int().positive(),
  z.strictObject({
    phase: z.int().positive(),
    wave: z.int().positive(),
  }),
]);
export type WaveAddress = z.infer<typeof WaveAddress>;

/** Where a {@link WaveAddress} written in a spec of `phase` points. */
export function resolveWaveAddress(address: WaveAddress, phase: number): { phase: number; wave: number } {
  return typeof address === 'number' ? { phase, wave: address } : { phase: address.phase, wave: address.wave };
}

export const Statefulness = z.strictObject({
  decided_by: NonEmptyText.describe('How the audit decides whether the module keeps state (e.g. a query it runs).'),
  stateful_if: NonEmptyText.describe('The answer that makes it stateful.'),
  otherwise: NonEmptyText.describe('What the module is when it is not.'),
});

/**
 * A compose service or container name as Docker writes it: letters, digits, `_`, `.` and `-`, starting with a letter
 * or digit.
 */
const ContainerName = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_.-]*$/,
    'a compose name is letters, digits, "_", "." and "-", starting with a letter or digit',
  );

export const Module = z
  .strictObject({
    id: Id,
    service: ContainerName.optional().describe(
      "The module's compose service, when it is not named by the module id (default: the id).",
    ),
    containers: z
      .array(ContainerName)
      .min(1)
      .optional()
      .describe(
        "The module's containers as `docker compose ps` names them, when they are not its service " +
          '(default: the service). The health observation of the hand-back names each.',
      ),
    pattern: Id.describe('Id of the pattern fragment that describes how to manifest this module.'),
    kind: z.enum(MODULE_KINDS),
    lifecycle: z
      .enum(MODULE_LIFECYCLES)
      .default('existing')
      .describe(
        'existing: it runs, the wave audits it as it runs; changed: it runs, and its PR changes its compose ' +
          'definition or configuration (never applied by the agent); new: it does not run yet, and its PR adds ' +
          'its compose definition and configuration.',
      ),
    image: z.string().optional(),
    backup_priority: z.enum(BACKUP_PRIORITIES).optional().describe('Required for stateful modules.'),
    statefulness: Statefulness.optional().describe(
      'When the audit, not the spec, decides whether the module keeps state.',
    ),
    exposure: z.string().optional().describe('How the module is reached, e.g. tailnet-only via ts-allowlist@file.'),
    volumes: z.array(NonEmptyText).default([]),
    similar_to: z.string().optional().describe('An earlier module whose manifest is the model, with its PR.'),
    revisits: WaveAddress.optional().describe(
      'The earlier wave that manifested this module (a wave number of this phase, or {phase, wave}): ' +
        'this wave revises that manifest instead of writing a new one.',
    ),
    notes: z.array(NonEmptyText).default([]),
  })
  .superRefine((module, ctx) => {
    if (module.kind === 'stateful' && module.backup_priority === undefined && module.statefulness === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['backup_priority'],
        message: 'a stateful module needs a backup_priority (critical | important | non-critical)',
      });
    }
  });
export type Module = z.infer<typeof Module>;

export const CrossModuleTask = z.strictObject({
  id: Id,
  title: NonEmptyText,
  file: NonEmptyText.describe('The repository file the task changes.'),
  change: NonEmptyText.describe('What the PR changes in that file.'),
  why: z.string().optional(),
  diff_scope: z
    .string()
    .optional()
    .describe(
      'How far the diff may reach in that file, as one sentence for the agent; ' +
        'default: only the change, nothing else in the file reworded or reformatted.',
    ),
});

export const CharterRef = z.strictObject({
  section: z.int().positive().describe('Charter § number; must exist as a heading in the charter file.'),
  why: NonEmptyText.describe('Why this wave must honour that section.'),
});

export const PrRef = z.strictObject({
  number: z.int().positive(),
  what: NonEmptyText,
});

export const WaveSpec = z.strictObject({
  $schema: z.string().optional(),
  phase: z.int().positive(),
  wave: z.int().positive(),
  title: NonEmptyText,
  subsystem: NonEmptyText,
  layout: Id.optional().describe('Layout fragment id; defaults to the config layout.'),
  agent: Id.optional().describe(
    'The agent this wave is written for (a shipped one or one of the config `agents`); defaults to the config agent.',
  ),
  compose: z.strictObject({
    project: NonEmptyText.describe('The compose project (directory) the modules live in.'),
    profile: z.string().optional(),
  }),
  predecessor: WaveAddress.nullable()
    .default(null)
    .describe(
      'The wave whose hard constraints this one inherits: a wave number of the same phase, ' +
        'or {phase, wave} for a wave of an earlier phase; null for the first wave.',
    ),
  predecessor_skip_reason: NonEmptyText.optional().describe(
    'Why a predecessor in an earlier phase is not the last wave of that phase: the waves after it are not ' +
      'inherited, so their hard constraints are not in force here. Without it, such a predecessor is an error.',
  ),
  mission: NonEmptyText.describe('What the agent is asked to do, in one paragraph.'),
  why: z.strictObject({
    heading: NonEmptyText.optional().describe(
      'The heading of the "why" section (default: "Why this wave"), e.g. "Why the data stores first".',
    ),
    stakes: NonEmptyText.describe('The operator-emotional stakes: why this matters beyond the checklist.'),
    reasons: z.array(NonEmptyText).min(1),
    caution: NonEmptyText.optional().describe(
      'How careful the agent must be in this wave, closing the section ' +
        "(default: a sentence about the subsystem's data).",
    ),
  }),
  pivot: z
    .strictObject({
      proposed: NonEmptyText.describe('What was first proposed.'),
      finding: NonEmptyText.describe('What the audit found.'),
      decision: NonEmptyText,
      rationale: NonEmptyText,
      do_not_propose: z.array(NonEmptyText).default([]).describe('Modules the agent must not re-propose in this wave.'),
    })
    .optional(),
  modules: z.array(Module).min(1),
  cross_module_tasks: z.array(CrossModuleTask).default([]),
  hard_constraints: z
    .strictObject({
      inherit: z.boolean().default(true).describe("Carry the predecessor's constraints forward."),
      add: z.array(ConstraintRef).default([]),
      drop: z.array(z.strictObject({ id: Id, reason: NonEmptyText })).default([]),
    })
    .default({ inherit: true, add: [], drop: [] }),
  new_patterns: z.array(NonEmptyText).default([]).describe('What this wave does that earlier waves did not.'),
  charter_refs: z.array(CharterRef).min(1),
  canary_prs: z.array(PrRef).default([]).describe('Merged PRs the agent should treat as the quality bar.'),
  pr_plan: z
    .strictObject({
      total: z.int().positive().optional().describe('Stated PR count; must equal modules + cross-module tasks.'),
      branch_prefix: z.string().optional(),
    })
    .default({}),
  hand_back: z.strictObject({
    items: z
      .array(NonEmptyText)
      .default([])
      .describe(
        'What the agent replies with besides what the contract derives ' +
          '(a PR URL per planned PR, the per-module lines, the health observation, the noticed-not-done list): ' +
          'never a PR count. Each is a checked part of the hand-back: ' +
          'answered, or marked not applicable with a reason.',
      ),
    merge_gate: NonEmptyText.describe('Who merges.'),
  }),
  deferred: z
    .array(
      z.strictObject({
        item: NonEmptyText.describe("The open item as the earlier wave's recorded hand-back states it."),
        reason: NonEmptyText.describe('Why it is not this wave.'),
      }),
    )
    .default([])
    .describe(
      "Open items of earlier waves' recorded hand-backs (noticed, UNVERIFIED, blocked) that this wave does not " +
        'take up, each with the reason: `wavec status` counts them as deferred, and `wavec new` offers them again.',
    ),
  pr: z
    .strictObject({
      title: NonEmptyText.refine((title) => unknownTitlePlaceholders(title).length === 0, {
        message:
          `a title placeholder is one of ${TITLE_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')} ` +
          '(with {phase:02}-style padding)',
      })
        .optional()
        .describe(
          'Title pattern of the PR that adds the prompt; ' +
            'default: docs(prompts): Phase {phase:02} wave {wave} master prompt for {agent} ({subsystem} subsystem).',
        ),
      labels: z.array(NonEmptyText).default([]).describe('Labels for the forge.'),
      test_plan: z.array(NonEmptyText).default([]).describe('Test plan items after the ones derived from the plan.'),
    })
    .default({ labels: [], test_plan: [] })
    .describe('What only the pull request that adds the prompt needs (`wavec pr`).'),
  budget: Budget.optional().describe("Defaults to the config budget, else the agent's."),
  trigger: z
    .strictObject({
      after: z.string().optional().describe('What must have happened before the run.'),
      commands: z
        .array(NonEmptyText)
        .min(1)
        .optional()
        .describe("The command lines that run the wave; default: the agent's trigger on the compiled prompt."),
      note: z.string().optional(),
    })
    .default({})
    .describe("How the operator runs the wave; default: the agent's trigger on the compiled prompt."),
});
export type WaveSpec = z.infer<typeof WaveSpec>;
