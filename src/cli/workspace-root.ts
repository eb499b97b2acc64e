import { statSync } from 'node:fs';
import path from 'node:path';

/** The file that marks a workspace (load/config.ts reads it; named here too so start-up loads no schema). */
const MARKER = 'wavec.config.yaml';

/**
 * The nearest folder from `start` upwards that holds a wavec.config.yaml, as
 * git finds `.git` and eslint its config; undefined when there is none up to
 * the file system's root.
 */
export function findWorkspaceRoot(start: string): string | undefined {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    // Any entry by that name marks the workspace, as `.git` does for git: a
    // config that is a FIFO or a folder is then reported by the loader, at its
    // place, rather than passed over for a workspace further up.
    if (statSync(path.join(dir, MARKER), { throwIfNoEntry: false })) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

export function noWorkspaceMessage(command: string, cwd: string): string {
  return (
    `wavec ${command}: no ${MARKER} in ${cwd} or any folder above it\n` +
    '  create a workspace with `wavec init`, or name one with --root <dir>\n'
  );
}
