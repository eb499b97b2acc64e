import { z } from 'zod';
import { Id, NonEmptyText } from './common.js';
import { AgentDefinition, DEFAULT_AGENT, agentTable } from './agents.js';
import { Budget, ENCODINGS } from './budget.js';

export { Budget, ENCODINGS, type Encoding } from './budget.js';

/** Bounds of `required_sections`, which every lint aligns with a prompt's headings. */
export const MAX_REQUIRED_SECTIONS = 200;
export const MAX_REQUIRED_HEADING_LENGTH = 200;

export const RequiredSections = z.strictObject({
  headings: z
    .array(
      z
        .string()
        .regex(
          /^(?:[*+?]|#{1,6} \S(?:.*\S)?)$/,
          'an entry is "*", "+", "?" or a heading such as "## Mission" (or "## *" for any level-2 heading)',
        )
        .max(MAX_REQUIRED_HEADING_LENGTH, `an entry is at most ${MAX_REQUIRED_HEADING_LENGTH} characters`),
    )
    // Matching aligns the list with the prompt's headings (list × headings steps): both are bounded.
    .max(MAX_REQUIRED_SECTIONS, `at most ${MAX_REQUIRED_SECTIONS} entries: a prompt's outline is not longer`)
    .describe(
      'The headings, in order: "## Mission" one heading; "## *" any one heading of that level; ' +
        '"*" zero or more, "+" one or more, "?" exactly one unspecified heading.',
    ),
  match_case: z.boolean().default(false).describe('Whether heading text must match in case too. Default: false'),
});
export type RequiredSections = z.infer<typeof RequiredSections>;

export const RULE_SEVERITIES = ['off', 'info', 'warning', 'error'] as const;
export type RuleSeverity = (typeof RULE_SEVERITIES)[number];
const RuleSetting = z.union([z.enum(RULE_SEVERITIES), z.strictObject({ severity: z.enum(RULE_SEVERITIES) })]);
export type RuleSetting = z.infer<typeof RuleSetting>;

/**
 * `wavec.config.yaml` as written. Every option has a default, so an empty file (or no
 * file) describes the conventional layout of the design card.
 */
/** How the prompts name who reviews, merges, deploys and confirms, when the config says nothing else. */
export const DEFAULT_OPERATOR = 'the operator';

/**
 * The operator's role without its article ("the farm-ops lead" → "farm-ops lead"): what the fragments print where
 * the role stands alone, and what `destructive-command` looks for in a sentence that asks them for confirmation.
 */
export function operatorRole(name: string): string {
  return name.replace(/^(?:the|a|an|our|your)\s+/i, '');
}

const WrittenConfig = z.strictObject({
  templates_dir: NonEmptyText.default('templates').describe(
    'Folder of fragments (Markdown with YAML front matter). Default: templates',
  ),
  waves_dir: NonEmptyText.default('waves').describe(
    'Folder of wave specs, as <waves_dir>/phase-NN/wave-N.yaml. Default: waves',
  ),
  output_dir: NonEmptyText.default('prompts').describe('Folder the compiled prompts are written to. Default: prompts'),
  output_name: NonEmptyText.default('phase-{phase:02}-wave-{wave}.md').describe(
    'File name of a compiled prompt; {phase} and {wave} are replaced, {phase:02} pads to two digits. ' +
      'Default: phase-{phase:02}-wave-{wave}.md',
  ),
  charter: NonEmptyText.default('charter/PLATFORM_CHARTER.md').describe(
    'The platform charter whose § headings charter references resolve against. Default: charter/PLATFORM_CHARTER.md',
  ),
  charter_roles: z
    .record(z.string().regex(/^[a-z][a-z0-9-]*$/, 'a role is lower-case words joined by hyphens'), z.int().positive())
    .optional()
    .describe(
      'Which charter section plays each role the fragments cite with {{charter "role"}}: role → § number, for ' +
        'example {deploy: 3, secrets: 4, honesty: 13}. `wavec init` writes the map it proposes from the charter ' +
        'headings; without it, that proposal is used.',
    ),
  operator: z
    .string()
    .regex(
      /^[\p{L}\p{N}][\p{L}\p{N} '’.()-]{0,58}[\p{L}\p{N}.)]$/u,
      "a short noun phrase on one line: letters, digits, spaces and - ' ’ . ( ) only, 2 to 60 characters",
    )
    .optional()
    .describe(
      'Who the prompts name as the person who reviews, merges, deploys and confirms, as it reads in a sentence: ' +
        'for example "the farm-ops lead". Default: the operator',
    ),
  layout: NonEmptyText.default('master-prompt').describe(
    'Id of the layout fragment used when a spec names none. Default: master-prompt',
  ),
  agent: Id.default(DEFAULT_AGENT).describe(
    'The agent the prompts are written for: a shipped one (codex, claude-code) or one of `agents`; a spec may ' +
      'name another. It gives the name the prompt addresses, the trigger command, the branch prefix, and the ' +
      'encoding and budget when none is set. Default: codex',
  ),
  agents: z
    .record(Id, AgentDefinition)
    .default({})
    .describe(
      'Agents of your own, by id (one may redefine a shipped agent): name, trigger, branch_prefix, encoding, budget.',
    ),
  encoding: z
    .enum(ENCODINGS)
    .optional()
    .describe(
      "Tokenizer encoding; o200k_base is the encoding of OpenAI's current models. Default: the agent's (o200k_base)",
    ),
  budget: Budget.optional().describe(
    "Budget for specs that set none. Default: the agent's (6000 tokens, 400 lines, no reserve)",
  ),
  required_sections: RequiredSections.optional().describe(
    'Section structure every prompt must have, in markdownlint MD043 grammar (headings, match_case). ' +
      'Default: derived from the layout in use (the headings of the sections every prompt has; `wavec init` writes it)',
  ),
  rules: z
    .record(z.string(), RuleSetting)
    .default({})
    .describe(
      'Per-rule severity by rule code: off, info, warning or error (or {severity}). ' +
        'Default: every rule at its own severity',
    ),
  max_file_bytes: z
    .int()
    .positive()
    .default(2 * 1024 * 1024)
    .describe(
      'Largest input file read, in bytes; larger files are refused rather than parsed slowly. Default: 2097152 (2 MiB)',
    ),
});

/**
 * The config with the agent's defaults filled in: `encoding` and `budget` are the config's when written, else its
 * agent's (an unknown agent is the loader's located error; the shipped default stands in meanwhile).
 */
export const WavecConfig = WrittenConfig.transform((written) => {
  const agent = agentTable(written.agents)[written.agent] ?? agentTable({})[DEFAULT_AGENT]!;
  return { ...written, encoding: written.encoding ?? agent.encoding, budget: written.budget ?? agent.budget };
});
export type WavecConfig = z.output<typeof WavecConfig>;
