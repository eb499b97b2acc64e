import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Provenance } from '../schema/provenance.js';
import { LineIndex } from '../util/text.js';

/** A wave as the gate names it. */
export interface WaveIdentity {
  phase: number;
  wave: number;
}

/**
 * Whether the sidecar at `sidecarPath` says its prompt is the compile of `owner`, the wave that writes `promptPath`:
 * the same phase and wave, and the same prompt path. A prompt and sidecar copied from another wave name that other
 * wave: the gate fails, at the sidecar's `"wave"`, with the compile that puts the right prompt there. A prompt at a
 * path no wave writes (a copy kept for reference) is linted as the wave its sidecar names: no gate reads it.
 */
export function promptIdentityProblem(
  promptPath: string,
  sidecar: { path: string; text: string; provenance: Provenance },
  owner: WaveIdentity | undefined,
): Diagnostic | undefined {
  if (owner === undefined) return undefined;
  const { provenance } = sidecar;
  const sameWave = owner.phase === provenance.phase && owner.wave === provenance.wave;
  if (sameWave && provenance.prompt.path === promptPath) return undefined;
  const message =
    `${promptPath} is wave ${owner.wave} of phase ${owner.phase}'s prompt, but its sidecar says it is the compile ` +
    `of wave ${provenance.wave} of phase ${provenance.phase} (${provenance.prompt.path})`;
  return diagnostic('prompt-wave-mismatch', 'error', message, keyLocation(sidecar.path, sidecar.text, sameWave), {
    hint: `run \`wavec compile ${owner.wave} --phase ${owner.phase}\` to write wave ${owner.wave}'s own prompt there`,
    related: { file: promptPath, line: 1, column: 1, message: 'the prompt at that path' },
  });
}

/** The sidecar's `"wave"` (or, when the wave agrees, its prompt `"path"`) line, where the claim is written. */
function keyLocation(file: string, text: string, sameWave: boolean): { file: string; line: number; column: number } {
  const offset = text.indexOf(sameWave ? '"path":' : '"wave":');
  if (offset === -1) return { file, line: 1, column: 1 };
  return { file, ...new LineIndex(text).position(offset) };
}
