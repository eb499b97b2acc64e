import { randomBytes } from 'node:crypto';
import { lstat, mkdir, open, realpath, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { diagnostic, fileStart, type Diagnostic } from '../diagnostics/diagnostic.js';
import { isInside } from '../load/read-source.js';
import { sha256 } from '../util/hash.js';
import { readRegularFile, type RegularFileRead } from '../util/regular-file.js';
import { normalizeNewlines } from '../util/text.js';
import { provenancePath } from '../load/output-path.js';
import { serializeProvenance, type Provenance } from '../schema/provenance.js';

export interface WriteOptions {
  /** Overwrite a prompt even when it was edited by hand since it was generated. */
  force?: boolean;
}

/** An existing prompt or sidecar larger than this is not read: wavec never wrote it. */
const MAX_EXISTING_BYTES = 64 * 1024 * 1024;

export type WriteStatus = 'written' | 'unchanged';

export type WriteResult = { ok: true; status: WriteStatus } | { ok: false; diagnostics: Diagnostic[] };

/**
 * Writes a prompt and its provenance sidecar. Each file is written to a
 * temporary name in the same folder and renamed into place, so a reader
 * sees the old prompt or the new one, never half of one. A prompt whose
 * content no longer matches its provenance was edited by hand: it is not
 * overwritten without `force`.
 */
export async function writePrompt(
  root: string,
  prompt: { path: string; text: string },
  provenance: Provenance,
  options: WriteOptions = {},
): Promise<WriteResult> {
  const sidecarPath = provenancePath(prompt.path);
  const realRoot = await realpath(root);
  const target = path.resolve(realRoot, prompt.path);
  const sidecar = path.resolve(realRoot, sidecarPath);
  const refuse = (code: string, message: string, hint?: string, file = prompt.path): WriteResult => ({
    ok: false,
    diagnostics: [diagnostic(code, 'error', message, fileStart(file), hint ? { hint } : {})],
  });

  if (!isInside(realRoot, target))
    return refuse('output-outside-workspace', `output path ${prompt.path} is outside the workspace`);
  const directory = path.dirname(target);
  let realDirectory: string;
  try {
    // The nearest folder that exists decides where a missing one would be created: check it before creating anything.
    const existingAncestor = await realpath(await nearestExisting(directory));
    if (!isInside(realRoot, existingAncestor))
      return refuse(
        'output-outside-workspace',
        `output folder ${path.dirname(prompt.path)} resolves outside the workspace (${existingAncestor})`,
      );
    await mkdir(directory, { recursive: true });
    realDirectory = await realpath(directory);
  } catch (error) {
    return refuse(
      'output-write-failed',
      `could not create the output folder ${path.dirname(prompt.path)} (${describeError(error)}); nothing was written`,
    );
  }
  if (!isInside(realRoot, realDirectory))
    return refuse(
      'output-outside-workspace',
      `output folder ${path.dirname(prompt.path)} resolves outside the workspace (${realDirectory})`,
    );
  for (const file of [target, sidecar]) {
    const info = await lstat(file).catch(() => undefined);
    if (info?.isSymbolicLink())
      return refuse(
        'output-outside-workspace',
        `${path.relative(realRoot, file)} is a symbolic link; wavec does not write through links`,
      );
  }

  const newSidecar = serializeProvenance(provenance);
  const existingRead = readRegularFile(target, MAX_EXISTING_BYTES);
  const sidecarRead = readRegularFile(sidecar, MAX_EXISTING_BYTES);
  // A rename would replace a FIFO, a device or a socket: refused. A folder cannot be replaced; the rename fails on it
  // and the previous prompt is restored.
  const inTheWay = (read: RegularFileRead) => read.kind === 'not-regular' && read.what !== 'a folder';
  for (const [read, shown] of [
    [existingRead, prompt.path],
    [sidecarRead, sidecarPath],
  ] as const) {
    if (read.kind === 'not-regular' && inTheWay(read))
      return refuse(
        'output-not-regular',
        `${shown} is ${read.what}, not a regular file; wavec replaces only regular files`,
        'move it away and compile again',
        shown,
      );
  }
  const targetMissing =
    existingRead.kind === 'missing' || (existingRead.kind === 'not-regular' && !inTheWay(existingRead));
  const existingBytes = existingRead.kind === 'ok' ? existingRead.bytes : undefined;
  // Compared as lint reads them (BOM dropped, CRLF as LF): a checkout's line endings do not make a current prompt
  // "edited".
  const existing = existingBytes === undefined ? undefined : normalizeNewlines(existingBytes.toString('utf8'));
  const existingSidecar = sidecarRead.kind === 'ok' ? normalizeNewlines(sidecarRead.bytes.toString('utf8')) : undefined;
  if (!targetMissing && existing === undefined && !options.force) {
    const why =
      existingRead.kind === 'too-large'
        ? `it is ${existingRead.size} bytes`
        : existingRead.kind === 'unreadable'
          ? existingRead.reason
          : 'it cannot be read';
    return refuse(
      'output-hand-edited',
      `${prompt.path} cannot be read (${why}), so wavec cannot tell whether it was edited by hand; not overwriting it`,
      'check the file, or pass --force to replace it',
    );
  }
  if (existing !== undefined && existing !== prompt.text && !options.force) {
    const recorded = recordedPromptHash(existingSidecar);
    if (recorded !== sha256(existing)) {
      const why =
        recorded === undefined
          ? `it has no readable ${sidecarPath}, so wavec did not write it`
          : `it no longer matches the hash in ${sidecarPath}`;
      return refuse(
        'output-hand-edited',
        `${prompt.path} was edited by hand (${why}); not overwriting it`,
        'move the edits into the wave spec or the fragments and compile again, or pass --force to discard them',
      );
    }
  }
  if (existing === prompt.text && existingSidecar === newSidecar) return { ok: true, status: 'unchanged' };

  const temporary: string[] = [];
  let promptReplaced = false;
  try {
    const promptTemp = await writeTemporary(target, prompt.text, temporary);
    const sidecarTemp = await writeTemporary(sidecar, newSidecar, temporary);
    await rename(promptTemp, target);
    promptReplaced = true;
    await rename(sidecarTemp, sidecar);
    return { ok: true, status: 'written' };
  } catch (error) {
    // A new prompt next to its old sidecar would read as hand-edited on the
    // next run: put the previous prompt back (or remove a new one).
    const restored =
      !promptReplaced || (await restorePrompt(target, targetMissing ? 'missing' : existingBytes, temporary));
    await Promise.all(temporary.map((file) => unlink(file).catch(() => undefined)));
    return refuse(
      'output-write-failed',
      `could not write ${prompt.path} (${describeError(error)}); ` +
        `${restored ? 'the previous file is unchanged' : 'the previous file could not be restored'}`,
    );
  }
}

/** `EISDIR: illegal operation on a directory`: the cause without the temporary file names, which change every run. */
function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof Error && 'code' in error ? String(error.code) : undefined;
  const syscall = error instanceof Error && 'syscall' in error ? String(error.syscall) : undefined;
  const withoutPaths = syscall ? message.replace(new RegExp(`, ${syscall} .*$`, 's'), '') : message;
  return code === undefined || withoutPaths.startsWith(`${code}:`) ? withoutPaths : `${code}: ${withoutPaths}`;
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

async function restorePrompt(
  target: string,
  previous: Uint8Array | 'missing' | undefined,
  created: string[],
): Promise<boolean> {
  if (previous === undefined) return false;
  try {
    if (previous === 'missing') await unlink(target);
    else await rename(await writeTemporary(target, previous, created), target);
    return true;
  } catch {
    return false;
  }
}

export async function writeTemporary(
  finalPath: string,
  content: string | Uint8Array,
  created: string[],
): Promise<string> {
  const temp = path.join(
    path.dirname(finalPath),
    `.${path.basename(finalPath)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`,
  );
  created.push(temp);
  const handle = await open(temp, 'wx');
  try {
    await handle.writeFile(content, typeof content === 'string' ? 'utf8' : undefined);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return temp;
}

function recordedPromptHash(sidecarText: string | undefined): string | undefined {
  if (sidecarText === undefined) return undefined;
  try {
    const parsed = JSON.parse(sidecarText) as { prompt?: { hash?: unknown } };
    return typeof parsed.prompt?.hash === 'string' ? parsed.prompt.hash : undefined;
  } catch {
    return undefined;
  }
}
