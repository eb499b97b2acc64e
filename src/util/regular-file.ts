import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { describeFsError } from './fs-error.js';

/**
 * The one way wavec reads a file: opened once, without blocking (a FIFO with
 * no writer opens at once instead of hanging), checked to be a regular file
 * on the open descriptor (so nothing can be swapped in between a check and
 * the read), and read only when within the size limit, never past it.
 */
export type RegularFileRead =
  | { kind: 'ok'; bytes: Buffer }
  | { kind: 'missing' }
  /** A folder, FIFO, device or socket: `what` names it for a message. */
  | { kind: 'not-regular'; what: string }
  | { kind: 'too-large'; size: number }
  | { kind: 'unreadable'; reason: string };

const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

export function readRegularFile(file: string, maxBytes: number): RegularFileRead {
  let fd: number;
  try {
    fd = openSync(file, OPEN_FLAGS);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' };
    if (code === 'ENXIO') return { kind: 'not-regular', what: 'a socket or a FIFO' };
    return { kind: 'unreadable', reason: describeFsError(error) };
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) return { kind: 'not-regular', what: kindOf(info) };
    if (info.size > maxBytes) return { kind: 'too-large', size: info.size };
    // Read to the limit plus one byte: a file that grew since fstat is caught, not read whole.
    const buffer = Buffer.allocUnsafe(Math.min(info.size, maxBytes) + 1);
    let length = 0;
    while (length < buffer.length) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    if (length > maxBytes) return { kind: 'too-large', size: length };
    return { kind: 'ok', bytes: buffer.subarray(0, length) };
  } catch (error) {
    return { kind: 'unreadable', reason: describeFsError(error) };
  } finally {
    closeSync(fd);
  }
}

/** `a folder`, `a FIFO`, … for "x is a FIFO, not a regular file". */
function kindOf(info: Stats): string {
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a FIFO';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSocket()) return 'a socket';
  if (info.isSymbolicLink()) return 'a symbolic link';
  return 'something other than a file';
}
