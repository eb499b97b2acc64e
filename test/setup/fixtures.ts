import { cp, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { compileWave, emitPrompt } from '../../src/compile.js';
import { formatDiagnostic } from '../../src/diagnostics/format.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { listWaves } from '../../src/load/specs.js';
import { loadWorkspace } from '../../src/load/workspace.js';
import { FIXTURES_DIR, REPO_ROOT } from '../helpers/paths.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Fixture name → a prepared, read-only copy of it (templates and compiled prompts in place). */
    fixtureRoots: Record<string, string>;
  }
}

const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );

/**
 * Prepares every fixture workspace once per run: a fixture holds only what
 * is its own (specs, charter, config, and fragments or prompts when a test
 * needs its own); its `templates/` is the shipped library with the
 * repository example's own fragments and then the fixture's laid over it (a
 * fixture adds fragments, or replaces one by path), and prompts are
 * compiled with the code under test, so a template change never leaves a
 * fixture's prompts stale.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const base = await mkdtemp(path.join(tmpdir(), 'wavec-fixtures-'));
  const roots: Record<string, string> = {};
  for (const name of (await readdir(FIXTURES_DIR)).sort()) {
    const source = path.join(FIXTURES_DIR, name);
    const root = path.join(base, name);
    await cp(path.join(REPO_ROOT, 'templates'), path.join(root, 'templates'), { recursive: true });
    await cp(path.join(REPO_ROOT, 'example-templates'), path.join(root, 'templates'), { recursive: true });
    await cp(source, root, { recursive: true });
    if (!(await exists(path.join(source, 'prompts')))) await compileAll(name, root);
    roots[name] = root;
  }
  project.provide('fixtureRoots', roots);
  return () => rm(base, { recursive: true, force: true });
}

async function compileAll(name: string, root: string): Promise<void> {
  const loaded = await loadWorkspace(root);
  if (!loaded.ok) throw new Error(`fixture ${name} does not load:\n${listed(loaded.diagnostics)}`);
  for (const ref of await listWaves(root, loaded.workspace.config)) {
    const result = await compileWave(loaded.workspace, { wave: ref.wave, phase: ref.phase });
    if (!result.prompt) throw new Error(`fixture ${name} ${ref.path} does not compile:\n${listed(result.diagnostics)}`);
    const written = await emitPrompt(result, root);
    if (!written.ok)
      throw new Error(`fixture ${name} ${ref.path} does not compile clean:\n${listed(written.diagnostics)}`);
  }
}

const listed = (diagnostics: readonly Diagnostic[]) => diagnostics.map((d) => formatDiagnostic(d)).join('\n');
