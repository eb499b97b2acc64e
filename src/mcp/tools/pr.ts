import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { diagnostic, fileStart } from '../../diagnostics/diagnostic.js';
import { loadWorkspace } from '../../load/workspace.js';
import { formatPullRequest, writePullRequest } from '../../pr/pr-file.js';
import { buildPullRequest } from '../../pr/pull-request.js';
import { WaveSpec } from '../../schema/spec.js';
import { toolResult } from '../result.js';
import type { ToolContext } from '../tool-context.js';
import { Diagnostics, DiagnosticsOmitted, Ok } from '../wire.js';

export const prInput = {
  wave: WaveSpec.shape.wave.describe('Wave number, e.g. 4.'),
  phase: WaveSpec.shape.phase
    .optional()
    .describe('Phase of the wave; needed only when the wave number exists in several phases.'),
  write: z
    .boolean()
    .default(false)
    .describe(
      'Write it next to the prompt (prompts/phase-02-wave-4.pr.md), as `wavec pr --write` does: only when every ' +
        'applicable Verification box is ticked and the prompt is compiled.',
    ),
  force: z
    .boolean()
    .default(false)
    .describe('With write: overwrite a PR file that was edited by hand since wavec wrote it (as --force).'),
};

export const prOutput = {
  ok: Ok,
  title: z.string().optional(),
  body: z.string().optional().describe("Markdown, for the forge's description field."),
  commit_message: z.string().optional(),
  labels: z.array(z.string()).optional(),
  markdown: z.string().optional().describe('The pull request exactly as `wavec pr` prints it.'),
  path: z.string().optional().describe('Where write puts it.'),
  written: z.boolean().optional().describe('With write: whether the file was written now (false: already current).'),
  status: z.enum(['written', 'unchanged']).optional().describe('With write: what happened to the file.'),
  unticked: z
    .array(z.looseObject({ label: z.string(), problems: z.array(z.string()) }))
    .optional()
    .describe('The Verification boxes that are not ticked (ok is false then).'),
  diagnostics: Diagnostics,
  diagnostics_omitted: DiagnosticsOmitted,
};

export type PrArgs = { wave: number; phase?: number | undefined; write: boolean; force?: boolean };

export async function prTool(root: string, args: PrArgs): Promise<CallToolResult> {
  const loaded = await loadWorkspace(root);
  if (!loaded.ok)
    return toolResult(`wave ${args.wave}: the workspace did not load`, { ok: false, diagnostics: loaded.diagnostics });
  const result = await buildPullRequest(
    loaded.workspace,
    args.phase === undefined ? { wave: args.wave } : { wave: args.wave, phase: args.phase },
  );
  if (result.inputError || !result.pr)
    return toolResult(`wave ${args.wave}: no pull request`, { ok: false, diagnostics: result.diagnostics });
  const { pr } = result;
  const markdown = formatPullRequest(pr);
  const unticked = result
    .verification!.items.filter((item) => item.applicable && !item.ticked)
    .map((item) => ({ label: item.label, problems: item.problems }));
  const answer = {
    title: pr.title,
    body: pr.body,
    commit_message: pr.commit_message,
    labels: pr.labels,
    markdown,
    path: pr.path,
    unticked,
  };
  const untickedLine = `${unticked.length} Verification box${unticked.length === 1 ? ' is' : 'es are'} not ticked`;
  if (!args.write)
    return toolResult(result.ok ? markdown.trimEnd() : `${untickedLine}\n\n${markdown.trimEnd()}`, {
      ok: result.ok,
      ...answer,
      diagnostics: [],
    });
  if (!result.ok)
    return toolResult(`${pr.path} not written: ${untickedLine}`, { ok: false, ...answer, diagnostics: [] });
  if (!result.prompt!.committed) {
    const promptPath = result.prompt!.path;
    return toolResult(`${pr.path} not written`, {
      ok: false,
      ...answer,
      diagnostics: [
        diagnostic(
          'pr-prompt-missing',
          'error',
          `${promptPath} does not exist yet: the pull request adds a compiled prompt`,
          fileStart(promptPath),
          { hint: `call compile_wave with write: true first` },
        ),
      ],
    });
  }
  const written = await writePullRequest(loaded.workspace.root, pr.path, markdown, { force: args.force === true });
  if (!written.ok)
    return toolResult(`${pr.path} not written`, { ok: false, ...answer, diagnostics: written.diagnostics });
  return toolResult(`${pr.path} ${written.status}`, {
    ok: true,
    ...answer,
    written: written.status === 'written',
    status: written.status,
    diagnostics: [],
  });
}

export function registerPr(server: McpServer, context: ToolContext): void {
  server.registerTool(
    'pr',
    {
      title: "The pull request that adds a wave's prompt",
      description:
        'The pull request that adds a compiled prompt, as `wavec pr` prints it: title, labels, body (Summary, ' +
        'modules, hard constraints, the Verification checklist measured on the prompt, a Test plan) and commit ' +
        'message. ok is false while an applicable Verification box is not ticked. With write: true it is written ' +
        'next to the prompt, as `wavec pr --write` does.',
      inputSchema: prInput,
      outputSchema: prOutput,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    (args) => context.guard('pr', () => prTool(context.root, args)),
  );
}
