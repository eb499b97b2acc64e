import { lstat, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { diagnostic, fileStart, type Diagnostic } from '../diagnostics/diagnostic.js';
import { isInside } from '../load/read-source.js';
import { isTemporaryName } from '../util/atomic-write.js';
import { describeFsError } from '../util/fs-error.js';
import { baseFragmentFiles, ejectedText } from './eject-text.js';
import { generateSchemas } from './json-schemas.js';
import { writeNewFiles } from './new-files.js';
import {
  STARTER_CHARTER,
  STARTER_CHARTER_PATH,
  STARTER_CHARTER_ROLES,
  STARTER_LAYOUT,
  starterWave,
  ownCharterBlock,
  starterConfig,
} from './starter.js';
import { baseTemplatesDir } from '../load/base-layer.js';
import { loadFragments } from '../load/fragments.js';
import { deriveRequiredSections } from '../load/required-sections.js';
import { readCharter } from '../load/charter.js';
import { proposeCharterRoles, SHIPPED_CHARTER_ROLES } from '../schema/charter-roles.js';

export interface InitResult {
  /** Absolute path of the workspace. */
  root: string;
  /** Workspace-relative paths, in the order written (or that would have been). */
  files: string[];
  written: boolean;
  /** The charter the config names, workspace-relative. */
  charter: string;
  /**
   * One `init-exists` error per file that is already there, one `init-outside-workspace` per folder linked out of it;
   * nothing is written then.
   */
  diagnostics: Diagnostic[];
}

export interface InitOptions {
  /**
   * Also copy every fragment of the package's library into `templates/`, each
   * recording the base it was copied from (see `eject`). Without it the
   * workspace has no templates folder: the package's library is its base layer.
   */
  eject?: boolean;
  /**
   * A charter the workspace already has (a path inside it, relative to it): init writes no stub, names this one in
   * the config and proposes `charter_roles` from its headings for the user to confirm.
   */
  charter?: string;
}

/** The charter the config names, as read: its path, text, and the role map proposed or stubbed for it. */
interface CharterChoice {
  path: string;
  text: string;
  roles: Readonly<Record<string, number>>;
  unproposed: readonly string[];
  own: boolean;
}

/**
 * Lays out a new workspace in `dir`: config, a charter stub, a first wave
 * spec and the editor schemas (and the package's fragments with `eject`).
 * Refuses to overwrite anything: when any of those files exists, it lists
 * them all and writes none.
 */
export async function initWorkspace(dir: string, options: InitOptions = {}): Promise<InitResult> {
  const root = path.resolve(dir);
  const charter = await chooseCharter(root, options.charter);
  if ('problem' in charter)
    return { root, files: [], written: false, charter: options.charter ?? '', diagnostics: [charter.problem] };
  const files = await starterFiles(options.eject === true, charter);
  const names = [...files.keys()];
  const refused = (diagnostics: Diagnostic[]): InitResult => ({
    root,
    files: names,
    written: false,
    charter: charter.path,
    diagnostics,
  });
  const rootInfo = await stat(root).catch(() => undefined);
  if (rootInfo && !rootInfo.isDirectory())
    return refused([
      diagnostic(
        'init-exists',
        'error',
        `${path.basename(root)} is not a folder; wavec init lays a workspace out in a folder (a new or an empty one)`,
        fileStart(path.basename(root)),
      ),
    ]);
  const diagnostics: Diagnostic[] = [...(await foldersInTheWay(root, names))];
  for (const file of names) {
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
  diagnostics.push(...(await foldersLeadingOut(root, names)));
  if (diagnostics.length > 0) return refused(diagnostics);

  try {
    // All or nothing: a file created meanwhile is not replaced, and what this run placed is taken back.
    await writeNewFiles(root, files);
  } catch (error) {
    // Something changed under the run (a file or a folder created meanwhile, a full disk): nothing stays written.
    const failedAt = path.relative(root, (error as NodeJS.ErrnoException).path ?? root) || '.';
    return refused([
      diagnostic(
        'output-write-failed',
        'error',
        `could not write the workspace (${describeFsError(error)}); nothing was written`,
        fileStart(isTemporaryName(path.basename(failedAt)) ? path.dirname(failedAt) : failedAt),
      ),
    ]);
  }
  return { root, files: names, written: true, charter: charter.path, diagnostics };
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

/** The stub, or the user's own charter read from inside the workspace with the roles its headings suggest. */
async function chooseCharter(
  root: string,
  given: string | undefined,
): Promise<CharterChoice | { problem: Diagnostic }> {
  if (given === undefined)
    return {
      path: STARTER_CHARTER_PATH,
      text: STARTER_CHARTER,
      roles: STARTER_CHARTER_ROLES,
      unproposed: [],
      own: false,
    };
  const absolute = path.resolve(root, given);
  const relative = path.relative(root, absolute).split(path.sep).join('/');
  const realRoot = await realpath(root).catch(() => root);
  const real = await realpath(absolute).catch(() => undefined);
  if (
    relative.startsWith('../') ||
    relative === '..' ||
    path.isAbsolute(relative) ||
    (real && !isInside(realRoot, real))
  )
    return {
      problem: diagnostic(
        'init-outside-workspace',
        'error',
        `the charter ${given} is outside the workspace; wavec reads a charter inside it (copy it in, or init above it)`,
        fileStart(given),
      ),
    };
  const text = await readFile(absolute, 'utf8').catch(() => undefined);
  if (text === undefined)
    return { problem: diagnostic('file-not-found', 'error', `file not found: ${relative}`, fileStart(relative)) };
  const read = readCharter({ path: relative, absolutePath: absolute, text, hash: '' });
  const sections = [...read.charter.sections.values()].map((s) => ({ section: s.number, title: s.title }));
  const roles = proposeCharterRoles(sections);
  const unproposed = Object.keys(SHIPPED_CHARTER_ROLES).filter((role) => !(role in roles));
  return { path: relative, text, roles, unproposed, own: true };
}

async function starterFiles(eject: boolean, charter: CharterChoice): Promise<Map<string, string>> {
  const config = charter.own
    ? starterConfig(ownCharterBlock(charter.path, charter.roles, charter.unproposed))
    : starterConfig();
  const files = new Map<string, string>([['wavec.config.yaml', config + (await derivedSectionsBlock(charter))]]);
  if (!charter.own) files.set(STARTER_CHARTER_PATH, STARTER_CHARTER);
  if (eject) for (const base of await baseFragmentFiles()) files.set(`templates/${base.path}`, ejectedText(base));
  files.set('waves/phase-01/wave-1.yaml', starterWave(charter.roles));
  for (const schema of generateSchemas()) files.set(`schemas/${schema.file}`, schema.text);
  return files;
}

/**
 * The `required_sections` wavec would derive for the starter (the base layout, the stub charter's roles), written out
 * so the user sees the list their prompts are held to and can edit it.
 */
async function derivedSectionsBlock(charter: CharterChoice): Promise<string> {
  const base = baseTemplatesDir();
  const library = await loadFragments(base, '.', { maxFileBytes: 2 * 1024 * 1024 });
  const read = readCharter({ path: charter.path, absolutePath: charter.path, text: charter.text, hash: '' });
  const titles = new Map([...read.charter.sections.values()].map((s) => [s.number, s.title]));
  const derived = deriveRequiredSections(STARTER_LAYOUT, library.fragments, charter.roles, titles);
  if (!derived || derived.unmapped.length > 0) return '';
  return (
    `# Derived by wavec init from the layout (${STARTER_LAYOUT}): the headings of the sections\n` +
    '# every prompt has, in order ("*": any headings). Left commented out, wavec derives\n' +
    '# this list from the layout and charter in use, so it follows a change of either;\n' +
    '# uncomment it to hold prompts to another outline.\n' +
    '# required_sections:\n#   headings:\n' +
    derived.headings.map((heading) => `#     - ${JSON.stringify(heading)}\n`).join('')
  );
}
