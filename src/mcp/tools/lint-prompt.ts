import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { diagnostic, fileStart } from '../../diagnostics/diagnostic.js';
import { formatSummary } from '../../diagnostics/format.js';
import { lintPrompt } from '../../lint.js';
import { resolveInside, toDisplayPath } from '../../load/read-source.js';
import { toolResult } from '../result.js';
import type { ToolContext } from '../tool-context.js';
import { Count, Diagnostics, DiagnosticsOmitted, FragmentStatsOutput, Ok, SectionOutput } from '../wire.js';

/** What inline text is called in diagnostics when no path names it. */
export const INLINE_NAME = 'inline-prompt.md';

export const lintPromptInput = z
  .object({
    path: z
      .string()
      .min(1)
      .optional()
      .describe(
        'Prompt file, relative to the workspace root (e.g. prompts/phase-02-wave-4.md). ' +
          'With text: only the name diagnostics use.',
      ),
    text: z
      .string()
      .optional()
      .describe(
        'A prompt to lint as given (hand-written: the rules that need no spec). ' +
          `Named "${INLINE_NAME}" unless path names it.`,
      ),
    strict: z.boolean().default(false).describe('Report warnings as errors.'),
    drift: z
      .boolean()
      .default(false)
      .describe('Also check that a compiled prompt matches a fresh compile and its provenance (rule prompt-drift).'),
  })
  .refine((args) => args.path !== undefined || args.text !== undefined, {
    message: 'pass path (a prompt file) or text (a prompt to lint inline)',
  });

export const lintPromptOutput = {
  ok: Ok,
  path: z.string().optional().describe('The prompt as diagnostics name it.'),
  compiled: z
    .boolean()
    .optional()
    .describe(
      'True when a provenance sidecar named the spec: every rule ran. ' +
        'False: a hand-written prompt, the spec-free rules ran.',
    ),
  stats: z
    .object({
      lines: Count,
      tokens: Count,
      encoding: z.string(),
      sections: z.array(SectionOutput),
      fragments: z.array(FragmentStatsOutput).describe('Only for a compiled prompt.'),
    })
    .optional(),
  diagnostics: Diagnostics,
  diagnostics_omitted: DiagnosticsOmitted,
};

export type LintPromptArgs = { path?: string | undefined; text?: string | undefined; strict: boolean; drift: boolean };

export async function lintPromptTool(root: string, args: LintPromptArgs): Promise<CallToolResult> {
  // The CLI lints any file it is pointed at; a server an agent drives reads only inside its workspace.
  if (args.text === undefined && args.path !== undefined) {
    const resolved = await resolveInside(root, args.path);
    if (resolved.kind === 'outside') {
      const display = toDisplayPath(args.path);
      return toolResult(`${display} was not linted`, {
        ok: false,
        path: display,
        diagnostics: [
          diagnostic(
            'path-outside-workspace',
            'error',
            `${display} resolves outside the workspace (${resolved.real})`,
            fileStart(display),
            {
              hint: 'pass the prompt as text to lint it from anywhere',
            },
          ),
        ],
      });
    }
  }
  const input = args.text === undefined ? { path: args.path! } : { path: args.path ?? INLINE_NAME, text: args.text };
  const result = await lintPrompt(root, input, { strict: args.strict, drift: args.drift });
  const kind = result.compiled ? 'compiled prompt' : 'hand-written prompt';
  const summary = [
    `${result.path}: ${kind}, ${result.diagnostics.length === 0 ? 'clean' : formatSummary(result.diagnostics)}`,
    `lines ${result.stats.lines} · tokens ${result.stats.tokens} (${result.stats.encoding})`,
  ].join('\n');
  return toolResult(summary, {
    ok: result.ok,
    path: result.path,
    compiled: result.compiled,
    stats: result.stats,
    diagnostics: result.diagnostics,
  });
}

export function registerLintPrompt(server: McpServer, context: ToolContext): void {
  server.registerTool(
    'lint_prompt',
    {
      title: 'Lint a prompt',
      description:
        'Check a prompt the way `wavec lint` does: budget, required sections, charter and PR references, ' +
        'implied constraints, destructive commands outside their gates, leftovers, hidden characters, ' +
        'and (with drift) hand edits and staleness. ' +
        'A compiled prompt (path with a provenance sidecar) gets every rule; ' +
        'a hand-written one, or inline text, the rules that need no spec. Never writes.',
      inputSchema: lintPromptInput,
      outputSchema: lintPromptOutput,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (args) => context.guard('lint_prompt', () => lintPromptTool(context.root, args)),
  );
}
