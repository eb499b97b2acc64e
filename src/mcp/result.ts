import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDiagnostic, formatSummary } from '../diagnostics/format.js';

/** Diagnostics spelled out in the text block; the rest are only in structuredContent. */
const MAX_DIAGNOSTICS_IN_TEXT = 20;

export interface ToolPayload {
  ok: boolean;
  diagnostics: Diagnostic[];
  [key: string]: unknown;
}

/**
 * One answer shape for every tool: a short text for clients that show only
 * text, the whole result as structuredContent, and `isError` exactly when
 * `ok` is false, so a failed compile or lint reads as a failed tool call
 * that carries its diagnostics.
 */
export function toolResult(summary: string, payload: ToolPayload): CallToolResult {
  const shown = payload.diagnostics.slice(0, MAX_DIAGNOSTICS_IN_TEXT).map((d) => formatDiagnostic(d));
  const hidden = payload.diagnostics.length - shown.length;
  const lines = [summary];
  if (payload.diagnostics.length > 0) {
    lines.push(...shown);
    if (hidden > 0) lines.push(`… ${hidden} more in structuredContent.diagnostics`);
    lines.push(formatSummary(payload.diagnostics));
  }
  return { content: [{ type: 'text', text: lines.join('\n') }], structuredContent: payload, isError: !payload.ok };
}

/** `ok` for a payload whose only failure is an error-severity diagnostic. */
export function okUnlessErrors(diagnostics: readonly Diagnostic[]): boolean {
  return !hasErrors(diagnostics);
}
