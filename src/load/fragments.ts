import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { diagnostic, fileStart, type Diagnostic } from '../diagnostics/diagnostic.js';
import { FragmentMeta } from '../schema/fragment.js';
import { validate } from '../validate/validate.js';
import { splitFrontMatter } from './front-matter.js';
import { readSource, toDisplayPath, type ReadLimits, type SourceFile } from './read-source.js';
import { parseYaml } from './yaml.js';

export interface Fragment {
  id: string;
  meta: FragmentMeta;
  file: SourceFile;
  /** The Handlebars body, after the front matter. */
  body: string;
  /** 1-based file line of the body's first line: template positions are shifted by it. */
  bodyFirstLine: number;
}

export type FragmentLibrary = ReadonlyMap<string, Fragment>;

/**
 * Loads every `.md` file under the templates folder, in sorted path order so
 * that duplicate-id reports and provenance never depend on directory order.
 */
export async function loadFragments(
  root: string,
  templatesDir: string,
  limits: ReadLimits,
): Promise<{ fragments: FragmentLibrary; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const fragments = new Map<string, Fragment>();
  let entries: string[];
  try {
    entries = (await readdir(path.join(root, templatesDir), { recursive: true }))
      .filter((entry) => entry.endsWith('.md'))
      .map((entry) => toDisplayPath(path.join(templatesDir, entry)))
      .sort();
  } catch {
    diagnostics.push(diagnostic('templates-not-found', 'error', `templates folder not found: ${templatesDir}`, fileStart(templatesDir)));
    return { fragments, diagnostics };
  }

  for (const relativePath of entries) {
    const loaded = await loadFragment(root, relativePath, limits);
    if (!loaded.ok) {
      diagnostics.push(...loaded.diagnostics);
      continue;
    }
    const fragment = loaded.fragment;
    const existing = fragments.get(fragment.id);
    if (existing) {
      diagnostics.push(
        diagnostic('fragment-duplicate-id', 'error', `fragment id "${fragment.id}" is already used by ${existing.file.path}`, { file: relativePath, line: 2, column: 1 }, {
          related: { message: 'first defined here', ...fileStart(existing.file.path) },
        }),
      );
      continue;
    }
    fragments.set(fragment.id, fragment);
  }
  return { fragments, diagnostics };
}

export async function loadFragment(
  root: string,
  relativePath: string,
  limits: ReadLimits,
): Promise<{ ok: true; fragment: Fragment } | { ok: false; diagnostics: Diagnostic[] }> {
  const read = await readSource(root, relativePath, limits);
  if (!read.ok) return read;
  return parseFragment(read.file);
}

/** Splits and validates one fragment file already in memory. */
export function parseFragment(file: SourceFile): { ok: true; fragment: Fragment } | { ok: false; diagnostics: Diagnostic[] } {
  const split = splitFrontMatter(file.text, file.path);
  if (!split.ok) return split;
  const parsed = parseYaml(split.split.yaml, { file: file.path, firstLine: split.split.yamlFirstLine });
  if (!parsed.ok) return parsed;
  const checked = validate(FragmentMeta, parsed.yaml, 'fragment-invalid');
  if (!checked.ok) return checked;
  const meta = checked.value;
  return {
    ok: true,
    fragment: { id: meta.id, meta, file, body: split.split.body, bodyFirstLine: split.split.bodyFirstLine },
  };
}
