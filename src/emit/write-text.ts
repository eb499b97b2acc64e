import { diagnostic, fileStart, type Diagnostic } from '../diagnostics/diagnostic.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { describeFsError } from '../util/fs-error.js';
import { sha256 } from '../util/hash.js';
import { normalizeNewlines } from '../util/text.js';
import { checkReplaceable, type ReplaceTarget } from './replaceable.js';

export interface TextOutputOptions {
  /**
   * The text carries wavec's mark ({@link withWrittenMark}), and a file there whose mark no longer matches its text
   * was edited by hand: it is not replaced unless `force`.
   */
  guard?: { force: boolean };
}

/** Largest existing file read to check its mark: wavec never wrote a longer one. */
const MAX_MARKED_BYTES = 64 * 1024 * 1024;

/**
 * Writes a text file wavec owns beside a prompt (the PR body, a recorded hand-back), atomically, after the checks
 * every file wavec replaces passes (inside the workspace, not a link, not a FIFO or a device). The same text already
 * there is left alone: `unchanged`.
 */
export async function writeTextOutput(
  root: string,
  relative: string,
  text: string,
  options: TextOutputOptions = {},
): Promise<{ ok: true; status: 'written' | 'unchanged' } | { ok: false; diagnostics: Diagnostic[] }> {
  // Read only to compare, unless its mark is to be checked: a longer file cannot be the same text.
  const checked = await checkReplaceable(
    root,
    [relative],
    options.guard ? MAX_MARKED_BYTES : Buffer.byteLength(text) + 1,
  );
  if (!checked.ok) return checked;
  const [target] = checked.targets as [ReplaceTarget];
  const existing = target.existing.kind === 'ok' ? target.existing.bytes.toString('utf8') : undefined;
  if (existing === text) return { ok: true, status: 'unchanged' };
  const refuse = (message: string, hint: string) => ({
    ok: false as const,
    diagnostics: [diagnostic('output-hand-edited', 'error', message, fileStart(relative), { hint })],
  });
  if (options.guard && !options.guard.force && target.existing.kind !== 'missing') {
    if (existing === undefined)
      return refuse(
        `${relative} cannot be read, so wavec cannot tell whether it was edited by hand; not overwriting it`,
        'check the file, or pass --force to replace it',
      );
    if (!carriesItsMark(existing))
      return refuse(
        `${relative} was edited by hand (it no longer matches the hash wavec wrote at its end); not overwriting it`,
        'keep your edits elsewhere (or delete the file), or pass --force to discard them',
      );
  }
  try {
    await writeFileAtomic(target.absolute, text);
    return { ok: true, status: 'written' };
  } catch (error) {
    return { ok: false, diagnostics: [writeFailed(relative, error)] };
  }
}

const MARK = /\n<!-- wavec: (sha256:[0-9a-f]{64}) -->\n$/;

/**
 * A Markdown text with wavec's mark as its last line, an HTML comment (invisible where the text is rendered) holding
 * the hash of everything above it: a later write can tell its own file from one edited by hand.
 */
export function withWrittenMark(text: string): string {
  return `${text}\n<!-- wavec: ${sha256(text)} -->\n`;
}

/** Whether a file ends with wavec's mark matching the text above it (whatever line endings a checkout gave it). */
function carriesItsMark(existing: string): boolean {
  const text = normalizeNewlines(existing);
  const mark = MARK.exec(text);
  return mark !== null && mark[1] === sha256(text.slice(0, mark.index));
}

/** A file that could not be replaced: the atomic writer leaves the previous one as it was. */
export function writeFailed(relative: string, error: unknown): Diagnostic {
  return diagnostic(
    'output-write-failed',
    'error',
    `could not write ${relative} (${describeFsError(error)}); the previous file is unchanged`,
    fileStart(relative),
  );
}
