import { lstat, mkdir, readdir, readFile, realpath, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { diagnostic, fileStart, type Diagnostic } from '../diagnostics/diagnostic.js';
import { isInside } from '../load/read-source.js';
import { isTemporaryName, prepareWrite, syncFolder, type PreparedWrite } from '../util/atomic-write.js';
import { describeFsError } from '../util/fs-error.js';
import { generateSchemas } from './json-schemas.js';
import { STARTER_CHARTER, STARTER_CONFIG, STARTER_WAVE } from './starter.js';

export interface InitResult {
  /** Absolute path of the workspace. */
  root: string;
  /** Workspace-relative paths, in the order written (or that would have been). */
  files: string[];
  written: boolean;
  /**
   * One `init-exists` error per file that is already there, one `init-outside-workspace` per folder linked out of it;
   * nothing is written then.
   */
  diagnostics: Diagnostic[];
}

/**
 * The package's own fragment library: `templates/` beside the package.json
 * above this module. Found by walking up, because this code runs from
 * src/authoring, dist/authoring and the CLI bundle's chunks, each at its own depth.
 */
async function packageTemplates(): Promise<string> {
  const isFile = (file: string) =>
    lstat(file).then(
      (info) => info.isFile(),
      () => false,
    );
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ;) {
    const templates = path.join(dir, 'templates');
    if (
      (await isFile(path.join(dir, 'package.json'))) &&
      (await lstat(templates).then(
        (info) => info.isDirectory(),
        () => false,
      ))
    )
      return templates;
    const parent = path.dirname(dir);
    if (parent === dir)
      throw new Error(`wavec's own templates/ folder was not found above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

/**
 * Lays out a new workspace in `dir`: config, a charter stub, the fragment
 * library this package ships, a first wave spec and the editor schemas.
 * Refuses to overwrite anything: when any of those files exists, it lists
 * them all and writes none.
 */
export async function initWorkspace(dir: string): Promise<InitResult> {
  const root = path.resolve(dir);
  const files = await starterFiles();
  const names = [...files.keys()];
  const rootInfo = await stat(root).catch(() => undefined);
  if (rootInfo && !rootInfo.isDirectory())
    return {
      root,
      files: names,
      written: false,
      diagnostics: [
        diagnostic(
          'init-exists',
          'error',
          `${path.basename(root)} is not a folder; wavec init lays a workspace out in a folder (a new or an empty one)`,
          fileStart(path.basename(root)),
        ),
      ],
    };
  const diagnostics: Diagnostic[] = [...(await foldersInTheWay(root, names))];
  for (const file of files.keys()) {
    if (
      await lstat(path.join(root, file)).then(
        () => true,
        () => false,
      )
    ) {
      diagnostics.push(
        diagnostic(
          'init-exists',
          'error',
          `${file} already exists; wavec init never overwrites a file`,
          fileStart(file),
        ),
      );
    }
  }
  diagnostics.push(...(await foldersLeadingOut(root, [...files.keys()])));
  if (diagnostics.length > 0) return { root, files: names, written: false, diagnostics };

  // Every file is written and flushed (side by side: one flush after another took three times as long) before any is
  // put in place; then each folder is flushed once.
  const targets = [...files.keys()].map((file) => path.join(root, file));
  const folders = [...new Set(targets.map((target) => path.dirname(target)))];
  const prepared: PreparedWrite[] = [];
  const placed: string[] = [];
  try {
    for (const folder of folders) await mkdir(folder, { recursive: true });
    const writes = await Promise.allSettled(
      // Exclusive: a file created since the check above is not replaced.
      [...files.values()].map((text, i) => prepareWrite(targets[i]!, text, { exclusive: true })),
    );
    for (const write of writes) if (write.status === 'fulfilled') prepared.push(write.value);
    const failed = writes.find((write) => write.status === 'rejected');
    if (failed) throw failed.reason;
    for (const [i, write] of prepared.entries()) {
      await write.commit();
      placed.push(targets[i]!);
    }
  } catch (error) {
    // Half a workspace would make the next `wavec init` refuse: take back what this run wrote.
    await Promise.all(prepared.map((write) => write.discard()));
    await Promise.all(placed.map((file) => unlink(file).catch(() => undefined)));
    // Something changed under the run (a file or a folder created meanwhile, a full disk): nothing stays written.
    const failedAt = path.relative(root, (error as NodeJS.ErrnoException).path ?? root) || '.';
    return {
      root,
      files: names,
      written: false,
      diagnostics: [
        diagnostic(
          'output-write-failed',
          'error',
          `could not write the workspace (${describeFsError(error)}); nothing was written`,
          fileStart(isTemporaryName(path.basename(failedAt)) ? path.dirname(failedAt) : failedAt),
        ),
      ],
    };
  }
  for (const folder of folders) await syncFolder(folder);
  return { root, files: names, written: true, diagnostics };
}

/**
 * Folders the new workspace needs where something else stands: a file, or a link that leads nowhere. Init would fail
 * half-way on them, so it refuses first, one error per such path.
 */
async function foldersInTheWay(root: string, files: readonly string[]): Promise<Diagnostic[]> {
  const found: Diagnostic[] = [];
  for (const folder of foldersOf(files)) {
    if (found.some((d) => folder.startsWith(`${d.file}/`))) continue;
    const info = await lstat(path.join(root, folder)).catch(() => undefined);
    if (!info) continue;
    const target = await stat(path.join(root, folder)).catch(() => undefined);
    const problem = !target
      ? 'is a link to nothing (a dangling link)'
      : !target.isDirectory()
        ? 'exists and is not a folder'
        : undefined;
    if (problem)
      found.push(
        diagnostic(
          'init-exists',
          'error',
          `${folder} ${problem}; wavec init puts files under it and never replaces what is there`,
          fileStart(folder),
        ),
      );
  }
  return found;
}

/** Every folder above the given workspace-relative files, shortest first. */
function foldersOf(files: readonly string[]): string[] {
  const folders = new Set<string>();
  for (const file of files) {
    for (let folder = path.posix.dirname(file); folder !== '.'; folder = path.posix.dirname(folder))
      folders.add(folder);
  }
  return [...folders].sort();
}

/**
 * Folders of the new workspace that already exist as links leading out of
 * it (`templates/` -> /elsewhere): writing through them would put files
 * outside the workspace, so init refuses, one error per such folder.
 */
async function foldersLeadingOut(root: string, files: readonly string[]): Promise<Diagnostic[]> {
  const realRoot = await realpath(root).catch(() => undefined);
  if (realRoot === undefined) return [];
  const folders = new Set<string>();
  for (const file of files) {
    for (let folder = path.posix.dirname(file); folder !== '.'; folder = path.posix.dirname(folder))
      folders.add(folder);
  }
  const found: Diagnostic[] = [];
  for (const folder of [...folders].sort()) {
    const real = await realpath(path.join(root, folder)).catch(() => undefined);
    if (real === undefined || isInside(realRoot, real)) continue;
    // Only the outermost such folder: its sub-folders lead out through it.
    if (found.some((d) => folder.startsWith(`${d.file.replace(/\/$/, '')}/`))) continue;
    found.push(
      diagnostic(
        'init-outside-workspace',
        'error',
        `${folder}/ resolves outside the workspace (${real}); wavec init does not write through links that leave it`,
        fileStart(`${folder}/`),
      ),
    );
  }
  return found;
}

async function starterFiles(): Promise<Map<string, string>> {
  const files = new Map<string, string>([
    ['wavec.config.yaml', STARTER_CONFIG],
    ['charter/PLATFORM_CHARTER.md', STARTER_CHARTER],
  ]);
  const templates = await packageTemplates();
  const fragments = (await readdir(templates, { recursive: true })).filter((entry) => entry.endsWith('.md')).sort();
  for (const entry of fragments) {
    files.set(`templates/${entry.split(path.sep).join('/')}`, await readFile(path.join(templates, entry), 'utf8'));
  }
  files.set('waves/phase-01/wave-1.yaml', STARTER_WAVE);
  for (const schema of generateSchemas()) files.set(`schemas/${schema.file}`, schema.text);
  return files;
}
