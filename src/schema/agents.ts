import { z } from 'zod';
import { placeholdersIn } from '../util/placeholders.js';
import { NonEmptyText } from './common.js';
import { Budget, ENCODINGS } from './budget.js';

/** What a branch prefix pattern may name: `{phase}`, `{wave}`, with `{phase:02}`-style padding. */
export const BRANCH_PREFIX_PLACEHOLDERS = ['phase', 'wave'] as const;

/** The placeholder a trigger command line must name: where the compiled prompt is. */
export const TRIGGER_PROMPT_PLACEHOLDER = '{prompt}';

/** The budget of an agent that names none, and of the shipped ones. */
export const DEFAULT_AGENT_BUDGET: Budget = { max_tokens: 6000, max_lines: 400, reserve_tokens: 0 };

/**
 * An agent a prompt is written for: one entry of the table, and everything in a prompt or a pull request that
 * depends on which agent runs it comes from here.
 */
export const AgentDefinition = z.strictObject({
  name: NonEmptyText.describe('The name the prompt addresses the agent by ("You are <name>").'),
  trigger: NonEmptyText.refine((line) => line.includes(TRIGGER_PROMPT_PLACEHOLDER), {
    message: `the command line names the prompt as ${TRIGGER_PROMPT_PLACEHOLDER}`,
  }).describe(
    `The command line that runs the agent on a prompt, ${TRIGGER_PROMPT_PLACEHOLDER} standing for the ` +
      "prompt's path: the trigger of a spec that lists no trigger.commands.",
  ),
  branch_prefix: NonEmptyText.refine(
    (pattern) =>
      placeholdersIn(pattern).every((p) => (BRANCH_PREFIX_PLACEHOLDERS as readonly string[]).includes(p.name)),
    { message: 'a branch prefix placeholder is {phase} or {wave} (with {phase:02}-style padding)' },
  ).describe("The branch prefix of a wave's PRs when the spec sets no pr_plan.branch_prefix; {phase}, {wave}."),
  encoding: z
    .enum(ENCODINGS)
    .default('o200k_base')
    .describe('Token encoding the budget is counted in, when the config sets no encoding. Default: o200k_base'),
  budget: Budget.default(DEFAULT_AGENT_BUDGET).describe(
    'Budget of the prompts for this agent when neither the spec nor the config sets one. ' +
      'Default: 6000 tokens, 400 lines',
  ),
});
export type AgentDefinition = z.infer<typeof AgentDefinition>;

/**
 * The agents wavec ships. Anthropic publishes no tokenizer, so a Claude prompt's count is an estimate in OpenAI's
 * current encoding, the closest published one.
 */
export const SHIPPED_AGENTS: Readonly<Record<'codex' | 'claude-code', AgentDefinition>> = {
  codex: {
    name: 'Codex',
    trigger: 'codex exec < {prompt}',
    branch_prefix: 'phase-{phase:02}-wave-{wave}/',
    encoding: 'o200k_base',
    budget: DEFAULT_AGENT_BUDGET,
  },
  'claude-code': {
    name: 'Claude Code',
    trigger: 'claude -p < {prompt}',
    branch_prefix: 'claude/phase-{phase:02}-wave-{wave}/',
    encoding: 'o200k_base',
    budget: DEFAULT_AGENT_BUDGET,
  },
};

export const DEFAULT_AGENT = 'codex';

/** The agents a workspace can name: the shipped ones, then the config's own (which may redefine a shipped one). */
export function agentTable(userAgents: Readonly<Record<string, AgentDefinition>>): Record<string, AgentDefinition> {
  return { ...SHIPPED_AGENTS, ...userAgents };
}
