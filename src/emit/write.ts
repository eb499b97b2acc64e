import { unlink } from 'node:fs/promises';
import path from 'node:path';
import { diagnostic, fileStart, type Code, type Diagnostic } from '../diagnostics/diagnostic.js';
import { prepareWrite, syncFolder, writeFileAtomic, type PreparedWrite } from '../util/atomic-write.js';
import { describeFsError } from '../util/fs-error.js';
import { sha256 } from '../util/hash.js';
import { normalizeNewlines } from '../util/text.js';
import { provenancePath } from '../load/output-path.js';
import { serializeProvenance, type Provenance } from '../schema/provenance.js';
import { leftoversIn, removeStaleLeftovers, sidecarLeftBehind } from './interrupted-writes.js';
import { checkReplaceable, type ReplaceTarget } from './replaceable.js';

export interface WriteOptions {
  /** Overwrite a prompt even when it was edited by hand since it was generated. */
  force?: boolean;
}

/** An existing prompt or sidecar larger than this is not read: wavec never wrote it. */
const MAX_EXISTING_BYTES = 64 * 1024 * 1024;

export type WriteStatus = 'written' | 'unchanged';

export type WriteResult =
  | {
      ok: true;
      status: WriteStatus;
      /** Whether the prompt's text changed: false when only its sidecar was written (an earlier spec changed). */
      promptChanged: boolean;
    }
  | { ok: false; diagnostics: Diagnostic[] };

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
  const refuse = (code: Code, message: string, hint?: string): WriteResult => ({
    ok: false,
    diagnostics: [diagnostic(code, 'error', message, fileStart(prompt.path), hint ? { hint } : {})],
  });
  const checked = await checkReplaceable(root, [prompt.path, sidecarPath], MAX_EXISTING_BYTES);
  if (!checked.ok) return checked;
  const [promptTarget, sidecarTarget] = checked.targets as [ReplaceTarget, ReplaceTarget];
  const existingRead = promptTarget.existing;

  const newSidecar = serializeProvenance(provenance);
  const targetMissing = existingRead.kind === 'missing' || existingRead.kind === 'not-regular';
  const existingBytes = existingRead.kind === 'ok' ? existingRead.bytes : undefined;
  // Compared as lint reads them (BOM dropped, CRLF as LF): a checkout's line endings do not make a current prompt
  // "edited".
  const existing = existingBytes === undefined ? undefined : normalizeNewlines(existingBytes.toString('utf8'));
  const existingSidecar =
    sidecarTarget.existing.kind === 'ok' ? normalizeNewlines(sidecarTarget.existing.bytes.toString('utf8')) : undefined;
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
  const leftovers = await leftoversIn(path.dirname(promptTarget.absolute));
  if (existing !== undefined && existing !== prompt.text && !options.force) {
    const recorded = recordedPromptHash(existingSidecar);
    const existingHash = sha256(existing);
    const interrupted = () => sidecarLeftBehind(leftovers, path.basename(sidecarTarget.absolute), existingHash);
    if (recorded !== existingHash && !interrupted()) {
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
  await removeStaleLeftovers(leftovers);
  const promptChanged = existing !== prompt.text;
  if (!promptChanged && existingSidecar === newSidecar) return { ok: true, status: 'unchanged', promptChanged };

  // Both files are written before either is replaced: a full disk stops the write before the prompt changes.
  const prepared: PreparedWrite[] = [];
  let promptReplaced = false;
  try {
    prepared.push(await prepareWrite(promptTarget.absolute, prompt.text));
    prepared.push(await prepareWrite(sidecarTarget.absolute, newSidecar));
    await prepared[0]!.commit();
    promptReplaced = true;
    await prepared[1]!.commit();
    await syncFolder(path.dirname(promptTarget.absolute));
    return { ok: true, status: 'written', promptChanged };
  } catch (error) {
    await Promise.all(prepared.map((write) => write.discard()));
    // A new prompt next to its old sidecar would read as hand-edited on the
    // next run: put the previous prompt back (or remove a new one).
    const restored =
      !promptReplaced || (await restorePrompt(promptTarget.absolute, targetMissing ? 'missing' : existingBytes));
    return refuse(
      'output-write-failed',
      `could not write ${prompt.path} (${describeFsError(error)}); ` +
        `${restored ? 'the previous file is unchanged' : 'the previous file could not be restored'}`,
    );
  }
}

async function restorePrompt(target: string, previous: Uint8Array | 'missing' | undefined): Promise<boolean> {
  if (previous === undefined) return false;
  try {
    if (previous === 'missing') await unlink(target);
    else await writeFileAtomic(target, previous);
    return true;
  } catch {
    return false;
  }
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
