import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sha256 } from '../util/hash.js';
import { readRegularFile } from '../util/regular-file.js';

/**
 * Every cache file is `{"digest":"sha256:…","entry":…}`, the digest being the
 * hash of the entry's text exactly as written: still JSON for a curious
 * reader, and checked before the entry is parsed.
 */
const DIGEST_PREFIX = /^\{"digest":"(sha256:[0-9a-f]{64})","entry":/;

/** A cache file larger than this is not read: it is not one wavec wrote. */
const MAX_ENTRY_BYTES = 64 * 1024 * 1024;

/**
 * Reads a cache file, or undefined when it is missing, unreadable, too
 * large, not JSON or not the shape `isValid` expects. A cache is never
 * trusted blindly: every file starts with the hash of the rest, so an entry
 * that was edited or torn does not verify; a corrupt or foreign file is a
 * miss, and the next write replaces it.
 */
export function readCacheFile<T>(file: string, isValid: (value: unknown) => value is T): T | undefined {
  const read = readRegularFile(file, MAX_ENTRY_BYTES);
  if (read.kind !== 'ok') return undefined;
  const text = read.bytes.toString('utf8');
  const digest = DIGEST_PREFIX.exec(text);
  if (!digest || !text.endsWith('}')) return undefined;
  const body = text.slice(digest[0].length, -1);
  if (digest[1] !== sha256(body)) return undefined;
  try {
    const value: unknown = JSON.parse(body);
    return isValid(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Writes a cache file atomically (a temporary file in the same folder, then
 * a rename): a reader sees the old entry or the new one, never half of one.
 * A cache that cannot be written is no error: the work is done again next time.
 */
export function writeCacheFile(file: string, value: unknown): void {
  const temporary = path.join(
    path.dirname(file),
    `.${path.basename(file)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`,
  );
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    const body = JSON.stringify(value);
    writeFileSync(temporary, `{"digest":"${sha256(body)}","entry":${body}}`);
    renameSync(temporary, file);
  } catch {
    try {
      unlinkSync(temporary);
    } catch {
      // never created
    }
  }
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
export const isString = (value: unknown): value is string => typeof value === 'string';
export const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every(isString);
