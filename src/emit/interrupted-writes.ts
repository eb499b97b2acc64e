import { lstat, readdir, unlink } from 'node:fs/promises';
import path from 'node:path';
import { isStaleTemporary, temporaryNameParts } from '../util/atomic-write.js';
import { readRegularFile } from '../util/regular-file.js';

/** A temporary file of wavec's naming in an output folder: what an interrupted write leaves behind. */
export interface Leftover {
  absolute: string;
  /** The file name it was to replace. */
  target: string;
  /** Its writer is gone (or it is old): safe to remove; a fresh one of a live run is that run's write in progress. */
  stale: boolean;
}

/** A sidecar is a few KB; a leftover larger than this is not one wavec wrote. */
const MAX_SIDECAR_BYTES = 4 * 1024 * 1024;

/** The temporary files of wavec's naming in `folder` (none when it cannot be listed). */
export async function leftoversIn(folder: string): Promise<Leftover[]> {
  const names = await readdir(folder).catch(() => [] as string[]);
  const found: Leftover[] = [];
  for (const name of names) {
    const parts = temporaryNameParts(name);
    if (parts === undefined) continue;
    const absolute = path.join(folder, name);
    const info = await lstat(absolute).catch(() => undefined);
    if (!info?.isFile()) continue;
    found.push({ absolute, target: parts.target, stale: isStaleTemporary(name, info.mtimeMs) });
  }
  return found;
}

/**
 * Whether a write of the prompt and its sidecar stopped between its two renames: the prompt was put in place, and a
 * temporary sidecar beside it records exactly that prompt's hash. The prompt is then wavec's own, not a hand edit.
 */
export function sidecarLeftBehind(leftovers: readonly Leftover[], sidecarName: string, promptHash: string): boolean {
  return leftovers.some((leftover) => {
    if (leftover.target !== sidecarName) return false;
    const read = readRegularFile(leftover.absolute, MAX_SIDECAR_BYTES);
    if (read.kind !== 'ok') return false;
    try {
      const parsed = JSON.parse(read.bytes.toString('utf8')) as { prompt?: { hash?: unknown } };
      return parsed.prompt?.hash === promptHash;
    } catch {
      return false;
    }
  });
}

/** Removes the stale leftovers; a concurrent run's fresh temporary files stay. Never throws. */
export async function removeStaleLeftovers(leftovers: readonly Leftover[]): Promise<void> {
  await Promise.all(leftovers.filter((l) => l.stale).map((l) => unlink(l.absolute).catch(() => undefined)));
}
