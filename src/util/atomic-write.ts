import { randomBytes } from 'node:crypto';
import {
  closeSync,
  constants,
  copyFileSync,
  fsyncSync,
  linkSync,
  openSync,
  renameSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { copyFile, link, open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

/**
 * The one way wavec replaces a file: the content goes to a temporary file in
 * the target's own folder (a rename across file systems would not be atomic),
 * is flushed to disk, and is renamed over the target, so a reader sees the old
 * file or the new one, never half of one. On any failure the temporary file is
 * removed and the error is thrown; the target is left as it was.
 */

export interface AtomicWriteOptions {
  /**
   * Never replace an existing file: the write fails with `EEXIST` when the
   * target exists, even one created a moment before (a hard link, which the
   * system refuses to put over an existing name, instead of a rename).
   */
  exclusive?: boolean;
  /** Permission bits of a new file (before the umask); default 0o666. A secret is written 0o600. */
  mode?: number;
  /**
   * Flush the content and the rename to disk (default true). A cache entry skips it: after a power loss it is at
   * worst torn, which its signature catches, and a lint of hundreds of prompts does not wait on a flush for each.
   */
  durable?: boolean;
}

/** A written, flushed temporary file, not yet in place. */
export interface PreparedWrite {
  /** The temporary file's path, in the target's folder. */
  readonly temporary: string;
  /**
   * Puts the content in place (a rename; a link under `exclusive`) and removes the temporary file. The folder is not
   * flushed: a writer that commits several files flushes each folder once, with {@link syncFolder}, after the last.
   */
  commit(): Promise<void>;
  /** Removes the temporary file; never throws. */
  discard(): Promise<void>;
}

const SUFFIX = '.wavec-tmp';

/**
 * `.<name>.<pid>-<random>.wavec-tmp` beside `target`: hidden, unique to this
 * process and call, and recognisable as wavec's own leftover after a crash.
 */
export function temporaryPathFor(target: string): string {
  return path.join(
    path.dirname(target),
    `.${path.basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}${SUFFIX}`,
  );
}

const TEMPORARY_NAME = /^\.(.+)\.(\d+)-[0-9a-f]{8}\.wavec-tmp$/;

/** Whether a file name is one {@link temporaryPathFor} makes: a leftover of an interrupted write, safe to remove. */
export function isTemporaryName(name: string): boolean {
  return TEMPORARY_NAME.test(name);
}

/** The target's file name and the writer's process id of a {@link temporaryPathFor} name; undefined for any other. */
export function temporaryNameParts(name: string): { target: string; pid: number } | undefined {
  const match = TEMPORARY_NAME.exec(name);
  return match ? { target: match[1]!, pid: Number(match[2]) } : undefined;
}

/**
 * A temporary file older than this is a leftover even when its writer's process id is alive again (ids are reused):
 * no write of wavec's keeps a temporary file for more than moments.
 */
export const STALE_TEMPORARY_MS = 60 * 60 * 1000;

/**
 * Whether a temporary file of wavec's naming is a leftover of an interrupted write, not a concurrent run's write in
 * progress: its writer is gone, or it is older than {@link STALE_TEMPORARY_MS}. This process's own are never stale.
 */
export function isStaleTemporary(name: string, modifiedMs: number, now = Date.now()): boolean {
  const parts = temporaryNameParts(name);
  if (parts === undefined || parts.pid === process.pid) return false;
  return now - modifiedMs > STALE_TEMPORARY_MS || !processAlive(parts.pid);
}

function processAlive(pid: number): boolean {
  // 0 and below name process groups, not a writer.
  if (!(pid > 0)) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists and belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Writes and flushes the temporary file of a write, to be committed later:
 * for a writer that puts several files in place together and prepares them
 * all before it replaces any.
 */
export async function prepareWrite(
  target: string,
  content: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<PreparedWrite> {
  const temporary = temporaryPathFor(target);
  const discard = () => unlink(temporary).catch(() => undefined);
  try {
    const handle = await open(temporary, 'wx', options.mode ?? 0o666);
    try {
      await handle.writeFile(content);
      if (options.durable !== false) await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    await discard();
    throw error;
  }
  return {
    temporary,
    async commit() {
      try {
        if (options.exclusive) await linkOrCopy(temporary, target);
        else await rename(temporary, target);
      } catch (error) {
        await discard();
        throw error;
      }
      // The content is in place under both names after a link: the temporary one goes.
      if (options.exclusive) await discard();
    },
    discard,
  };
}

/** Replaces `target` with `content` atomically (or creates it; never replaces it under `exclusive`). */
export async function writeFileAtomic(
  target: string,
  content: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  await (await prepareWrite(target, content, options)).commit();
  if (options.durable !== false) await syncFolder(path.dirname(target));
}

/** {@link writeFileAtomic}, synchronously: for a caller that does not wait (a cache written on the way out). */
export function writeFileAtomicSync(
  target: string,
  content: string | Uint8Array,
  options: AtomicWriteOptions = {},
): void {
  const temporary = temporaryPathFor(target);
  try {
    const fd = openSync(temporary, 'wx', options.mode ?? 0o666);
    try {
      writeFileSync(fd, content);
      if (options.durable !== false) fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (options.exclusive) linkOrCopySync(temporary, target);
    else renameSync(temporary, target);
  } catch (error) {
    removeSync(temporary);
    throw error;
  }
  if (options.exclusive) removeSync(temporary);
  if (options.durable !== false) syncFolderSync(path.dirname(target));
}

function removeSync(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // never created, or already renamed into place
  }
}

/** Errors of a file system that has no hard links (FAT, some network shares): there an exclusive copy stands in. */
const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV']);

async function linkOrCopy(temporary: string, target: string): Promise<void> {
  try {
    await link(temporary, target);
  } catch (error) {
    if (!NO_LINKS.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
    await copyFile(temporary, target, constants.COPYFILE_EXCL);
  }
}

function linkOrCopySync(temporary: string, target: string): void {
  try {
    linkSync(temporary, target);
  } catch (error) {
    if (!NO_LINKS.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
    copyFileSync(temporary, target, constants.COPYFILE_EXCL);
  }
}

/**
 * Flushes the folder's entry list, so the rename itself survives a power
 * loss. Where a folder cannot be opened or flushed (Windows), the rename is
 * as durable as the system makes it: no error.
 */
export async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // not supported here
  }
}

function syncFolderSync(folder: string): void {
  try {
    const fd = openSync(folder, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // not supported here
  }
}
