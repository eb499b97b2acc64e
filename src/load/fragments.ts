import { readdirSync, statSync } from 'node:fs';
import { isEditorNoise } from '../util/editor-noise.js';
import path from 'node:path';
import { diagnostic, fileStart, type Diagnostic } from '../diagnostics/diagnostic.js';
import { LatestBySlot } from '../util/bounded-cache.js';
import { BASE_PREFIX } from './base-layer.js';
import { FragmentMeta, type Layer } from '../schema/fragment.js';
import { MODULE_KINDS } from '../schema/spec.js';
import { validate } from '../validate/validate.js';
import { splitFrontMatter } from './front-matter.js';
import { readSource, resolveInside, toDisplayPath, type ReadLimits, type SourceFile } from './read-source.js';
import { hiddenCharacterDiagnostics, markdownLimitDiagnostics, REPORTED_AS_MARKERS } from './source-checks.js';
import { parseYaml } from '../syntax/yaml.js';

export type { Layer };

export interface Fragment {
  id: string;
  meta: FragmentMeta;
  file: SourceFile;
  /** The Handlebars body, after the front matter. */
  body: string;
  /** 1-based file line of the body's first line: template positions are shifted by it. */
  bodyFirstLine: number;
  layer: Layer;
  /** A user fragment with the id of a base fragment: the base fragment it replaces. */
  overrides?: Fragment;
}

export type FragmentLibrary = ReadonlyMap<string, Fragment>;

/** Where the base layer was read from, with every fragment file in it, overridden or not. */
export interface BaseLayer {
  /** Real path of the package's templates folder. */
  dir: string;
  /** Paths inside `dir` and their hashes, sorted by path. */
  files: [string, string][];
}

export interface LayerOptions {
  /** The package's templates folder (real path), or null to read the user's folder alone. */
  baseDir: string | null;
  /** Whether a missing user folder is an error: it is when the config names one (a typo would hide every override). */
  userFolderRequired: boolean;
}

export interface LoadedLibrary {
  fragments: FragmentLibrary;
  /** Null when there is no base layer apart from the user's folder (see {@link loadFragments}). */
  base: BaseLayer | null;
  diagnostics: Diagnostic[];
}

/**
 * The one place that decides the layer of each fragment. The base layer is
 * the package's templates folder; the user's templates folder is laid over
 * it, and a user fragment with the id of a base fragment replaces it (like
 * ESLint's `extends`: the user's entry wins). When the user's folder is the
 * package's own (the package's repository, whose example workspace compiles
 * from the library it ships), it is read once, as the base layer, under its
 * workspace path. Each layer's files are read in sorted path order, so that
 * duplicate-id reports and provenance never depend on directory order.
 */
