import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { FragmentKind } from '../../schema/fragment.js';
import { FRAGMENT_LAYERS, FragmentMeta } from '../../schema/fragment.js';
import { loadWorkspace } from '../../load/workspace.js';
import { toolResult } from '../result.js';
import type { ToolContext } from '../tool-context.js';
import { Diagnostics, DiagnosticsOmitted, Ok } from '../wire.js';

export const listFragmentsInput = {
  kind: FragmentMeta.shape.kind.optional().describe('Only fragments of this kind.'),
};

export const listFragmentsOutput = {
  ok: Ok,
  fragments: z
    .array(
      z.object({
        id: z.string().describe('What layouts include ({{> id}}), specs name as pattern or constraint.'),
        kind: FragmentMeta.shape.kind,
        title: z.string(),
        path: z
          .string()
          .describe("Workspace-relative path of the fragment file; wavec's own are named wavec/templates/…."),
        layer: z
          .enum(FRAGMENT_LAYERS)
          .describe(
            "base: wavec's own library; user: the workspace's templates folder (an override when the id is wavec's).",
          ),
        description: z.string().optional(),
      }),
    )
    .optional()
    .describe('Sorted by kind, then id.'),
  diagnostics: Diagnostics,
  diagnostics_omitted: DiagnosticsOmitted,
};

export async function listFragmentsTool(
  root: string,
  args: { kind?: FragmentKind | undefined },
): Promise<CallToolResult> {
  const loaded = await loadWorkspace(root);
  if (!loaded.ok) return toolResult('the workspace did not load', { ok: false, diagnostics: loaded.diagnostics });
  const fragments = [...loaded.workspace.fragments.values()]
    .filter((f) => args.kind === undefined || f.meta.kind === args.kind)
    .map((f) => ({
      id: f.id,
      kind: f.meta.kind,
      title: f.meta.title,
      path: f.file.path,
      layer: f.layer,
      ...(f.meta.description === undefined ? {} : { description: f.meta.description }),
    }))
    .sort((a, b) => compare(a.kind, b.kind) || compare(a.id, b.id));
  const lines = fragments.map((f) => `${f.kind.padEnd(10)} ${f.id} — ${f.title} (${f.path}, ${f.layer})`);
  const heading =
    `${fragments.length} fragment${fragments.length === 1 ? '' : 's'}` + `${args.kind ? ` of kind ${args.kind}` : ''}`;
  return toolResult([heading, ...lines].join('\n'), { ok: true, fragments, diagnostics: loaded.diagnostics });
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function registerListFragments(server: McpServer, context: ToolContext): void {
  server.registerTool(
    'list_fragments',
    {
      title: 'List fragments',
      description:
        'List the fragment library: id, kind (layout, section, charter, constraint, pattern), ' +
        "title, path and layer (wavec's own, or the workspace's override or addition) of every fragment, so a wave " +
        'spec can name patterns and constraints that exist.',
      inputSchema: listFragmentsInput,
      outputSchema: listFragmentsOutput,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (args) => context.guard('list_fragments', () => listFragmentsTool(context.root, args)),
  );
}
