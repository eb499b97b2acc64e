import type { Diagnostic } from './diagnostic.js';
import { LineIndex } from '../util/text.js';
import { printable, printableExcerpt } from './printable.js';

export interface FormatOptions {
  /** ANSI colours; the CLI turns them on for a TTY without NO_COLOR. */
  color?: boolean;
  /** Returns a file's text for the source excerpt, or undefined to print none. */
  sourceOf?: (file: string) => string | undefined;
}

const ANSI = {
  red: '\u001b[31m',
  yellow: '\u001b[33m',
  cyan: '\u001b[36m',
  dim: '\u001b[2m',
  bold: '\u001b[1m',
  reset: '\u001b[0m',
};

/**
 * `file:line:col CODE message`, then the source line with a caret under the
 * column, the way compilers and eemeli/yaml's prettyErrors show it.
 */
export function formatDiagnostic(d: Diagnostic, options: FormatOptions = {}): string {
  const paint = (code: keyof typeof ANSI, text: string) => (options.color ? `${ANSI[code]}${text}${ANSI.reset}` : text);
  const severity =
    d.severity === 'error'
      ? paint('red', 'error')
      : d.severity === 'warning'
        ? paint('yellow', 'warning')
        : paint('cyan', 'info');
  const out = [
    `${paint('bold', `${printable(d.file)}:${d.line}:${d.column}`)} ${severity} ` +
      `${paint('dim', d.code)} ${printable(d.message)}`,
  ];
  const source = options.sourceOf?.(d.file);
  if (source !== undefined) {
    const raw = sourceLine(source, d.line);
    if (raw !== undefined) {
      const window = excerptWindow(raw, d.column - 1);
      const { text, caret } = printableExcerpt(window.text, window.caret);
      const gutter = String(d.line);
      out.push(`  ${paint('dim', `${gutter} |`)} ${text}`);
      const caretPad = text.slice(0, caret).replace(/[^\t]/g, ' ');
      out.push(`  ${' '.repeat(gutter.length)} ${paint('dim', '|')} ${caretPad}${paint('red', '^')}`);
    }
  }
  if (d.related)
    out.push(
      `  ${paint('dim', `${printable(d.related.file)}:${d.related.line}:${d.related.column}`)} ` +
        `${printable(d.related.message)}`,
    );
  if (d.hint) out.push(`  hint: ${printable(d.hint)}`);
  return out.join('\n');
}

/**
 * The line index of each source text recently printed from: one per file, so that printing n findings about a file
 * reads the file once, not n times.
 */
const lineIndexes = new Map<string, LineIndex>();
const MAX_LINE_INDEXES = 4;

function sourceLine(source: string, line: number): string | undefined {
  let index = lineIndexes.get(source);
  if (index) lineIndexes.delete(source);
  else index = new LineIndex(source);
  lineIndexes.set(source, index);
  if (lineIndexes.size > MAX_LINE_INDEXES) lineIndexes.delete(lineIndexes.keys().next().value!);
  return line >= 1 && line <= index.lineCount ? index.lineText(line) : undefined;
}

/** Widest source line shown whole. */
export const EXCERPT_WHOLE = 240;
/** Width of the window a longer line is cut to, around the column. */
export const EXCERPT_WIDTH = 120;

/**
 * The part of a source line to show and where the caret goes in it: the
 * whole line when it is short, else a window around the column with `…`
 * where it was cut (a 2,000-character minified line is not printed whole,
 * and its finding still gets a caret).
 */
export function excerptWindow(line: string, index: number): { text: string; caret: number } {
  const at = Math.max(0, Math.min(index, line.length));
  if (line.length <= EXCERPT_WHOLE) return { text: line, caret: at };
  const half = Math.floor(EXCERPT_WIDTH / 2);
  const start = Math.max(0, Math.min(at - half, line.length - EXCERPT_WIDTH));
  const end = Math.min(line.length, start + EXCERPT_WIDTH);
  const before = start > 0 ? '…' : '';
  return {
    text: `${before}${line.slice(start, end)}${end < line.length ? '…' : ''}`,
    caret: at - start + before.length,
  };
}

export function formatSummary(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  return `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
}