export async function loadFragments(
  root: string,
  templatesDir: string,
  limits: ReadLimits,
  layers: LayerOptions = { baseDir: null, userFolderRequired: true },
): Promise<LoadedLibrary> {
  const userFolder = await resolveInside(root, templatesDir);
  const userIsBase = layers.baseDir !== null && userFolder.kind === 'ok' && userFolder.real === layers.baseDir;
  const diagnostics: Diagnostic[] = [];
  const fragments = new Map<string, Fragment>();
  let base: BaseLayer | null = null;

  if (layers.baseDir !== null && !userIsBase) {
    const baseDir = layers.baseDir;
    const listed = await listFragmentFiles(baseDir, '.', true);
    diagnostics.push(...listed.diagnostics);
    const files: [string, string][] = [];
    for (const relativePath of listed.files) {
      const read = await readSource(baseDir, relativePath, limits);
      if (!read.ok) {
        diagnostics.push(...read.diagnostics);
        continue;
      }
      files.push([relativePath, read.file.hash]);
      const file = { ...read.file, path: `${BASE_PREFIX}${relativePath}` };
      const parsed = cachedByContent(file, 'parse', () => parseFragment(file));
      add(parsed, 'base');
    }
    base = { dir: baseDir, files };
  }

  const required = layers.baseDir === null || userIsBase || layers.userFolderRequired;
  const listed = await listFragmentFiles(root, templatesDir, required);
  diagnostics.push(...listed.diagnostics);
  for (const relativePath of listed.files)
    add(await loadFragment(root, relativePath, limits), userIsBase ? 'base' : 'user');
  diagnostics.push(...patternsWithoutKinds(fragments));
  return { fragments, base, diagnostics };

  function add(loaded: Awaited<ReturnType<typeof loadFragment>>, layer: Layer): void {
    if (!loaded.ok) {
      diagnostics.push(...loaded.diagnostics);
      return;
    }
    const fragment: Fragment = { ...loaded.fragment, layer };
    // Kept in the library even with these errors, so they do not also surface as "unknown partial".
    diagnostics.push(...cachedByContent(fragment.file, 'text checks', () => checkFragmentText(fragment)));
    const existing = fragments.get(fragment.id);
    if (existing && existing.layer === 'base' && layer === 'user') {
      // A copy of a base pattern written before patterns declared kinds still fits what the base fits.
      const kinds = fragment.meta.kinds ?? (fragment.meta.kind === 'pattern' ? existing.meta.kinds : undefined);
      const meta = kinds === undefined ? fragment.meta : { ...fragment.meta, kinds };
      fragments.set(fragment.id, { ...fragment, meta, overrides: existing });
      return;
    }
    if (existing) {
      diagnostics.push(
        diagnostic(
          'fragment-duplicate-id',
          'error',
          `fragment id "${fragment.id}" is already used by ${existing.file.path}`,
          { file: fragment.file.path, line: 2, column: 1 },
          {
            related: { message: 'first defined here', ...fileStart(existing.file.path) },
          },
        ),
      );
      return;
    }
    fragments.set(fragment.id, fragment);
  }
}

/**
 * A pattern says which module kinds it describes, unless it extends a pattern (or overrides a base one) that does:
 * at its `kind: pattern` line.
 */
function patternsWithoutKinds(fragments: ReadonlyMap<string, Fragment>): Diagnostic[] {
  return [...fragments.values()]
    .filter((f) => f.meta.kind === 'pattern' && f.meta.kinds === undefined && f.meta.extends === undefined)
    .map((f) =>
      diagnostic(
        'fragment-invalid',
        'error',
        `pattern "${f.id}" does not say which modules it fits: add kinds: [${MODULE_KINDS.join(' | ')}] ` +
          'to its front matter',
        { file: f.file.path, line: f.file.text.split('\n').findIndex((text) => /^kind\s*:/.test(text)) + 1, column: 1 },
      ),
    );
}

/**
 * Every `.md` file under the templates folder, walked by hand rather than
 * with a recursive readdir, which follows links to folders: a link to `..`
 * would list the library again at every level, and a link out of the
 * workspace would pull in fragments nobody reviewed. Links to files are
 * listed; readSource resolves and checks them.
 */
