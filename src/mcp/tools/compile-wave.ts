import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { compileMany, exitCodeOf } from '../../compile-all.js';
import { compileWave, emitPrompt, type CompileResult } from '../../compile.js';
import { loadWorkspace } from '../../load/workspace.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { markUnwritten } from '../../diagnostics/unwritten.js';
import { WaveSpec } from '../../schema/spec.js';
import { toolResult } from '../result.js';
import type { ToolContext } from '../tool-context.js';
import { Count, Diagnostics, DiagnosticsOmitted, FragmentStatsOutput, Ok, SectionOutput } from '../wire.js';

export const compileWaveInput = {
  wave: WaveSpec.shape.wave.optional().describe('Wave number, e.g. 4. Leave it out with all or changed.'),
  all: z
    .boolean()
    .default(false)
    .describe('Every wave of every phase, in chain order, in one call (instead of one wave).'),
  changed: z
    .boolean()
    .default(false)
    .describe('The waves whose inputs changed since their sidecars, or that have no prompt yet.'),
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

const STATUSES = ['compiled', 'written', 'unchanged', 'not written', 'failed', 'many'] as const;
type Status = (typeof STATUSES)[number];

export const compileWaveOutput = {
  ok: Ok,
  status: z
    .enum(STATUSES)
    .describe(
      'compiled: checked, not written (write was not asked); written / unchanged: on disk; ' +
        'not written: write was asked but refused; failed: no prompt; many: all or changed (see waves).',
    ),
  summary: z
    .object({ written: Count, unchanged: Count, stale: Count, failing: Count, compiled: Count })
    .optional()
    .describe('With all or changed: how many waves were written, unchanged, stale (edited by hand), failing.'),
  waves: z
    .array(
      z.object({
        phase: z.int(),
        wave: z.int(),
        path: z.string(),
        status: z.enum(['written', 'unchanged', 'stale', 'failing', 'compiled']),
        diagnostics: Diagnostics,
      }),
    )
    .optional()
    .describe('With all or changed: each wave compiled, in chain order.'),
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
  diagnostics_omitted: DiagnosticsOmitted,
};

export type CompileWaveArgs = {
  wave?: number | undefined;
  phase?: number | undefined;
  all?: boolean;
  changed?: boolean;
  write: boolean;
  force: boolean;
};

export async function compileWaveTool(root: string, args: CompileWaveArgs): Promise<CallToolResult> {
  const many = args.all === true ? 'all' : args.changed === true ? 'changed' : undefined;
  if ((many === undefined) === (args.wave === undefined) || (args.all === true && args.changed === true))
    return toolResult('give either wave, or all: true, or changed: true', {
      ok: false,
      status: 'failed',
      diagnostics: [],
    });
  if (many !== undefined) return compileManyTool(root, many, args);
  const wave = args.wave!;
  const result = await compileWave(root, args.phase === undefined ? { wave } : { wave, phase: args.phase });
  if (!result.prompt)
    return toolResult(`wave ${wave} did not compile`, {
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

async function compileManyTool(root: string, which: 'all' | 'changed', args: CompileWaveArgs): Promise<CallToolResult> {
  const loaded = await loadWorkspace(root);
  if (!loaded.ok)
    return toolResult('the workspace does not load', { ok: false, status: 'failed', diagnostics: loaded.diagnostics });
  const runs = await compileMany(loaded.workspace, { which, write: args.write, force: args.force });
  const summary = { written: 0, unchanged: 0, stale: 0, failing: 0, compiled: 0 };
  for (const run of runs) summary[run.outcome]++;
  const payload = {
    ok: exitCodeOf(runs) === 0,
    status: 'many' as const,
    summary,
    waves: runs.map(({ phase, wave, path, outcome, diagnostics }) => ({
      phase,
      wave,
      path,
      status: outcome,
      diagnostics,
    })),
    diagnostics: loaded.diagnostics,
  };
  const counts = Object.entries(summary)
    .filter(([, n]) => n > 0)
    .map(([what, n]) => `${n} ${what}`);
  return toolResult(
    `${runs.length} ${which === 'all' ? 'waves' : 'changed waves'}${counts.length ? `: ${counts.join(', ')}` : ''}`,
    payload,
  );
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
        'With all: true (or changed: true, the waves whose inputs changed since their sidecars) instead of a wave, ' +
        "compiles every wave in chain order and returns each one's status and diagnostics with a summary. " +
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
