import { realpathSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDiagnostic, formatSummary } from '../diagnostics/format.js';
import { markUnwritten } from '../diagnostics/unwritten.js';
import { isInside, readTextFile } from '../load/read-source.js';
import type { CliIo } from './io.js';

/**
 * Whether to colour what goes to one stream, decided for that stream alone
 * (`wavec lint > report.txt` on a terminal keeps colour on stderr only):
 * FORCE_COLOR (anything but 0 or false) turns it on, a non-empty NO_COLOR
 * (no-color.org) or TERM=dumb off, otherwise the stream being a terminal.
 */
export function useColor(io: CliIo, stream: 'stdout' | 'stderr'): boolean {
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  if ((io.env.NO_COLOR ?? '') !== '' || io.env.TERM === 'dumb') return false;
  return stream === 'stdout' ? io.isTTY : io.stderrIsTTY === true;
}

/**
 * Prints diagnostics to stderr with source excerpts read from the workspace.
 * `texts` supplies files that exist only in memory, or whose new text differs
 * from the disk (a compiled prompt that was not written because it fails a
 * check: its findings are about the new text).
 */
export function printDiagnostics(
  diagnostics: readonly Diagnostic[],
  io: CliIo,
  root: string,
  texts: ReadonlyMap<string, string> = new Map(),
  options: { unwritten?: string } = {},
): void {
  if (diagnostics.length === 0) return;
  const cache = new Map<string, string | undefined>(texts);
  if (options.unwritten !== undefined) {
    diagnostics = markUnwritten(diagnostics, options.unwritten);
    // The file on disk is another text (or none): an excerpt from it would show the wrong line.
    if (!cache.has(options.unwritten)) cache.set(options.unwritten, undefined);
  }
  const sourceOf = (file: string) => {
    if (!cache.has(file)) {
      try {
        cache.set(file, excerptSource(root, file));
      } catch {
        cache.set(file, undefined);
      }
    }
    return cache.get(file);
  };
  const color = useColor(io, 'stderr');
  for (const d of diagnostics) io.stderr.write(`${formatDiagnostic(d, { color, sourceOf })}\n`);
  io.stderr.write(`${formatSummary(diagnostics)}\n`);
}

/** Largest file an excerpt is read from: a file refused as too large is not read whole just to print its first line. */
const MAX_EXCERPT_SOURCE_BYTES = 2 * 1024 * 1024;

/**
 * The text a diagnostic's excerpt is taken from, or undefined: never from a
 * file outside the workspace (a link there must not print its first line),
 * never from a large or binary one.
 */
function excerptSource(root: string, file: string): string | undefined {
  const real = realpathSync(path.resolve(root, file));
  if (!isInside(realpathSync(root), real)) return undefined;
  const read = readTextFile(real, file, MAX_EXCERPT_SOURCE_BYTES);
  return read.ok ? read.text : undefined;
}

/**
 * Input errors in the format the command was asked for, so a tool that reads `--format json` (or `github`) is told
 * what went wrong in the shape it reads: json as `{"ok": false, "diagnostics": […]}` on stdout, github as workflow
 * annotations on stdout; any other format (human, markdown, text) as {@link printDiagnostics} prints them.
 */
export async function printInputErrors(
  diagnostics: readonly Diagnostic[],
  format: unknown,
  io: CliIo,
  root: string,
): Promise<void> {
  if (format === 'json') {
    io.stdout.write(`${JSON.stringify({ ok: false, diagnostics }, null, 2)}\n`);
    return;
  }
  if (format === 'github') {
    const { formatGithub } = await import('../diagnostics/formatters/github.js');
    io.stdout.write(formatGithub({ diagnostics }));
    return;
  }
  printDiagnostics(diagnostics, io, root);
}
