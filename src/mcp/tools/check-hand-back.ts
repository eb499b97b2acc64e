import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { diagnostic, fileStart } from '../../diagnostics/diagnostic.js';
import { formatSummary } from '../../diagnostics/format.js';
import { checkHandBack } from '../../handback/hand-back.js';
import { readHandBackOffThread } from '../../handback/off-thread.js';
import { buildRecord, writeRecord } from '../../handback/record.js';
import { readSource } from '../../load/read-source.js';
import { loadWorkspace } from '../../load/workspace.js';
import { WaveSpec } from '../../schema/spec.js';
import { toolResult } from '../result.js';
import type { ToolContext } from '../tool-context.js';
import { Diagnostics, DiagnosticsOmitted, Ok } from '../wire.js';

/** What an inline reply is called in findings when no path names it. */
export const INLINE_REPLY = 'reply.md';

export const checkHandBackInput = z
  .object({
    wave: WaveSpec.shape.wave.describe('Wave number, e.g. 4.'),
    phase: WaveSpec.shape.phase
      .optional()
      .describe('Phase of the wave; needed only when the wave number exists in several phases.'),
    text: z
      .string()
      .optional()
      .describe(`The agent's reply as given. Named "${INLINE_REPLY}" in findings unless path names it.`),
    path: z
      .string()
      .min(1)
      .optional()
      .describe('A reply file, relative to the workspace root. With text: only the name findings use.'),
    record: z
      .boolean()
      .optional()
      .describe(
        'Store the checked result beside the prompt (prompts/phase-02-wave-4.handback.json), as ' +
          '`wavec handback --record` does, also when the reply falls short: new_wave offers its open items to the ' +
          'next wave, status reports it.',
      ),
  })
  .refine((args) => args.text !== undefined || args.path !== undefined, {
    message: "pass text (the agent's reply) or path (a reply file in the workspace)",
  });

export const checkHandBackOutput = {
  ok: Ok,
  path: z.string().optional().describe('The reply as findings name it.'),
  contract: z
    .looseObject({
      phase: z.int(),
      wave: z.int(),
      subsystem: z.string(),
      parts: z
        .array(
          z.looseObject({
            key: z.string(),
            kind: z.string(),
            number: z.int().nullable(),
            text: z.string(),
          }),
        )
        .describe("What the prompt's Hand-back section asks for, in its order; each is checked."),
      prs: z
        .array(z.looseObject({ number: z.int(), id: z.string(), title: z.string() }))
        .describe('In plan order: one URL each, or reported blocked with a reason.'),
      modules: z.array(z.looseObject({ id: z.string(), service: z.string(), containers: z.array(z.string()) })),
      labels: z.looseObject({ section: z.int(), title: z.string() }).nullable(),
    })
    .optional()
    .describe('The contract the reply was checked against; absent when the wave did not compile.'),
  record: z
    .looseObject({ path: z.string(), status: z.enum(['written', 'unchanged']) })
    .optional()
    .describe('Where the record was stored, with record: true.'),
  diagnostics: Diagnostics,
  diagnostics_omitted: DiagnosticsOmitted,
};

export type CheckHandBackArgs = {
  wave: number;
  phase?: number | undefined;
  text?: string | undefined;
  path?: string | undefined;
  record?: boolean | undefined;
};

export async function checkHandBackTool(root: string, args: CheckHandBackArgs): Promise<CallToolResult> {
  const loaded = await loadWorkspace(root);
  if (!loaded.ok)
    return toolResult(`wave ${args.wave}: the workspace did not load`, { ok: false, diagnostics: loaded.diagnostics });
  let reply: { path: string; text: string };
  const maxBytes = loaded.workspace.config.max_file_bytes;
  if (args.text !== undefined) {
    const name = args.path ?? INLINE_REPLY;
    // An inline reply is held to the limit a reply file has.
    const bytes = Buffer.byteLength(args.text);
    if (bytes > maxBytes)
      return toolResult(`${name} was not checked`, {
        ok: false,
        path: name,
        diagnostics: [
          diagnostic(
            'file-too-large',
            'error',
            `${name} is ${bytes} bytes; the limit is ${maxBytes} bytes (as for a reply file)`,
            fileStart(name),
            { hint: 'raise `max_file_bytes` in wavec.config.yaml if a reply is really meant to be this large' },
          ),
        ],
      });
    reply = { path: name, text: args.text };
  } else {
    // A server an agent drives reads only inside its workspace; pass text for a reply elsewhere.
    const read = await readSource(loaded.workspace.root, args.path!, { maxFileBytes: maxBytes });
    if (!read.ok)
      return toolResult(`${args.path} was not checked`, { ok: false, path: args.path, diagnostics: read.diagnostics });
    reply = { path: read.file.path, text: read.file.text };
  }
  // A large reply is read on a worker thread: the server goes on answering its other requests meanwhile.
  const result = await checkHandBack(
    loaded.workspace,
    args.phase === undefined ? { wave: args.wave } : { wave: args.wave, phase: args.phase },
    reply,
    readHandBackOffThread,
  );
  const contract = result.contract;
  let recorded: { path: string; status: 'written' | 'unchanged' } | undefined;
  if (args.record && contract && result.reading) {
    const written = await writeRecord(
      loaded.workspace.root,
      result.promptPath!,
      buildRecord({ ok: result.ok, diagnostics: result.diagnostics, contract, reading: result.reading }, reply.text),
    );
    if (!written.ok)
      return toolResult(`${reply.path}: the record was not written`, {
        ok: false,
        path: reply.path,
        contract,
        diagnostics: written.diagnostics,
      });
    recorded = { path: written.path, status: written.status };
  }
  const summary = !contract
    ? `wave ${args.wave} did not compile`
    : result.ok
      ? `${reply.path}: meets the hand-back contract of wave ${contract.wave} (phase ${contract.phase})`
      : `${reply.path}: does not meet the hand-back contract of wave ${contract.wave} (phase ${contract.phase}): ` +
        `${formatSummary(result.diagnostics)}`;
  return toolResult(recorded ? `${summary}\n${recorded.path} ${recorded.status}` : summary, {
    ok: result.ok,
    path: reply.path,
    ...(contract ? { contract } : {}),
    ...(recorded ? { record: recorded } : {}),
    diagnostics: result.diagnostics,
  });
}

export function registerCheckHandBack(server: McpServer, context: ToolContext): void {
  server.registerTool(
    'check_hand_back',
    {
      title: "Check an agent's hand-back",
      description:
        "Check an agent's reply against a wave's hand-back contract, the way `wavec handback` does: " +
        'one PR URL per planned PR (or blocked with a reason), no duplicates; ' +
        "every module's part (what the audit found, what the manifest declares, what is UNVERIFIED) " +
        'with verified/assumed/unknown labels; ' +
        "a health observation naming every module's container with its state and the command; " +
        "each of the spec's extra items; a noticed-not-done list. Findings are located in the reply. " +
        'Writes only with record: true (the checked result beside the prompt).',
      inputSchema: checkHandBackInput,
      outputSchema: checkHandBackOutput,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    (args) => context.guard('check_hand_back', () => checkHandBackTool(context.root, args)),
  );
}
