import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { compileWave } from '../src/compile.js';
import { REPO_ROOT } from './helpers/workspace.js';

const exec = promisify(execFile);
const BIN = path.join(REPO_ROOT, 'bin/wavec.js');

interface Metafile {
  outputs: Record<string, { inputs: Record<string, unknown>; imports: { path: string; kind: string }[] }>;
}

/** The bundle's description from esbuild (scripts/bundle.mjs writes it, outside the package). */
async function metafile(): Promise<Metafile> {
  return JSON.parse(await readFile(path.join(REPO_ROOT, 'build/bundle/meta.json'), 'utf8')) as Metafile;
}

/** The packages whose code the chunks statically reachable from `start` hold: what loading it loads. */
function staticPackages(meta: Metafile, start: string): Set<string> {
  const seen = new Set<string>();
  const todo = [start];
  while (todo.length > 0) {
    const output = todo.pop()!;
    if (seen.has(output)) continue;
    seen.add(output);
    for (const imported of meta.outputs[output]!.imports) if (imported.kind === 'import-statement' && meta.outputs[imported.path]) todo.push(imported.path);
  }
  const packages = new Set<string>();
  for (const output of seen) {
    for (const input of Object.keys(meta.outputs[output]!.inputs)) packages.add(/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? 'wavec');
  }
  return packages;
}

describe('the bundled CLI (bin/wavec.js → dist/bundle)', () => {
  it.each([2, 3, 4])('prints the same wave %i prompt as compileWave', async (wave) => {
    const { stdout } = await exec(process.execPath, [BIN, 'compile', String(wave), '--stdout', '--no-cache', '--root', REPO_ROOT]);
    const fresh = await compileWave(REPO_ROOT, { wave });
    expect(stdout).toBe(fresh.prompt!.text);
  });

  it('starts without loading any dependency: every command loads its own when it runs', async () => {
    expect([...staticPackages(await metafile(), 'dist/bundle/main.js')]).toEqual(['wavec']);
  });

  it('never bundles the source-map library Handlebars asks for (template source maps are never generated)', async () => {
    const inputs = Object.values((await metafile()).outputs).flatMap((output) => Object.keys(output.inputs));
    expect(inputs.some((input) => input.includes('handlebars'))).toBe(true);
    expect(inputs.filter((input) => input.includes('node_modules/source-map'))).toEqual([]);
  });

  it('ships no source map (they point at src/, which is not shipped) and no build metadata', async () => {
    const built = await readdir(path.join(REPO_ROOT, 'dist'), { recursive: true, encoding: 'utf8' });
    expect(built.filter((file) => file.endsWith('.map') || file.endsWith('meta.json'))).toEqual([]);
    const scripts = built.filter((file) => file.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(30);
    const linked = [];
    for (const file of scripts) if ((await readFile(path.join(REPO_ROOT, 'dist', file), 'utf8')).includes('//# sourceMappingURL=')) linked.push(file);
    expect(linked).toEqual([]);
  });

});
