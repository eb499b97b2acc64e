import type { Diagnostic } from '../diagnostic.js';
import { printable } from '../printable.js';

const LEVEL = { error: 'error', warning: 'warning', info: 'notice' } as const;

/**
 * GitHub Actions workflow commands (`::error file=…,line=…,col=…,title=…::message`),
 * which Forgejo Actions reads too: each finding becomes an annotation on its
 * line in the pull request.
 */
export function formatGithub(report: { diagnostics: readonly Diagnostic[] }): string {
  return report.diagnostics.map(annotation).join('');
}

/** One finding's workflow command, with its line break. */
export function annotation(d: Diagnostic): string {
  const properties = [`file=${escapeProperty(d.file)}`, `line=${d.line}`, `col=${d.column}`];
  if (d.endLine !== undefined) properties.push(`endLine=${d.endLine}`);
  if (d.endColumn !== undefined) properties.push(`endColumn=${d.endColumn}`);
  properties.push(`title=${escapeProperty(d.code)}`);
  const message = d.hint ? `${d.message}\nhint: ${d.hint}` : d.message;
  return `::${LEVEL[d.severity]} ${properties.join(',')}::${escapeData(message)}\n`;
}

/**
 * The workflow-command escapes for a message: `%`, CR and LF; any other control character (from a file name) is shown
 * as an escape.
 */
export function escapeData(text: string): string {
  return printable(text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

/** A property value also escapes the `:` and `,` that separate properties. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
