import type { Diagnostic } from './diagnostic.js';
import { printable, printableLine } from './printable.js';

export interface FormatOptions {
  /** ANSI colours; the CLI turns them on for a TTY without NO_COLOR. */
  color?: boolean;
  /** Returns a file's text for the source excerpt, or undefined to print none. */
  sourceOf?: (file: string) => string | undefined;
}

const ANSI = { red: '\u001b[31m', yellow: '\u001b[33m', cyan: '\u001b[36m', dim: '\u001b[2m', bold: '\u001b[1m', reset: '\u001b[0m' };

/**
 * `file:line:col CODE message`, then the source line with a caret under the
 * column, the way compilers and eemeli/yaml's prettyErrors show it.
 */
export function formatDiagnostic(d: Diagnostic, options: FormatOptions = {}): string {
  const paint = (code: keyof typeof ANSI, text: string) => (options.color ? `${ANSI[code]}${text}${ANSI.reset}` : text);
  const severity = d.severity === 'error' ? paint('red', 'error') : d.severity === 'warning' ? paint('yellow', 'warning') : paint('cyan', 'info');
  const out = [`${paint('bold', `${printable(d.file)}:${d.line}:${d.column}`)} ${severity} ${paint('dim', d.code)} ${printable(d.message)}`];
  const source = options.sourceOf?.(d.file);
  if (source !== undefined) {
    const raw = source.split('\n')[d.line - 1];
    const line = raw === undefined ? undefined : printableLine(raw);
    if (line !== undefined && line.length <= 240) {
      const gutter = String(d.line);
      out.push(`  ${paint('dim', `${gutter} |`)} ${line}`);
      const caretPad = line.slice(0, d.column - 1).replace(/[^\t]/g, ' ');
      out.push(`  ${' '.repeat(gutter.length)} ${paint('dim', '|')} ${caretPad}${paint('red', '^')}`);
    }
  }
  if (d.related) out.push(`  ${paint('dim', `${printable(d.related.file)}:${d.related.line}:${d.related.column}`)} ${printable(d.related.message)}`);
  if (d.hint) out.push(`  hint: ${printable(d.hint)}`);
  return out.join('\n');
}

export function formatSummary(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  return `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
}
