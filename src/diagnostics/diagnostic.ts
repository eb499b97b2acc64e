/**
 * The one diagnostic type of wavec. Every stage (load, validate, compose,
 * render, analyse, check, emit) reports through it, so the CLI, the lint
 * formatters and the library API never need to know which stage spoke.
 *
 * Positions are 1-based and point into the file the user edits: for a
 * fragment that is the `.md` file itself (front matter included), never the
 * template body seen in isolation.
 */

import type { Code } from '../schema/codes.js';

export type { Code } from '../schema/codes.js';

export type Severity = 'error' | 'warning' | 'info';

export interface SourceLocation {
  /** Path relative to the workspace root, with `/` separators. */
  file: string;
  /** 1-based line. */
  line: number;
  /** 1-based column, in UTF-16 code units (what editors and LSP report). */
  column: number;
  endLine?: number;
  endColumn?: number;
}

export interface RelatedLocation extends SourceLocation {
  message: string;
}

export interface Diagnostic extends SourceLocation {
  /** Stable identifier, one of the table in schema/codes.ts, documented in docs/errors.md or docs/rules.md. */
  code: Code;
  severity: Severity;
  message: string;
  /** A second place that explains this one (the earlier definition, the cycle's start). */
  related?: RelatedLocation;
  /** What the user can do about it, when there is one clear step. */
  hint?: string;
}

export function diagnostic(
  code: Code,
  severity: Severity,
  message: string,
  at: SourceLocation,
  extra: Pick<Diagnostic, 'related' | 'hint'> = {},
): Diagnostic {
  const d: Diagnostic = { code, severity, message, file: at.file, line: at.line, column: at.column };
  if (at.endLine !== undefined) d.endLine = at.endLine;
  if (at.endColumn !== undefined) d.endColumn = at.endColumn;
  if (extra.related) d.related = extra.related;
  if (extra.hint) d.hint = extra.hint;
  return d;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** A location for problems that belong to a whole file (a missing file, say). */
export function fileStart(file: string): SourceLocation {
  return { file, line: 1, column: 1 };
}

/**
 * Orders diagnostics by file, then position, then code, so that output is
 * the same on every run whatever order the stages found them in.
 */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      compareStrings(a.file, b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      compareStrings(a.code, b.code) ||
      compareStrings(a.message, b.message),
  );
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Drops repeats of a finding (same place, code, severity and message), in
 * order: stages and rules that see the same text may report it twice.
 */
export function dedupeDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = diagnosticKey(d);
    return !seen.has(key) && Boolean(seen.add(key));
  });
}

/** What makes two diagnostics repeats of one finding for {@link dedupeDiagnostics}. */
export function diagnosticKey(d: Diagnostic): string {
  return JSON.stringify([d.file, d.line, d.column, d.code, d.severity, d.message]);
}
