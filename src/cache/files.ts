import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** A cache file larger than this is not read: it is not one wavec wrote. */
const MAX_ENTRY_BYTES = 64 * 1024 * 1024;

/**
 * Reads a cache file, or undefined when it is missing, unreadable, too
 * large, not JSON or not the shape `isValid` expects. A cache is never
 * trusted blindly: a corrupt or foreign file is a miss, and the next write
 * replaces it.
 */
export function readCacheFile<T>(file: string, isValid: (value: unknown) => value is T): T | undefined {
  try {
    if (statSync(file).size > MAX_ENTRY_BYTES) return undefined;
    const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
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
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(temporary, JSON.stringify(value));
    renameSync(temporary, file);
  } catch {
    try {
      unlinkSync(temporary);
    } catch {
      // never created
    }
  }
}

export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
export const isString = (value: unknown): value is string => typeof value === 'string';
export const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every(isString);
