import { lstatSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * How a base fragment is named in diagnostics, provenance and `wavec explain`
 * when the package's library is not the workspace's own templates folder:
 * the package's name and the file's path in it, as a module specifier names
 * a file of a package. Stable across machines and install layouts (npx, a
 * global install, node_modules), so a committed sidecar does not depend on
 * where wavec happens to be installed.
 */
export const BASE_PREFIX = 'wavec/templates/';

let found: string | undefined;

/**
 * The package's own fragment library, the base layer: the real path of
 * `templates/` beside the package.json above this module. Found by walking
 * up, because this code runs from src/load, dist/load and the CLI bundle's
 * chunks, each at its own depth.
 */
export function baseTemplatesDir(): string {
  if (found !== undefined) return found;
  const isFile = (file: string) => lstatSync(file, { throwIfNoEntry: false })?.isFile() === true;
  const isFolder = (file: string) => lstatSync(file, { throwIfNoEntry: false })?.isDirectory() === true;
  const start = path.dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ;) {
    const templates = path.join(dir, 'templates');
    if (isFile(path.join(dir, 'package.json')) && isFolder(templates)) return (found = realpathSync.native(templates));
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`wavec's own templates/ folder was not found above ${start}`);
    dir = parent;
  }
}