async function listFragmentFiles(
  root: string,
  templatesDir: string,
  required: boolean,
): Promise<{ files: string[]; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const files: string[] = [];
  const top = toDisplayPath(templatesDir);
  const resolved = await resolveInside(root, templatesDir);
  if (resolved.kind === 'outside') {
    diagnostics.push(
      diagnostic(
        'path-outside-workspace',
        'error',
        `templates folder ${top} resolves outside the workspace (${resolved.real})`,
        fileStart(top),
      ),
    );
    return { files, diagnostics };
  }
  const folders = [top];
  while (folders.length > 0) {
    const folder = folders.pop()!;
    let entries;
    try {
      entries = readdirSync(path.join(root, folder), { withFileTypes: true });
    } catch {
      if (folder === top && required)
        diagnostics.push(
          diagnostic('templates-not-found', 'error', `templates folder not found: ${top}`, fileStart(top)),
        );
      continue;
    }
    for (const entry of entries) {
      // An editor's lock, swap or backup file is not a fragment (an emacs lock `.#x.md` is even a dangling link).
      if (isEditorNoise(entry.name)) continue;
      const relative = toDisplayPath(path.join(folder, entry.name));
      if (entry.isDirectory()) folders.push(relative);
      else if (entry.isSymbolicLink()) {
        const target = await resolveInside(root, relative);
        const isFolder = target.kind === 'ok' && statSync(target.real).isDirectory();
        if (target.kind === 'outside' && !entry.name.endsWith('.md')) {
          diagnostics.push(
            diagnostic(
              'path-outside-workspace',
              'error',
              `${relative} links outside the workspace (${target.real})`,
              fileStart(relative),
            ),
          );
        } else if (isFolder) {
          diagnostics.push(
            diagnostic(
              'templates-folder-link',
              'error',
              `${relative} is a link to a folder; wavec does not follow folder links in the fragment library`,
              fileStart(relative),
              {
                hint: 'move or copy the fragments into the templates folder',
              },
            ),
          );
        } else if (entry.name.endsWith('.md')) files.push(relative);
      } else if (entry.name.endsWith('.md')) files.push(relative);
    }
  }
  return { files: files.sort(), diagnostics };
}

export async function loadFragment(
  root: string,
  relativePath: string,
  limits: ReadLimits,
): Promise<{ ok: true; fragment: Fragment } | { ok: false; diagnostics: Diagnostic[] }> {
  const read = await readSource(root, relativePath, limits);
  if (!read.ok) return read;
  return cachedByContent(read.file, 'parse', () => parseFragment(read.file));
}

/**
 * Parsing and checking a fragment depend on its file's path and text only:
 * a reload (a recompile after an edit, `--watch`, the MCP server) parses
 * only the fragments whose text changed. Results are shared: never mutated.
 */
const byContent = new LatestBySlot<unknown>(4000);

function cachedByContent<T>(file: SourceFile, what: string, compute: () => T): T {
  // One entry per file and step, for its text now: an edit replaces it.
  const slot = `${what}\0${file.absolutePath}\0${file.path}`;
  return (byContent.get(slot, file.hash) as T | undefined) ?? (byContent.set(slot, file.hash, compute()) as T);
}

/**
 * What is wrong with a fragment's text that its front matter does not show:
 * hidden characters anywhere in the file, a body with nothing in it, a body
 * too large or too deeply nested to analyse once rendered.
 */
export function checkFragmentText(fragment: Fragment): Diagnostic[] {
  const { file, body, bodyFirstLine } = fragment;
  const found = hiddenCharacterDiagnostics(file.path, file.text, REPORTED_AS_MARKERS);
  if (body.trim() === '') {
    found.push(
      diagnostic(
        'fragment-empty',
        'error',
        `fragment "${fragment.id}" has front matter but no body: it would render nothing`,
        { file: file.path, line: bodyFirstLine, column: 1 },
      ),
    );
  }
  found.push(...markdownLimitDiagnostics(file.path, body, bodyFirstLine));
  return found;
}

/** Splits and validates one fragment file already in memory. */
export function parseFragment(
  file: SourceFile,
): { ok: true; fragment: Fragment } | { ok: false; diagnostics: Diagnostic[] } {
  const split = splitFrontMatter(file.text, file.path);
  if (!split.ok) return split;
  const parsed = parseYaml(split.split.yaml, { file: file.path, firstLine: split.split.yamlFirstLine });
  if (!parsed.ok) return parsed;
  const checked = validate(FragmentMeta, parsed.yaml, 'fragment-invalid');
  if (!checked.ok) return checked;
  const meta = checked.value;
  return {
    ok: true,
    fragment: {
      id: meta.id,
      meta,
      file,
      body: split.split.body,
      bodyFirstLine: split.split.bodyFirstLine,
      layer: 'user',
    },
  };
}
