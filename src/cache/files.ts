import { createHmac, timingSafeEqual } from 'node:crypto';
import path from 'node:path';
import { writeFileAtomicSync } from '../util/atomic-write.js';
import { readRegularFile } from '../util/regular-file.js';
import type { CacheFolder } from './folder.js';
import { createFolder } from './folder.js';

/**
 * Every cache file is `{"mac":"hmac-sha256:…","entry":…}`: the entry's text exactly as written, signed with the
 * cache folder's secret key. A plain hash proves nothing (anyone who edits an entry can recompute it); the signature
 * cannot be made without the key, so an edited, torn or foreign entry is a miss.
 */
const MAC_PREFIX = /^\{"mac":"hmac-sha256:([0-9a-f]{64})","entry":/;

/** A cache file larger than this is not read: it is not one wavec wrote. */
const MAX_ENTRY_BYTES = 64 * 1024 * 1024;

function macOf(key: Buffer, body: string): Buffer {
  return createHmac('sha256', key).update(body).digest();
}

/**
 * Reads a cache file, or undefined when it is missing, unreadable, too large, not signed with this folder's key, not
 * JSON or not the shape `isValid` expects; the next write replaces it.
 */
export function readCacheFile<T>(
  folder: CacheFolder,
  file: string,
  isValid: (value: unknown) => value is T,
): T | undefined {
  const read = readRegularFile(file, MAX_ENTRY_BYTES);
  if (read.kind !== 'ok') return undefined;
  const text = read.bytes.toString('utf8');
  const signed = MAC_PREFIX.exec(text);
  if (!signed || !text.endsWith('}')) return undefined;
  const body = text.slice(signed[0].length, -1);
  if (!timingSafeEqual(Buffer.from(signed[1]!, 'hex'), macOf(folder.key, body))) return undefined;
  try {
    const value: unknown = JSON.parse(body);
    return isValid(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Writes a cache file through the atomic writer: a reader sees the old entry or the new one, never half of one. A
 * cache that cannot be written is no error: the work is done again next time.
 */
export function writeCacheFile(folder: CacheFolder, file: string, value: unknown): void {
  try {
    createFolder(path.dirname(file));
    const body = JSON.stringify(value);
    writeFileAtomicSync(file, `{"mac":"hmac-sha256:${macOf(folder.key, body).toString('hex')}","entry":${body}}`, {
      durable: false,
    });
  } catch {
    // not cached this time
  }
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
export const isString = (value: unknown): value is string => typeof value === 'string';
export const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every(isString);
