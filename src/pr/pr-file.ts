import { lstat, realpath, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { diagnostic, fileStart, type Diagnostic } from '../diagnostics/diagnostic.js';
import { writeTemporary } from '../emit/write.js';
import { isInside } from '../load/read-source.js';
import { describeFsError, readRegularFile } from '../util/regular-file.js';
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
 * Writes the PR file next to the prompt, atomically (a temporary file, then a rename); never through a link or outside
 * the workspace.
 */
export async function writePullRequest(
  root: string,
  relative: string,
  text: string,
): Promise<{ ok: true; status: 'written' | 'unchanged' } | { ok: false; diagnostics: Diagnostic[] }> {
  const refuse = (code: string, message: string) => ({
    ok: false as const,
    diagnostics: [diagnostic(code, 'error', message, fileStart(relative))],
  });
  const realRoot = await realpath(root);
  const target = path.resolve(realRoot, relative);
  const folder = await realpath(path.dirname(target)).catch(() => undefined);
  if (!folder || !isInside(realRoot, folder) || !isInside(realRoot, target))
    return refuse(
      'output-outside-workspace',
      `output folder ${path.dirname(relative)} is not a folder inside the workspace`,
    );
  const info = await lstat(target).catch(() => undefined);
  if (info?.isSymbolicLink())
    return refuse('output-outside-workspace', `${relative} is a symbolic link; wavec does not write through links`);
  // Read as the prompt writer reads what it replaces: a FIFO must not block, and only a regular file is replaced.
  const existing = readRegularFile(target, Buffer.byteLength(text) + 1);
  if (existing.kind === 'not-regular')
    return refuse(
      'output-not-regular',
      `${relative} is ${existing.what}, not a regular file; wavec replaces only regular files`,
    );
  if (existing.kind === 'ok' && existing.bytes.toString('utf8') === text) return { ok: true, status: 'unchanged' };
  const created: string[] = [];
  try {
    await rename(await writeTemporary(target, text, created), target);
    return { ok: true, status: 'written' };
  } catch (error) {
    await Promise.all(created.map((file) => unlink(file).catch(() => undefined)));
    return refuse(
      'output-write-failed',
      `could not write ${relative} (${describeFsError(error)}); the previous file is unchanged`,
    );
  }
}
