import { diagnostic, fileStart, type Diagnostic } from '../diagnostics/diagnostic.js';
import { provenancePath } from './output-path.js';
import type { Provenance } from '../schema/provenance.js';
import { ProvenanceFile } from '../schema/provenance.js';
import { formatPath } from '../validate/validate.js';
import { readSource, type ReadLimits, type SourceFile } from './read-source.js';

export type SidecarResult =
  | { kind: 'none' }
  | { kind: 'ok'; provenance: Provenance; file: SourceFile }
  | { kind: 'invalid'; diagnostics: Diagnostic[] };

/**
 * Reads the provenance sidecar next to a prompt. No sidecar means a
 * hand-written prompt; a sidecar that cannot be read as provenance is an
 * input error (the prompt claims to be compiled but cannot say from what).
 */
export async function readSidecar(root: string, promptPath: string, limits: ReadLimits): Promise<SidecarResult> {
  const path = provenancePath(promptPath);
  const read = await readSource(root, path, limits);
  if (!read.ok)
    return read.diagnostics.some((d) => d.code === 'file-not-found')
      ? { kind: 'none' }
      : { kind: 'invalid', diagnostics: read.diagnostics };
  let json: unknown;
  try {
    json = JSON.parse(read.file.text);
  } catch (error) {
    return invalid(path, `${path} is not valid JSON (${(error as Error).message})`);
  }
  const checked = ProvenanceFile.safeParse(json);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    return invalid(path, `${path} is not a wavec provenance file: ${formatPath(issue.path)}: ${issue.message}`);
  }
  return { kind: 'ok', provenance: checked.data as Provenance, file: read.file };
}

function invalid(path: string, message: string): SidecarResult {
  return {
    kind: 'invalid',
    diagnostics: [
      diagnostic('provenance-invalid', 'error', message, fileStart(path), {
        hint: 'compile the wave again to rewrite it, or delete it to lint the prompt as hand-written',
      }),
    ],
  };
}
