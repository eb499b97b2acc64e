import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDiagnostic, formatSummary } from '../diagnostics/format.js';

/** Diagnostics spelled out in the text block; the rest are only in structuredContent. */
const MAX_DIAGNOSTICS_IN_TEXT = 20;

/**
 * Diagnostics an answer carries in structuredContent; the rest are counted in `diagnostics_omitted`. A hostile input
 * can make any number of findings, and an answer of many megabytes makes a client close the connection.
 */
export const MAX_DIAGNOSTICS_IN_ANSWER = 200;

export interface ToolPayload {
  ok: boolean;
  diagnostics: Diagnostic[];
  [key: string]: unknown;
}

/**
 * One answer shape for every tool: a short text for clients that show only
 * text, the whole result as structuredContent, and `isError` exactly when
 * `ok` is false, so a failed compile or lint reads as a failed tool call
 * that carries its diagnostics. `inText` is what the text spells out, when
 * that is more than the top-level diagnostics.
 */
export function toolResult(
  summary: string,
  payload: ToolPayload,
  inText: readonly Diagnostic[] = payload.diagnostics,
): CallToolResult {
  const shown = inText.slice(0, MAX_DIAGNOSTICS_IN_TEXT).map((d) => formatDiagnostic(d));
  const hidden = inText.length - shown.length;
  const omitted = Math.max(0, payload.diagnostics.length - MAX_DIAGNOSTICS_IN_ANSWER);
  const lines = [summary];
  if (inText.length > 0) {
    lines.push(...shown);
    if (hidden > 0)
      lines.push(
        omitted > 0
          ? `… ${hidden} more: ${hidden - omitted} in structuredContent, ${omitted} left out of this answer ` +
              '(the wavec command lists them all)'
          : `… ${hidden} more in structuredContent`,
      );
    lines.push(formatSummary(inText));
  }
  const structuredContent =
    omitted > 0
      ? {
          ...payload,
          diagnostics: payload.diagnostics.slice(0, MAX_DIAGNOSTICS_IN_ANSWER),
          diagnostics_omitted: omitted,
        }
      : payload;
  return { content: [{ type: 'text', text: lines.join('\n') }], structuredContent, isError: !payload.ok };
}
