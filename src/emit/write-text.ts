import { diagnostic, fileStart, type Diagnostic } from '../diagnostics/diagnostic.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { describeFsError } from '../util/fs-error.js';
import { checkReplaceable, type ReplaceTarget } from './replaceable.js';

/**
 * Writes a text file wavec owns beside a prompt (the PR body, a recorded hand-back), atomically, after the checks
 * every file wavec replaces passes (inside the workspace, not a link, not a FIFO or a device). The same text already
 * there is left alone: `unchanged`.
 */
export async function writeTextOutput(
  root: string,
  relative: string,
  text: string,
): Promise<{ ok: true; status: 'written' | 'unchanged' } | { ok: false; diagnostics: Diagnostic[] }> {
  // Read only to compare: a longer file cannot be the same text.
  const checked = await checkReplaceable(root, [relative], Buffer.byteLength(text) + 1);
  if (!checked.ok) return checked;
  const [target] = checked.targets as [ReplaceTarget];
  if (target.existing.kind === 'ok' && target.existing.bytes.toString('utf8') === text)
    return { ok: true, status: 'unchanged' };
  try {
    await writeFileAtomic(target.absolute, text);
    return { ok: true, status: 'written' };
  } catch (error) {
    return {
      ok: false,
      diagnostics: [
        diagnostic(
          'output-write-failed',
          'error',
          `could not write ${relative} (${describeFsError(error)}); the previous file is unchanged`,
          fileStart(relative),
        ),
      ],
    };
  }
}
