import { readdirSync, realpathSync } from 'node:fs';
import { isEditorNoise } from '../util/editor-noise.js';
import path from 'node:path';
import { baseTemplatesDir } from '../load/base-layer.js';
import { isInside, toDisplayPath } from '../load/read-source.js';
import type { Workspace } from '../load/workspace.js';
import { sha256 } from '../util/hash.js';
import { readRegularFile } from '../util/regular-file.js';
import { normalizeNewlines } from '../util/text.js';
import { isRecord, isString, isStringArray } from './files.js';

/**
 * Every input a compile of one wave depends on, by path and hash (the hash
 * of the normalised text, as provenance records it): the config, every
 * fragment of both layers, the package's and the one under `templates_dir`
 * (all are checked, used or not), the names
 * of every spec under `waves_dir` (they decide which spec a wave number
 * means), the specs of the wave's predecessor chain and the charter.
 */
export interface InputSnapshot {
  config: string | null;
  templatesDir: string;
  wavesDir: string;
  /** The user's fragments (every fragment, when the templates folder is the package's own). */
  fragments: [string, string][];
  /** Real path of the package's templates folder, the base layer: another install of wavec is another library. */
  baseDir: string;
  /** The base layer's files by path in it and hash, or null when the user's templates folder is the base. */
  baseFiles: [string, string][] | null;
  specNames: string[];
  specs: [string, string][];
  charter: [string, string];
}

/**
 * The snapshot of what a fresh compile read: taken from the loaded workspace itself, so it is exactly what the result
 * was made from.
 */
export function snapshotOf(
  workspace: Workspace,
  chain: readonly { file: { path: string; hash: string } }[],
): InputSnapshot | undefined {
  // The names the run listed: a spec added since is one its result did not see.
  const listed = workspace.specs.seen().listed;
  const specNames = listed
    ? listed.map((ref) => ref.path).sort()
    : listSpecNames(workspace.root, workspace.config.waves_dir);
  if (!specNames) return undefined;
  return {
    config: workspace.configFile?.hash ?? null,
    templatesDir: workspace.config.templates_dir,
    wavesDir: workspace.config.waves_dir,
    fragments: [...workspace.fragments.values()]
      .filter((f) => workspace.base === null || f.layer === 'user')
      .map((f): [string, string] => [f.file.path, f.file.hash])
      .sort((a, b) => (a[0] < b[0] ? -1 : 1)),
    baseDir: baseTemplatesDir(),
    baseFiles: workspace.base?.files ?? null,
    specNames,
    specs: chain.map((s): [string, string] => [s.file.path, s.file.hash]),
    charter: [workspace.charter.file.path, workspace.charter.file.hash],
  };
}

/**
 * Like {@link snapshotOf}, but with every spec of the workspace by hash: a
 * lint of a compiled prompt also runs the phase-wide rules, which read them all.
 */
export function snapshotWithEverySpec(workspace: Workspace): InputSnapshot | undefined {
  const snapshot = snapshotOf(workspace, []);
  if (!snapshot) return undefined;
  const specs: [string, string][] = [];
  const { hashes } = workspace.specs.seen();
  const realRoot = realRootOf(workspace.root);
  for (const name of snapshot.specNames) {
    // A spec the run read is recorded as it was read; one it did not read by what it holds now.
    const hash = hashes.get(name) ?? (realRoot === undefined ? undefined : hashOf(workspace.root, name, realRoot));
    if (hash === undefined) return undefined;
    specs.push([name, hash]);
  }
  return { ...snapshot, specs };
}

/** Whether the workspace still holds exactly these inputs. Anything unexpected (a link, an unreadable file) is a no. */
export function inputsUnchanged(root: string, snapshot: InputSnapshot): boolean {
  const fragmentPaths = listFragmentFiles(root, snapshot.templatesDir);
  if (
    !fragmentPaths ||
    !sameList(
      fragmentPaths,
      snapshot.fragments.map(([p]) => p),
    )
  )
    return false;
  if (!sameList(listSpecNames(root, snapshot.wavesDir) ?? [], snapshot.specNames)) return false;
  if (!baseUnchanged(snapshot)) return false;
  const realRoot = realRootOf(root);
  if (realRoot === undefined) return false;
  for (const [file, hash] of [...snapshot.fragments, ...snapshot.specs, snapshot.charter]) {
    if (hashOf(root, file, realRoot) !== hash) return false;
  }
  return true;
}

