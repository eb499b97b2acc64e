import { baseTemplatesDir } from '../load/base-layer.js';
import { loadFragments } from '../load/fragments.js';
import { DEFAULT_READ_LIMITS } from '../load/read-source.js';
import { VERSION } from '../version.js';

/** A fragment of the package's library: its id, its path inside the library, its text and the hash of that text. */
export interface BaseFragmentFile {
  id: string;
  path: string;
  text: string;
  hash: string;
}

/** Every fragment of the package's library, by path. */
export async function baseFragmentFiles(): Promise<BaseFragmentFile[]> {
  const loaded = await loadFragments(baseTemplatesDir(), '.', DEFAULT_READ_LIMITS);
  return [...loaded.fragments.values()]
    .map((f) => ({ id: f.id, path: f.file.path, text: f.file.text, hash: f.file.hash }))
    .sort((a, b) => (a.path < b.path ? -1 : 1));
}

/**
 * A base fragment as the user's copy starts: the same text, with the base
 * it was copied from recorded in its front matter (`overrides`), so that
 * `wavec explain --overrides` can tell whether the base moved on since. In
 * the file rather than in a sidecar: it travels with the copy when the
 * user moves or renames it, and reads where the user edits.
 */
export function ejectedText(base: BaseFragmentFile): string {
  const close = base.text.indexOf('\n---\n', 3);
  if (!base.text.startsWith('---\n') || close === -1)
    throw new Error(`base fragment ${base.path} has no front matter to record its base in`);
  const record =
    "\n# This file overrides wavec's own fragment of the same id; `wavec explain --overrides` compares the\n" +
    '# base with the one recorded here, to tell whether it changed since the copy was made.\n' +
    `overrides:\n  wavec: ${VERSION}\n  digest: ${base.hash}`;
  return `${base.text.slice(0, close)}${record}${base.text.slice(close)}`;
}
