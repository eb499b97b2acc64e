import { withWrittenMark, writeTextOutput } from '../emit/write-text.js';
import type { PullRequest } from './pull-request.js';

/**
 * The pull request as one Markdown file (what `wavec pr` prints and
 * `--write` saves): the title as its heading, the labels, the body, and the
 * commit message in a fence longer than any backtick run inside it; its
 * last line is wavec's mark, so that `--write` can tell a hand edit.
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
  return withWrittenMark(`${parts.join('\n\n')}\n`);
}

/**
 * Writes the PR file next to the prompt (see {@link writeTextOutput}); a PR file edited by hand since wavec wrote it
 * is replaced only with `force`.
 */
export function writePullRequest(root: string, relative: string, markdown: string, options: { force: boolean }) {
  return writeTextOutput(root, relative, markdown, { guard: { force: options.force } });
}