export function isInputSnapshot(value: unknown): value is InputSnapshot {
  const isPairs = (v: unknown) => Array.isArray(v) && v.every((p) => isStringArray(p) && p.length === 2);
  return (
    isRecord(value) &&
    (value.config === null || isString(value.config)) &&
    isString(value.templatesDir) &&
    isString(value.wavesDir) &&
    isPairs(value.fragments) &&
    isString(value.baseDir) &&
    (value.baseFiles === null || isPairs(value.baseFiles)) &&
    isStringArray(value.specNames) &&
    isPairs(value.specs) &&
    isStringArray(value.charter) &&
    value.charter.length === 2
  );
}

/**
 * Whether the base layer is the one the snapshot was taken with: the same
 * package (an upgrade installs another folder, or changes files in place)
 * holding the same files. Overridden base fragments count too: an upgrade
 * that only touches those changes no prompt, but checking them costs less
 * than knowing which are overridden.
 */
function baseUnchanged(snapshot: InputSnapshot): boolean {
  const dir = baseTemplatesDir();
  if (dir !== snapshot.baseDir) return false;
  if (snapshot.baseFiles === null) return true;
  const listed = listFragmentFiles(dir, '.');
  if (
    !listed ||
    !sameList(
      listed,
      snapshot.baseFiles.map(([p]) => p),
    )
  )
    return false;
  return snapshot.baseFiles.every(([file, hash]) => hashOf(dir, file) === hash);
}

/** Largest input hashed; the loader's limit is lower, so a larger file never matches a recorded hash anyway. */
const MAX_HASHED_BYTES = 64 * 1024 * 1024;

/**
 * The hash provenance would record for a workspace file, or undefined when
 * it is not a readable regular UTF-8 file inside the workspace. Resolved
 * through symbolic links, as the loader reads it: a linked config or spec
 * is hashed by what it points at, so a change behind the link is seen.
 */
export function hashOf(root: string, file: string, realRoot = realRootOf(root)): string | undefined {
  try {
    const real = realpathSync.native(path.join(root, file));
    if (realRoot === undefined || !isInside(realRoot, real)) return undefined;
    const read = readRegularFile(real, MAX_HASHED_BYTES);
    if (read.kind !== 'ok') return undefined;
    return sha256(normalizeNewlines(UTF8.decode(read.bytes)));
  } catch {
    return undefined;
  }
}

/** The workspace root's real path, or undefined when it cannot be resolved (then nothing is cached). */
export function realRootOf(root: string): string | undefined {
  try {
    return realpathSync.native(root);
  } catch {
    return undefined;
  }
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Every `.md` path under the templates folder, as the loader names them; undefined at a link or an unreadable
 * folder.
 */
function listFragmentFiles(root: string, templatesDir: string): string[] | undefined {
  const files: string[] = [];
  const top = toDisplayPath(templatesDir);
  const folders = [top];
  try {
    while (folders.length > 0) {
      const folder = folders.pop()!;
      let entries;
      try {
        entries = readdirSync(path.join(root, folder), { withFileTypes: true });
      } catch (error) {
        // No folder of overrides is a library of the base alone (when a missing folder is an error, nothing is cached).
        if (folder === top && (error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
      for (const entry of entries) {
        if (isEditorNoise(entry.name)) continue;
        const relative = toDisplayPath(path.join(folder, entry.name));
        if (entry.isSymbolicLink()) return undefined;
        if (entry.isDirectory()) folders.push(relative);
        else if (entry.name.endsWith('.md')) files.push(relative);
      }
    }
  } catch {
    return undefined;
  }
  return files.sort();
}

/** Every `phase-NN/wave-N.yaml` under the waves folder, sorted. */
function listSpecNames(root: string, wavesDir: string): string[] | undefined {
  const names: string[] = [];
  try {
    for (const phase of readdirSync(path.join(root, wavesDir))) {
      if (!/^phase-\d+$/.test(phase)) continue;
      let files: string[];
      try {
        files = readdirSync(path.join(root, wavesDir, phase));
      } catch {
        continue;
      }
      for (const file of files)
        if (/^wave-\d+\.ya?ml$/.test(file)) names.push(toDisplayPath(path.join(wavesDir, phase, file)));
    }
  } catch {
    return [];
  }
  return names.sort();
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}
