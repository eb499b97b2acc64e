import { writeTextOutput } from '../emit/write-text.js';
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

/** Writes the PR file next to the prompt (see {@link writeTextOutput}). */
export const writePullRequest = writeTextOutput;
