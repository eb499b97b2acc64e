import { lstatSync, realpathSync } from 'node:fs';
import { isInsidePath } from '../util/inside.js';
import path from 'node:path';
import { diagnostic, fileStart, type Code, type Diagnostic } from '../diagnostics/diagnostic.js';
import { sha256 } from '../util/hash.js';
import { readRegularFile } from '../util/regular-file.js';
import { normalizeNewlines } from '../util/text.js';

/** A text file read from the workspace, normalised, with the hash of its bytes. */
export interface SourceFile {
  /** Workspace-relative, `/`-separated: the name diagnostics print. */
  path: string;
  absolutePath: string;
  /** LF line endings, no BOM. */
  text: string;
  /**
   * Hash of the normalised text: provenance must be the same on a checkout
   * with CRLF line endings as on one with LF, so line endings do not count.
   */
  hash: string;
}

export interface ReadLimits {
  /** Largest input file accepted, in bytes. */
  maxFileBytes: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = { maxFileBytes: 2 * 1024 * 1024 };

export type ReadResult = { ok: true; file: SourceFile } | { ok: false; diagnostics: Diagnostic[] };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads `relativePath` under `root`, refusing anything that would let input
 * escape the workspace (`..`, absolute paths, symlinks pointing outside) and
 * anything that is not reasonable UTF-8 text.
 */
// The file system is read synchronously: inputs are small, and a compile
// reads about forty of them one after the other, where each asynchronous
// call's round trip through the thread pool cost more than the read itself
// (a reload of the example workspace: 17 ms asynchronous, 4 ms synchronous).
export async function readSource(
  root: string,
  relativePath: string,
  limits: ReadLimits = DEFAULT_READ_LIMITS,
  paths?: RealPaths,
): Promise<ReadResult> {
  const display = toDisplayPath(relativePath);
  const fail = (code: Code, message: string): ReadResult => ({
    ok: false,
    diagnostics: [diagnostic(code, 'error', message, fileStart(display))],
  });

  const resolved = paths ? paths.resolveInside(relativePath) : await resolveInside(root, relativePath);
  if (resolved.kind === 'missing') return fail('file-not-found', `file not found: ${display}`);
  if (resolved.kind === 'outside')
    return fail('path-outside-workspace', `${display} resolves outside the workspace (${resolved.real})`);

  const read = readTextFile(resolved.real, display, limits.maxFileBytes);
  if (!read.ok) return read;
  return { ok: true, file: { path: display, absolutePath: resolved.real, text: read.text, hash: sha256(read.text) } };
}

export type TextRead = { ok: true; text: string } | { ok: false; diagnostics: Diagnostic[] };

/**
 * A regular file of at most `maxBytes`, as normalised UTF-8 text (LF, no
 * BOM): every input, and a reply wherever the operator saved it. Diagnostics
 * name it `display`.
 */
export function readTextFile(absolute: string, display: string, maxBytes: number): TextRead {
  const fail = (code: Code, message: string, hint?: string): TextRead => ({
    ok: false,
    diagnostics: [diagnostic(code, 'error', message, fileStart(display), hint ? { hint } : {})],
  });
  const read = readRegularFile(absolute, maxBytes);
  if (read.kind === 'missing') return fail('file-not-found', `file not found: ${display}`);
  if (read.kind === 'not-regular')
    return fail('file-not-regular', `${display} is ${read.what}, not a regular file; wavec reads only regular files`);
  if (read.kind === 'unreadable') return fail('file-unreadable', `${display} cannot be read (${read.reason})`);
  if (read.kind === 'too-large')
    return fail(
      'file-too-large',
      `${display} is ${read.size} bytes; the limit is ${maxBytes} bytes`,
      'raise `max_file_bytes` in wavec.config.yaml if this file is really meant to be this large',
    );
  return decodeText(read.bytes, display);
}

/** Bytes as normalised UTF-8 text; NUL bytes or invalid UTF-8 (located at the first bad byte) are refused. */
export function decodeText(bytes: Uint8Array, display: string): TextRead {
  if (bytes.includes(0))
    return {
      ok: false,
      diagnostics: [
        diagnostic('file-binary', 'error', `${display} is a binary file (it contains NUL bytes)`, fileStart(display)),
      ],
    };
  try {
    return { ok: true, text: normalizeNewlines(utf8.decode(bytes)) };
  } catch {
    const bad = firstInvalidUtf8Byte(bytes);
    // The bytes before the first bad one are valid: decoding them gives the line and column to point at.
    const before = normalizeNewlines(utf8.decode(bytes.subarray(0, bad)));
    const lineStart = before.lastIndexOf('\n') + 1;
    const at = { file: display, line: before.split('\n').length, column: before.length - lineStart + 1 };
    return {
      ok: false,
      diagnostics: [
        diagnostic('file-encoding', 'error', `${display} is not valid UTF-8 (at byte ${bad})`, at, {
          hint: 'save the file as UTF-8',
        }),
      ],
    };
  }
}

type Resolution = { kind: 'ok'; real: string } | { kind: 'missing' } | { kind: 'outside'; real: string };

/** Resolves real paths on both sides so a symlink cannot smuggle a file in from outside. */
export async function resolveInside(root: string, relativePath: string): Promise<Resolution> {
  const realRoot = realpathSync.native(root);
  let real: string;
  try {
    real = realpathSync.native(path.resolve(realRoot, relativePath));
  } catch {
    const lexical = path.resolve(realRoot, relativePath);
    return isInside(realRoot, lexical) ? { kind: 'missing' } : { kind: 'outside', real: lexical };
  }
  return isInside(realRoot, real) ? { kind: 'ok', real } : { kind: 'outside', real };
}

/** How long ago a file must have last changed for its {@link RealPaths.stamp} to stand for its content. */
const SETTLED_MS = 2000;

/**
 * {@link resolveInside} for many files of one snapshot of a workspace (its wave specs): each folder's real path is
 * resolved once, and a file's own link, if it is one, on its own. The folders are taken as they were when first
 * asked, like the rest of a loaded workspace: a run that must see a folder re-linked loads the workspace again.
 */
export class RealPaths {
  private readonly realRoot: string;
  private readonly folders = new Map<string, string | undefined>();
  private readonly files = new Map<string, string | undefined>();
  private readonly stamps = new Map<string, string>();

