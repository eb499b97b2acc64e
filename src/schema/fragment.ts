import { z } from 'zod';
import { Id, NonEmptyText } from './common.js';
import { FRAGMENT_ROLE_NAMES } from './fragment-roles.js';
import { MODULE_KINDS, MODULE_LIFECYCLES } from './spec.js';

export const FRAGMENT_KINDS = ['layout', 'section', 'charter', 'constraint', 'pattern'] as const;
export type FragmentKind = (typeof FRAGMENT_KINDS)[number];

/**
 * Which library a fragment came from: `base` is the package's own
 * `templates/` (it moves with every upgrade of wavec), `user` the
 * workspace's `templates_dir`, which holds only what the user adds or
 * overrides by fragment id.
 */
export const FRAGMENT_LAYERS = ['base', 'user'] as const;
export type Layer = (typeof FRAGMENT_LAYERS)[number];

/** What a pattern brings with it wherever a module uses it. */
export const Implies = z.strictObject({
  constraints: z
    .array(Id)
    .default([])
    .describe('Ids of constraint fragments every wave using this pattern must carry.'),
  restore_steps: z.array(NonEmptyText).default([]).describe('Steps the module runbook must contain, in order.'),
});

/** Front matter of a fragment file under templates/. */
export const FragmentMeta = z
  .strictObject({
    id: Id.describe('Unique across the fragment library; sections are included by it as partials.'),
    kind: z.enum(FRAGMENT_KINDS),
    title: NonEmptyText,
    description: z.string().optional(),
    role: z
      .enum(FRAGMENT_ROLE_NAMES)
      .optional()
      .describe(
        'What the fragment is for (see README, "Fragment roles"): rules find its section by this, not by its heading ' +
          'text, so the heading may be retitled.',
      ),
    extends: Id.optional().describe(
      'Pattern this one builds on; its implied constraints and steps come along, and its kinds unless it declares ' +
        'its own.',
    ),
    kinds: z
      .array(z.enum(MODULE_KINDS))
      .min(1)
      .optional()
      .describe(
        'Patterns only: the module kinds the pattern describes (stateful | service | worker); a module of another ' +
          'kind using it is an error (pattern-kind-mismatch). Required unless the pattern extends one or overrides a ' +
          'base pattern (it then takes their kinds).',
      ),
    lifecycles: z
      .array(z.enum(MODULE_LIFECYCLES))
      .min(1)
      .optional()
      .describe(
        'Patterns only: the module lifecycles its text is true for (existing, new, changed); absent: those of the ' +
          "pattern it extends, else all three. A module whose lifecycle is not listed is an error at the module's " +
          'lifecycle key (pattern-does-not-fit).',
      ),
    implies: Implies.default({ constraints: [], restore_steps: [] }),
    subjects: z
      .array(z.string().min(1))
      .default([])
      .describe(
        'Constraints only: the commands the constraint is about (`pg_dump`, `docker volume rm`). While the prompt ' +
          'still mentions one, the constraint cannot lapse unseen (rule constraint-lapsed-subject).',
      ),
    requires_pattern: Id.optional().describe(
      "Constraints only: the text speaks of the wave's modules of this pattern (or of a pattern extending it); " +
        'in a wave without one it is an error, not a sentence with a hole.',
    ),
    overrides: z
      .strictObject({
        wavec: NonEmptyText.describe('The version of wavec whose fragment was copied.'),
        digest: NonEmptyText.describe("The hash of the base fragment's text when it was copied."),
      })
      .optional()
      .describe(
        "Written by `wavec eject`: this file replaces wavec's own fragment of the same id, copied from the base " +
          'recorded here (`wavec explain --overrides` tells whether the base changed since).',
      ),
  })
  .superRefine((meta, ctx) => {
    if (meta.kind !== 'pattern' && meta.kinds !== undefined)
      ctx.addIssue({ code: 'custom', path: ['kinds'], message: 'only a pattern declares kinds' });
    if (meta.kind !== 'pattern' && meta.lifecycles !== undefined)
      ctx.addIssue({ code: 'custom', path: ['lifecycles'], message: 'only a pattern declares lifecycles' });
  });
export type FragmentMeta = z.infer<typeof FragmentMeta>;
