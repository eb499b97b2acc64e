import { randomBytes } from 'node:crypto';
import { lstatSync, mkdirSync, type Stats } from 'node:fs';
import path from 'node:path';
import { writeFileAtomicSync } from '../util/atomic-write.js';
import { describeFsError } from '../util/fs-error.js';
import { readRegularFile } from '../util/regular-file.js';

/**
 * A cache folder wavec may use: a plain folder of the user's own that no one else can write to, with the user's
 * secret key, which signs every entry. Someone who can change the entries but cannot read the key (the folder and the
 * key are the user's alone) can only make an entry fail to verify: a miss.
 */
export interface CacheFolder {
  readonly directory: string;
  readonly key: Buffer;
}

export type CacheFolderOpen = { ok: true; folder: CacheFolder } | { ok: false; reason: string };

const KEY_FILE = 'key';
const KEY_BYTES = 32;

/**
 * Opens (creating it when missing, mode 0700) the cache folder at `directory` and reads or makes its key. Refused,
 * with the reason, when the folder is a link or not a folder, belongs to someone else, or can be written by others,
 * or when its key is not a private regular file of the user's.
 */
export function openCacheFolder(directory: string): CacheFolderOpen {
  const refused = (reason: string): CacheFolderOpen => ({ ok: false, reason });
  try {
    createFolder(directory);
  } catch (error) {
    return refused(`it cannot be created: ${describeFsError(error)}`);
  }
  const folderProblem = ownershipProblem(lstatSync(directory, { throwIfNoEntry: false }), 'folder');
  if (folderProblem) return refused(folderProblem);
  const keyFile = path.join(directory, KEY_FILE);
  if (!lstatSync(keyFile, { throwIfNoEntry: false })) {
    try {
      // Exclusive: two runs starting together agree on the first key written.
      writeFileAtomicSync(keyFile, randomBytes(KEY_BYTES), { exclusive: true, mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST')
        return refused(`its key cannot be written: ${describeFsError(error)}`);
    }
  }
  const keyProblem = ownershipProblem(lstatSync(keyFile, { throwIfNoEntry: false }), 'key');
  if (keyProblem) return refused(`its key ${KEY_FILE}: ${keyProblem}`);
  let read = readRegularFile(keyFile, KEY_BYTES);
  if (read.kind === 'ok' && read.bytes.length !== KEY_BYTES) {
    // A torn or emptied key of the user's own: a new one makes every entry a miss, which is all it can cost.
    try {
      writeFileAtomicSync(keyFile, randomBytes(KEY_BYTES), { mode: 0o600 });
    } catch (error) {
      return refused(`its key cannot be replaced: ${describeFsError(error)}`);
    }
    read = readRegularFile(keyFile, KEY_BYTES);
  }
  if (read.kind !== 'ok' || read.bytes.length !== KEY_BYTES)
    return refused(`its key ${KEY_FILE} cannot be read as ${KEY_BYTES} bytes`);
  return { ok: true, folder: { directory, key: read.bytes } };
}

/** What makes a folder or key unfit: undefined when it is the user's own and only the user can write it. */
function ownershipProblem(info: Stats | undefined, what: 'folder' | 'key'): string | undefined {
  if (!info) return 'it does not exist';
  if (info.isSymbolicLink()) return 'it is a symbolic link';
  if (what === 'folder' ? !info.isDirectory() : !info.isFile())
    return what === 'folder' ? 'it is not a folder' : 'it is not a regular file';
  const uid = process.getuid?.();
  if (uid !== undefined && info.uid !== uid) return `it belongs to user ${info.uid}, not to you (${uid})`;
  // The key must stay secret; the folder must not let others replace entries or the key.
  const forbidden = what === 'folder' ? 0o022 : 0o077;
  const mode = (info.mode & 0o777).toString(8);
  if ((info.mode & forbidden) !== 0)
    return `its mode ${mode} lets others ${what === 'folder' ? 'write to it' : 'read or write it'}`;
  return undefined;
}

/**
 * Creates `directory` and its missing parents, one level at a time (mode 0700). Not `mkdir -p`: Node's recursive
 * mkdir never returns for a missing folder under /proc/self/fd.
 */
export function createFolder(directory: string): void {
  const missing: string[] = [];
  for (let current = path.resolve(directory); ; current = path.dirname(current)) {
    if (lstatSync(current, { throwIfNoEntry: false })) break;
    missing.push(current);
    if (path.dirname(current) === current) break;
  }
  for (const folder of missing.reverse()) {
    try {
      mkdirSync(folder, { mode: 0o700 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}
