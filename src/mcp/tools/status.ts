import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { formatStatus } from '../../status/format-status.js';
import { programmeStatus } from '../../status/status.js';
import { toolResult } from '../result.js';
import type { ToolContext } from '../tool-context.js';
import { Count, Diagnostics, DiagnosticsOmitted, Ok } from '../wire.js';

export const statusOutput = {
  ok: Ok,
  waves: z
    .array(
      z.looseObject({
        phase: z.int(),
        wave: z.int(),
        spec: z.string().nullable().describe("The spec's path; null for a wave known only from its compiled prompt."),
        prompt: z.looseObject({
          path: z.string(),
          state: z.enum(['fresh', 'stale', 'edited', 'missing', 'does-not-compile', 'spec-gone']),
        }),
        pr_body: z.looseObject({ path: z.string(), written: z.boolean(), fresh: z.boolean().nullable() }),
        hand_back: z.looseObject({
          path: z.string(),
          recorded: z.boolean(),
          met_contract: z.boolean().nullable(),
          unreadable: z.string().optional(),
        }),
        open_items: z.looseObject({ total: Count, taken_up: Count, deferred: Count, not_carried: Count }),
      }),
    )
    .optional()
    .describe('Every wave of every phase, by phase then wave, as `wavec status --format json` lists them.'),
  diagnostics: Diagnostics,
  diagnostics_omitted: DiagnosticsOmitted,
};

export async function statusTool(root: string): Promise<CallToolResult> {
  const status = await programmeStatus(root);
  if (!status.ok) return toolResult('the workspace did not load', { ok: false, diagnostics: status.diagnostics });
  return toolResult(formatStatus(status.waves).trimEnd(), { ok: true, waves: status.waves, diagnostics: [] });
}

export function registerStatus(server: McpServer, context: ToolContext): void {
  server.registerTool(
    'status',
    {
      title: 'Where the programme stands',
      description:
        'Every wave of every phase, as `wavec status` lists them: spec present, prompt fresh or stale, ' +
        'PR body written, hand-back recorded and whether it met the contract, open items (noticed, UNVERIFIED, ' +
        'blocked) taken up by a later wave, deferred, or not carried. Never writes.',
      outputSchema: statusOutput,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    () => context.guard('status', () => statusTool(context.root)),
  );
}
