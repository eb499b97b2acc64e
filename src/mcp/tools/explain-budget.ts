import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { explainBudget, type BudgetExplanation } from '../../explain/explain.js';
import { WaveSpec } from '../../schema/spec.js';
import { toolResult } from '../result.js';
import type { ToolContext } from '../tool-context.js';
import { Count, Diagnostics, DiagnosticsOmitted, FragmentStatsOutput, Ok } from '../wire.js';

/** Parts named in the text summary; the rest are in structuredContent. */
const TOP = 3;

export const explainBudgetInput = {
  wave: WaveSpec.shape.wave.describe('Wave number, e.g. 4.'),
  phase: WaveSpec.shape.phase
    .optional()
    .describe('Phase of the wave; needed only when the wave number exists in several phases.'),
  base: z
    .string()
    .min(1)
    .optional()
    .describe('A git revision (branch, tag, commit) to compare each fragment\'s tokens with, e.g. "main".'),
};

const Totals = z.object({ lines: Count, tokens: Count, encoding: z.string() });
const Delta = z.object({ status: z.enum(['new', 'changed', 'same']), tokens: z.int(), lines: z.int() });

export const explainBudgetOutput = {
  ok: Ok,
  compiled: z
    .boolean()
    .describe('False when input errors kept the prompt from compiling; then only diagnostics has content.'),
  wave: z.int(),
  phase: z.int().nullable(),
  path: z.string().nullable().describe('Workspace-relative path of the prompt.'),
  budget: z.looseObject({ max_tokens: Count, max_lines: Count, reserve_tokens: Count }).nullable(),
  within_budget: z.boolean().nullable(),
  totals: Totals.nullable(),
  sections: z
    .array(z.looseObject({ title: z.string(), line: z.int(), endLine: z.int(), lines: Count, tokens: Count }))
    .describe('The heading block, then each `## ` section: together the whole prompt.'),
  fragments: z
    .array(FragmentStatsOutput.extend({ delta: Delta.nullable() }))
    .describe('Largest first; delta against base when asked.'),
  base: z
    .looseObject({
      revision: z.string(),
      commit: z.string().nullable(),
      totals: Totals.nullable(),
      removed: z.array(FragmentStatsOutput).describe('Fragments that produced lines at base and none now.'),
      diagnostics: Diagnostics,
    })
    .nullable(),
  diagnostics: Diagnostics,
  diagnostics_omitted: DiagnosticsOmitted,
};

export type ExplainBudgetArgs = { wave: number; phase?: number | undefined; base?: string | undefined };

export async function explainBudgetTool(root: string, args: ExplainBudgetArgs): Promise<CallToolResult> {
  const explanation = await explainBudget(root, {
    wave: args.wave,
    ...(args.phase === undefined ? {} : { phase: args.phase }),
    ...(args.base === undefined ? {} : { base: args.base }),
  });
  const within_budget = withinBudget(explanation);
  // An over-budget prompt is what this tool explains, so its budget errors do not fail the call.
  const ok = explanation.compiled && (args.base === undefined || explanation.base?.totals != null);
  // The base's findings (a revision that does not exist) are the call's too: a client reads the top-level list.
  const diagnostics = [...explanation.diagnostics, ...(explanation.base?.diagnostics ?? [])];
  return toolResult(summary(explanation, within_budget), { ok, ...explanation, within_budget, diagnostics });
}

function withinBudget({ budget, totals }: BudgetExplanation): boolean | null {
  if (!budget || !totals) return null;
  return totals.tokens <= budget.max_tokens - budget.reserve_tokens && totals.lines <= budget.max_lines;
}

function summary(e: BudgetExplanation, within: boolean | null): string {
  if (!e.compiled || !e.totals || !e.budget) return `wave ${e.wave} did not compile`;
  const limit = e.budget.max_tokens - e.budget.reserve_tokens;
  const largest = (parts: readonly { title?: string; id?: string; tokens: number }[]) =>
    [...parts]
      .sort((a, b) => b.tokens - a.tokens)
      .slice(0, TOP)
      .map((p) => `${p.title ?? p.id} ${p.tokens}`)
      .join(' · ');
  const lines = [
    `${e.path}: tokens ${e.totals.tokens} / ${limit} (${e.totals.encoding}), ` +
      `lines ${e.totals.lines} / ${e.budget.max_lines} · ${within ? 'within budget' : 'over budget'}`,
    `largest sections: ${largest(e.sections)}`,
    `largest fragments: ${largest(e.fragments)}`,
  ];
  if (e.base?.totals) {
    const grew = e.fragments
      .filter((f) => f.delta && f.delta.tokens > 0)
      .sort((a, b) => b.delta!.tokens - a.delta!.tokens);
    const change = e.totals.tokens - e.base.totals.tokens;
    lines.push(
      `vs ${e.base.revision}: ${change >= 0 ? '+' : ''}${change} tokens` +
        (grew.length
          ? `; grew: ${grew
              .slice(0, TOP)
              .map((f) => `${f.id} +${f.delta!.tokens}`)
              .join(' · ')}`
          : ''),
    );
  }
  lines.push('Per section and per fragment: structuredContent.sections and .fragments.');
  return lines.join('\n');
}

export function registerExplainBudget(server: McpServer, context: ToolContext): void {
  server.registerTool(
    'explain_budget',
    {
      title: "Explain a wave's budget",
      description:
        "Where a wave prompt's token and line budget goes: totals against the budget, " +
        'tokens and lines per section and per fragment (largest first), ' +
        "and with base (a git revision) each fragment's change since then, so a review sees what grew the prompt. " +
        'An over-budget prompt is explained, not refused. Never writes.',
      inputSchema: explainBudgetInput,
      outputSchema: explainBudgetOutput,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (args) => context.guard('explain_budget', () => explainBudgetTool(context.root, args)),
  );
}
