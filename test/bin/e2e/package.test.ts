import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../helpers/workspace.js';

const run = promisify(execFile);

/** What `npm pack` would put in the tarball (without running prepack: the suite's build is current). */
async function packedFiles(): Promise<string[]> {
  const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: REPO_ROOT });
  return (JSON.parse(stdout) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path).sort();
}

async function filesUnder(dir: string, suffix: string): Promise<string[]> {
  const entries = await readdir(path.join(REPO_ROOT, dir), { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(suffix))
    .map((e) => path.relative(REPO_ROOT, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
}

describe('the packed tarball', () => {
  it(
    'holds exactly the bin, the build of every source file, the bundle, the token tables, ' +
      'the fragments, the schemas, README, LICENSE and package.json',
    async () => {
      const files = await packedFiles();
      // No source maps (they point at src/, which is not shipped) and no build metadata.
      expect(files.filter((f) => f.endsWith('.map') || f.endsWith('meta.json'))).toEqual([]);

      const sources = (await filesUnder('src', '.ts')).map((f) => f.replace(/^src\//, 'dist/').replace(/\.ts$/, ''));
      const library = sources.flatMap((base) => [`${base}.js`, `${base}.d.ts`]);
      // The CLI is one CommonJS bundle, and the token tables are prebuilt, so a cold start constructs none.
      const bundle = ['dist/cli.cjs', 'dist/tokens/cl100k_base.bin', 'dist/tokens/o200k_base.bin'];
      const expected = [
        'LICENSE',
        'README.md',
        'bin/wavec.js',
        'package.json',
        ...library,
        ...bundle,
        ...(await filesUnder('templates', '.md')),
        ...(await filesUnder('schemas', '.json')),
        ...(await filesUnder('docs', '.md')),
      ].sort();
      expect(files).toEqual(expected);
    },
  );

  it('links from the README and the shipped docs only to files the package ships', async () => {
    const files = new Set(await packedFiles());
    const broken: string[] = [];
    for (const doc of [...files].filter((f) => f.endsWith('.md') && (f === 'README.md' || f.startsWith('docs/')))) {
      const text = await readFile(path.join(REPO_ROOT, doc), 'utf8');
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const file = target!.split('#')[0]!;
        // Web addresses, anchors in the same file, and the `](…)` of examples in prose are not files.
        if (file === '' || /^[a-z]+:/.test(file) || !/^[\w./-]+$/.test(file)) continue;
        const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(doc), file));
        if (!files.has(resolved)) broken.push(`${doc}: ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('ships the MIT licence package.json declares', async () => {
    const pkg = JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { license: string };
    expect(pkg.license).toBe('MIT');
    expect(await readFile(path.join(REPO_ROOT, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n\nCopyright \(c\) /);
  });

  it('serves the library to import and to require()', async () => {
    const names = 'Object.keys(wavec).sort().join(",")';
    const imported = await run(
      process.execPath,
      ['--input-type=module', '-e', `import * as wavec from 'wavec'; console.log(${names})`],
      { cwd: REPO_ROOT },
    );
    const required = await run(
      process.execPath,
      ['--input-type=commonjs', '-e', `const wavec = require('wavec'); console.log(${names})`],
      { cwd: REPO_ROOT },
    );
    expect(imported.stdout).toMatch(/(^|,)compileWave(,|$)/);
    expect(required.stdout).toBe(imported.stdout);
    expect(required.stderr).toBe('');
  });
});
