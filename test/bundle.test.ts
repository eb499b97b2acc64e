import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { compileWave } from '../src/compile.js';
import { EXAMPLE, REPO_ROOT } from './helpers/workspace.js';

const exec = promisify(execFile);
const BIN = path.join(REPO_ROOT, 'bin/wavec.js');

interface Metafile {
  outputs: Record<string, { inputs: Record<string, unknown> }>;
}

/** The bundle's description from esbuild (scripts/bundle.mjs writes it, outside the package). */
async function metafile(): Promise<Metafile> {
  return JSON.parse(await readFile(path.join(REPO_ROOT, 'build/meta.json'), 'utf8')) as Metafile;
}

describe('the bundled CLI (bin/wavec.js → dist/cli.cjs)', () => {
  it.each([2, 3, 4])('prints the same wave %i prompt as compileWave', async (wave) => {
    const { stdout } = await exec(process.execPath, [
      BIN,
      'compile',
      String(wave),
      '--stdout',
      '--no-cache',
      '--root',
      EXAMPLE,
    ]);
    const fresh = await compileWave(EXAMPLE, { wave });
    expect(stdout).toBe(fresh.prompt!.text);
  });

  it('starts without running any dependency: every command runs its own when it runs', async () => {
    // zod marks the global object when its module runs; the bundle holds it, but only `compile` runs it.
    const script = (argv: string[]) =>
      `import { loadCli } from ${JSON.stringify(path.join(REPO_ROOT, 'bin/load-cli.js'))};` +
      `const cli = loadCli(${JSON.stringify(argv)}); const io = { ...cli.processIo(), stdout: { write: () => ` +
      `true } };` +
      `await cli.run(${JSON.stringify(argv)}, io); console.log(typeof globalThis.__zod_globalConfig);`;
    const ran = async (argv: string[]) =>
      (await exec(process.execPath, ['--input-type=module', '-e', script(argv)])).stdout.trim();
    expect(await ran(['--help'])).toBe('undefined');
    expect(await ran(['compile', '4', '--stdout', '--no-cache', '--root', EXAMPLE])).toBe('object');
  });

  it(
    'never bundles the source-map library Handlebars asks for ' + '(template source maps are never generated)',
    async () => {
      const inputs = Object.values((await metafile()).outputs).flatMap((output) => Object.keys(output.inputs));
      expect(inputs.some((input) => input.includes('handlebars'))).toBe(true);
      expect(inputs.filter((input) => input.includes('node_modules/source-map'))).toEqual([]);
    },
  );

  it('ships no source map (they point at src/, which is not shipped) and no build metadata', async () => {
    const built = await readdir(path.join(REPO_ROOT, 'dist'), { recursive: true, encoding: 'utf8' });
    expect(built.filter((file) => file.endsWith('.map') || file.endsWith('meta.json'))).toEqual([]);
    const scripts = built.filter((file) => file.endsWith('.js') || file.endsWith('.cjs'));
    expect(scripts.length).toBeGreaterThan(30);
    const linked = [];
    for (const file of scripts)
      if ((await readFile(path.join(REPO_ROOT, 'dist', file), 'utf8')).includes('//# sourceMappingURL='))
        linked.push(file);
    expect(linked).toEqual([]);
  });
});