  constructor(root: string) {
    this.realRoot = realpathSync.native(root);
  }

  /** The real path of a workspace-relative file, or undefined when it or its folder does not exist. */
  real(relativePath: string): string | undefined {
    const absolute = path.resolve(this.realRoot, relativePath);
    if (this.files.has(absolute)) return this.files.get(absolute);
    const real = this.resolve(absolute);
    this.files.set(absolute, real);
    return real;
  }

  /**
   * What identifies a regular file's content without reading it (device, inode, size, modification and change
   * times in nanoseconds), when that is safe: only for a file last changed more than {@link SETTLED_MS} before it was
   * looked at, since a write within the file system's clock tick can leave every one of these as it was (the "racy"
   * case git guards the same way). Undefined for a link, a missing file or a recent change.
   */
  stamp(relativePath: string): string | undefined {
    const real = this.real(relativePath);
    return real === undefined ? undefined : this.stamps.get(real);
  }

  private resolve(absolute: string): string | undefined {
    let link: boolean;
    try {
      const info = lstatSync(absolute, { bigint: true });
      link = info.isSymbolicLink();
      const settled = BigInt(Date.now() - SETTLED_MS) * 1_000_000n;
      if (info.isFile() && info.mtimeNs < settled && info.ctimeNs < settled)
        this.stamps.set(absolute, `${info.dev}:${info.ino}:${info.size}:${info.mtimeNs}:${info.ctimeNs}`);
    } catch {
      return undefined;
    }
    if (link) {
      try {
        return realpathSync.native(absolute);
      } catch {
        return undefined;
      }
    }
    const folder = this.folder(path.dirname(absolute));
    if (folder === undefined) return undefined;
    const real = path.join(folder, path.basename(absolute));
    const stamp = this.stamps.get(absolute);
    if (stamp !== undefined && real !== absolute) {
      this.stamps.delete(absolute);
      this.stamps.set(real, stamp);
    }
    return real;
  }

  resolveInside(relativePath: string): Resolution {
    const real = this.real(relativePath);
    if (real === undefined) {
      const lexical = path.resolve(this.realRoot, relativePath);
      return isInside(this.realRoot, lexical) ? { kind: 'missing' } : { kind: 'outside', real: lexical };
    }
    return isInside(this.realRoot, real) ? { kind: 'ok', real } : { kind: 'outside', real };
  }

  private folder(absolute: string): string | undefined {
    if (this.folders.has(absolute)) return this.folders.get(absolute);
    let real: string | undefined;
    try {
      real = realpathSync.native(absolute);
    } catch {
      real = undefined;
    }
    this.folders.set(absolute, real);
    return real;
  }
}

export function isInside(root: string, candidate: string): boolean {
  return isInsidePath(root, candidate);
}

export function toDisplayPath(relativePath: string): string {
  return path.posix.normalize(relativePath.split(path.sep).join('/'));
}

function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  // Binary search is not possible (validity is not monotonic); decoding growing
  // prefixes would be quadratic. Walk the byte structure instead.
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const extra = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (extra < 0) return i;
    for (let k = 1; k <= extra; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += extra + 1;
  }
  return i;
}
