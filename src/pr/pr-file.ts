import { diagnostic, fileStart, type Diagnostic } from '../diagnostics/diagnostic.js';
import { checkReplaceable, type ReplaceTarget } from '../emit/replaceable.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { describeFsError } from '../util/fs-error.js';
import type { PullRequest } from './pull-request.js';

/**
 * The pull request as one Markdown file (what `wavec pr` prints and
 * `--write` saves): the title as its heading, the labels, the body, and the
 * commit message in a fence longer than any backtick run inside it.
 */
export function formatPullRequest(pr: PullRequest): string {
  const longest = Math.max(2, ...[...pr.commit_message.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const parts = [
    `# ${pr.title}`,
    ...(pr.labels.length > 0 ? [`Labels: ${pr.labels.join(', ')}`] : []),
    pr.body.trimEnd(),
    '## Commit message',
    `${fence}text\n${pr.commit_message.trimEnd()}\n${fence}`,
  ];
  return `${parts.join('\n\n')}\n`;
}

/**
 * Writes the PR file next to the prompt, atomically, after the checks every
 * file wavec replaces passes (inside the workspace, not a link, not a FIFO or
 * a device).
 */
export async function writePullRequest(
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
