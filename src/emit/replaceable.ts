import { lstat, mkdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { diagnostic, fileStart, type Code, type Diagnostic } from '../diagnostics/diagnostic.js';
import { isInside } from '../load/read-source.js';
import { describeFsError } from '../util/fs-error.js';
import { readRegularFile, type RegularFileRead } from '../util/regular-file.js';

/** A file wavec may replace, with what stands there now. */
export interface ReplaceTarget {
  /** Workspace-relative, as diagnostics name it. */
  relative: string;
  absolute: string;
  /**
   * What is there: a regular file read whole (up to the caller's limit),
   * nothing, or a folder (which a rename then fails on, leaving it as it was).
   */
  existing: RegularFileRead;
}

export type ReplaceCheck = { ok: true; targets: ReplaceTarget[] } | { ok: false; diagnostics: Diagnostic[] };

/**
 * The one check before wavec replaces files it writes into the workspace (a
 * prompt and its sidecar, a PR file), all in one folder: each path lies
 * inside the workspace; the folder, created when missing, resolves inside it
 * (checked at the nearest existing ancestor before anything is created); no
 * path is a symbolic link; and nothing there is a FIFO, a device or a socket,
 * which a rename would silently replace. What stands at each path is read
 * once, without blocking, for the caller's own comparisons.
 */
export async function checkReplaceable(
  root: string,
  relatives: readonly [string, ...string[]],
  maxExistingBytes: number,
): Promise<ReplaceCheck> {
  const first = relatives[0];
  const refuse = (code: Code, message: string, file = first, hint?: string): ReplaceCheck => ({
    ok: false,
    diagnostics: [diagnostic(code, 'error', message, fileStart(file), hint ? { hint } : {})],
  });
  const realRoot = await realpath(root);
  const absolutes = relatives.map((relative) => path.resolve(realRoot, relative));
  const outside = relatives.find((_, i) => !isInside(realRoot, absolutes[i]!));
  if (outside !== undefined)
    return refuse('output-outside-workspace', `output path ${outside} is outside the workspace`);

  const folder = path.dirname(absolutes[0]!);
  const shownFolder = path.dirname(first);
  let realFolder: string;
  try {
    // The nearest folder that exists decides where a missing one would be created: check it before creating anything.
    const existingAncestor = await realpath(await nearestExisting(folder));
    if (!isInside(realRoot, existingAncestor))
      return refuse(
        'output-outside-workspace',
        `output folder ${shownFolder} resolves outside the workspace (${existingAncestor})`,
      );
    await mkdir(folder, { recursive: true });
    realFolder = await realpath(folder);
  } catch (error) {
    return refuse(
      'output-write-failed',
      `could not create the output folder ${shownFolder} (${describeFsError(error)}); nothing was written`,
    );
  }
  if (!isInside(realRoot, realFolder))
    return refuse(
      'output-outside-workspace',
      `output folder ${shownFolder} resolves outside the workspace (${realFolder})`,
    );
  for (const absolute of absolutes) {
    const info = await lstat(absolute).catch(() => undefined);
    if (info?.isSymbolicLink())
      return refuse(
        'output-outside-workspace',
        `${path.relative(realRoot, absolute)} is a symbolic link; wavec does not write through links`,
      );
  }

  const targets: ReplaceTarget[] = [];
  for (const [i, relative] of relatives.entries()) {
    const existing = readRegularFile(absolutes[i]!, maxExistingBytes);
    if (existing.kind === 'not-regular' && existing.what !== 'a folder')
      return refuse(
        'output-not-regular',
        `${relative} is ${existing.what}, not a regular file; wavec replaces only regular files`,
        relative,
        'move it away, then run the command again',
      );
    targets.push({ relative, absolute: absolutes[i]!, existing });
  }
  return { ok: true, targets };
}

/** `directory` itself or its closest ancestor that exists. */
async function nearestExisting(directory: string): Promise<string> {
  let current = directory;
  while (
    !(await lstat(current).then(
      () => true,
      () => false,
    ))
  ) {
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  return current;
}
