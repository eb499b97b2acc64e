import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { compileWave, emitPrompt, type CompileResult } from '../../compile.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { markUnwritten } from '../../diagnostics/unwritten.js';
import { WaveSpec } from '../../schema/spec.js';
import { toolResult } from '../result.js';
import type { ToolContext } from '../tool-context.js';
import { Count, Diagnostics, FragmentStatsOutput, Ok, SectionOutput } from '../wire.js';

export const compileWaveInput = {
  wave: WaveSpec.shape.wave.describe('Wave number, e.g. 4.'),
  phase: WaveSpec.shape.phase
    .optional()
    .describe('Phase of the wave; needed only when the wave number exists in several phases.'),
  write: z
    .boolean()
    .default(false)
    .describe('Write the prompt and its provenance sidecar. Without it nothing touches the disk.'),
  force: z
    .boolean()
    .default(false)
    .describe('With write: overwrite a prompt that was edited by hand since wavec generated it.'),
};

const STATUSES = ['compiled', 'written', 'unchanged', 'not written', 'failed'] as const;
type Status = (typeof STATUSES)[number];

export const compileWaveOutput = {
  ok: Ok,
  status: z
    .enum(STATUSES)
    .describe(
      'compiled: checked, not written (write was not asked); written / unchanged: on disk; ' +
        'not written: write was asked but refused; failed: no prompt.',
    ),
  path: z.string().optional().describe('Workspace-relative output path of the prompt.'),
  prompt: z.string().optional().describe('The compiled prompt, exactly the bytes `wavec compile` writes.'),
  stats: z
    .object({
      lines: Count,
      tokens: Count,
      encoding: z.string(),
      budget: z.object({ max_tokens: Count, max_lines: Count, reserve_tokens: Count }),
      within_budget: z.boolean(),
    })
    .optional(),
  sections: z.array(SectionOutput).optional().describe('Per Markdown section: lines and tokens.'),
  fragments: z
    .array(FragmentStatsOutput)
    .optional()
    .describe('Per fragment: the lines and tokens it produced, largest first.'),
  provenance: z
    .looseObject({ version: z.string(), phase: z.int(), wave: z.int() })
    .optional()
    .describe('What the prompt was made from (hashes).'),
  diagnostics: Diagnostics,
};

export type CompileWaveArgs = { wave: number; phase?: number | undefined; write: boolean; force: boolean };

export async function compileWaveTool(root: string, args: CompileWaveArgs): Promise<CallToolResult> {
  const result = await compileWave(
    root,
    args.phase === undefined ? { wave: args.wave } : { wave: args.wave, phase: args.phase },
  );
  if (!result.prompt)
    return toolResult(`wave ${args.wave} did not compile`, {
      ok: false,
      status: 'failed',
      diagnostics: result.diagnostics,
    });

  let status: Status = 'compiled';
  let ok = result.ok;
  let refused: Diagnostic[] = [];
  if (args.write) {
    if (result.ok) {
      const written = await emitPrompt(result, root, { force: args.force });
      if (written.ok) status = written.status;
      else {
        status = 'not written';
        ok = false;
        refused = written.diagnostics;
      }
    } else status = 'not written';
  }
  // Positions in the prompt are in the text returned here; unless it is on disk, say so.
  const onDisk = status === 'written' || status === 'unchanged';
  const diagnostics = [
    ...(onDisk ? result.diagnostics : markUnwritten(result.diagnostics, result.prompt.path)),
    ...refused,
  ];
  const payload = {
    ok,
    status,
    path: result.prompt.path,
    prompt: result.prompt.text,
    ...measures(result),
    diagnostics,
  };
  return toolResult(summary(payload, result), payload);
}

function measures(result: CompileResult) {
  const stats = result.stats!;
  const budget = result.facts!.composition.context.budget;
  const within_budget = stats.tokens <= budget.max_tokens - budget.reserve_tokens && stats.lines <= budget.max_lines;
  return {
    stats: {
      lines: stats.lines,
      tokens: stats.tokens,
      encoding: stats.encoding,
      budget: { max_tokens: budget.max_tokens, max_lines: budget.max_lines, reserve_tokens: budget.reserve_tokens },
      within_budget,
    },
    sections: result.sections,
    fragments: stats.fragments,
    ...(result.provenance ? { provenance: result.provenance } : {}),
  };
}

function summary(
  payload: { status: Status; path: string; stats: ReturnType<typeof measures>['stats'] },
  result: CompileResult,
): string {
  const { stats } = payload;
  const tokenLimit = stats.budget.max_tokens - stats.budget.reserve_tokens;
  const status =
    payload.status === 'compiled' ? 'compiled, not written (call again with write: true to write it)' : payload.status;
  const topSections = result.sections.filter((s) => s.depth === 2).length;
  return [
    `${payload.path} ${status}`,
    `lines ${stats.lines} / ${stats.budget.max_lines} · tokens ${stats.tokens} / ${tokenLimit} (${stats.encoding}) · ` +
      `${stats.within_budget ? 'within budget' : 'over budget'} · ${topSections} sections`,
    'The prompt text is in structuredContent.prompt.',
  ].join('\n');
}

export function registerCompileWave(server: McpServer, context: ToolContext): void {
  server.registerTool(
    'compile_wave',
    {
      title: 'Compile a wave',
      description:
        'Compile a wave spec into its master prompt and check it (budget and the other checks). ' +
        'Returns the prompt, its stats per section and per fragment, its provenance and the diagnostics. ' +
        'Writes prompts/… and its provenance only with write: true, ' +
        'and never over a hand-edited prompt unless force: true.',
      inputSchema: compileWaveInput,
      outputSchema: compileWaveOutput,
      // destructiveHint is left at its default (true): with force, a hand-edited prompt is overwritten.
      annotations: { readOnlyHint: false, idempotentHint: true, openWorldHint: false },
    },
    (args) => context.guard('compile_wave', () => compileWaveTool(context.root, args)),
  );
}
