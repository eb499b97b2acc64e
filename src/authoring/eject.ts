import { lstat } from 'node:fs/promises';
import path from 'node:path';
import { diagnostic, fileStart, type Diagnostic } from '../diagnostics/diagnostic.js';
import { baseTemplatesDir } from '../load/base-layer.js';
import { loadConfig } from '../load/config.js';
import { loadFragments } from '../load/fragments.js';
import { toDisplayPath } from '../load/read-source.js';
import { closestMatch } from '../util/similar.js';
import { baseFragmentFiles, ejectedText } from './eject-text.js';
import { writeNewFiles } from './new-files.js';

export interface EjectResult {
  /** Workspace-relative paths of the copies, in the order the ids were given. */
  files: string[];
  written: boolean;
  /** One error per id that cannot be copied; nothing is written then. */
  diagnostics: Diagnostic[];
}

/**
 * Copies base fragments into the user's templates folder, where they
 * override the package's, each at its path in the package's library and
 * recording the base it was copied from. All or nothing: an unknown id, or
 * an id the user's folder already overrides, writes none.
 */
export async function ejectFragments(root: string, ids: readonly string[]): Promise<EjectResult> {
  const config = await loadConfig(root);
  if (!config.ok) return { files: [], written: false, diagnostics: config.diagnostics };
  const templatesDir = toDisplayPath(config.config.templates_dir);
  const limits = { maxFileBytes: config.config.max_file_bytes };
  const layered = await loadFragments(root, templatesDir, limits, {
    baseDir: baseTemplatesDir(),
    userFolderRequired: false,
  });
  const base = new Map((await baseFragmentFiles()).map((f) => [f.id, f]));
  const folder = fileStart(`${templatesDir}/`);
  const diagnostics: Diagnostic[] = [];
  const files = new Map<string, string>();
  for (const id of new Set(ids)) {
    const fragment = base.get(id);
    if (!fragment) {
      const suggestion = closestMatch(id, base.keys());
      diagnostics.push(
        diagnostic(
          'eject-unknown',
          'error',
          `wavec's library has no fragment "${id}"${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
          folder,
          {
            hint: "a fragment is named by the `id:` in its front matter; `wavec explain <wave>` lists a wave's",
          },
        ),
      );
      continue;
    }
    const target = `${templatesDir}/${fragment.path}`;
    const current = layered.fragments.get(id);
    const holder = layered.base === null ? current : current?.layer === 'user' ? current : undefined;
    const exists = await lstat(path.join(root, target)).then(
      () => true,
      () => false,
    );
    if (holder || exists) {
      const where = holder?.file.path ?? target;
      diagnostics.push(
        diagnostic(
          'eject-exists',
          'error',
          holder
            ? `fragment "${id}" is already in your templates folder (${where}); wavec eject never overwrites a file`
            : `${target} already exists; wavec eject never overwrites a file`,
          holder ? { file: where, line: 2, column: 1 } : fileStart(target),
          { hint: 'edit that file, or delete it to copy the base again' },
        ),
      );
      continue;
    }
    files.set(target, ejectedText(fragment));
  }
  if (diagnostics.length > 0) return { files: [...files.keys()], written: false, diagnostics };
  await writeNewFiles(root, files);
  return { files: [...files.keys()], written: true, diagnostics };
}
