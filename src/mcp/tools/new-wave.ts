import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { newWave } from '../../authoring/new-wave.js';
import { hasErrors } from '../../diagnostics/diagnostic.js';
import { WaveSpec } from '../../schema/spec.js';
import { toolResult } from '../result.js';
import type { ToolContext } from '../tool-context.js';
import { Diagnostics, DiagnosticsOmitted, Ok } from '../wire.js';

export const newWaveInput = {
  wave: WaveSpec.shape.wave.describe('Number of the new wave, e.g. 5.'),
  from: WaveSpec.shape.wave
    .optional()
    .describe('The wave to scaffold from and inherit from; default: the previous wave of the phase.'),
  phase: WaveSpec.shape.phase
    .optional()
    .describe('Phase of the new wave; default: the phase of `from`, or the only phase.'),
  from_phase: WaveSpec.shape.phase
    .optional()
    .describe(
      'The phase of `from` when it is a wave of another, earlier phase: ' +
        'the new wave then inherits across phases (predecessor: {phase, wave}).',
    ),
  write: z
    .boolean()
    .default(false)
    .describe('Write the spec (never over an existing one). Without it only the text is returned.'),
};

export const newWaveOutput = {
  ok: Ok,
  path: z.string().optional().describe('Workspace-relative path of the new spec.'),
  text: z
    .string()
    .optional()
    .describe('The scaffolded spec (YAML); its "TODO:" placeholders are what the wave must fill in.'),
  written: z.boolean().describe('True when the spec was written to path.'),
  diagnostics: Diagnostics,
  diagnostics_omitted: DiagnosticsOmitted,
};

export type NewWaveArgs = {
  wave: number;
  from?: number | undefined;
  phase?: number | undefined;
  from_phase?: number | undefined;
  write: boolean;
};

export async function newWaveTool(root: string, args: NewWaveArgs): Promise<CallToolResult> {
  const result = await newWave(root, {
    wave: args.wave,
    write: args.write,
    ...(args.from === undefined
      ? {}
      : { from: args.from_phase === undefined ? args.from : { phase: args.from_phase, wave: args.from } }),
    ...(args.phase === undefined ? {} : { phase: args.phase }),
  });
  if (!result.text) {
    return toolResult(`wave ${args.wave} was not scaffolded`, {
      ok: false,
      ...(result.path ? { path: result.path } : {}),
      written: false,
      diagnostics: result.diagnostics,
    });
  }
  const placeholders = result.text.split('\n').filter((line) => line.includes('TODO:')).length;
  const status = result.written ? 'written' : 'scaffolded, not written (call again with write: true to write it)';
  const summary = [
    `${result.path} ${status}`,
    `${placeholders} line${placeholders === 1 ? '' : 's'} with "TODO:" to fill in; then compile_wave ${args.wave}. ` +
      'The spec text is in structuredContent.text.',
  ].join('\n');
  return toolResult(summary, {
    ok: !hasErrors(result.diagnostics),
    path: result.path,
    text: result.text,
    written: result.written,
    diagnostics: result.diagnostics,
  });
}

export function registerNewWave(server: McpServer, context: ToolContext): void {
  server.registerTool(
    'new_wave',
    {
      title: 'Scaffold a new wave',
      description:
        'Scaffold the spec of a new wave (waves/phase-NN/wave-N.yaml) from its predecessor: ' +
        'hard constraints, compose project, budget, trigger commands and branch prefix are inherited, ' +
        'what described the old subsystem is left as "TODO:" placeholders that compile and lint report until filled. ' +
        'Returns the YAML; writes it only with write: true, and never over an existing spec.',
      inputSchema: newWaveInput,
      outputSchema: newWaveOutput,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    },
    (args) => context.guard('new_wave', () => newWaveTool(context.root, args)),
  );
}
