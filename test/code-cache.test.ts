import { execFile } from 'node:child_process';
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { useInstalledCopies } from './helpers/package-copy.js';
import { EXAMPLE, REPO_ROOT } from './helpers/workspace.js';

const exec = promisify(execFile);
const installedCopy = useInstalledCopies();

/** What bin/wavec.js does, plus a line on stderr saying what became of the code cache. */
async function runCli(packageDir: string, argv: string[]): Promise<{ stdout: string; codeCache: string }> {
  const script =
    `import { loadCli } from ${JSON.stringify(path.join(packageDir, 'bin/load-cli.js'))};` +
    `const argv = ${JSON.stringify(argv)}; const cli = loadCli(argv); process.stderr.write('code cache: ' + ` +
    `cli.codeCache + '\\n');` +
    `process.exitCode = await cli.run(argv, cli.processIo());`;
  const { stdout, stderr } = await exec(process.execPath, ['--input-type=module', '-e', script], {
    maxBuffer: 64 * 1024 * 1024,
  });
  return { stdout, codeCache: /code cache: (\w+)/.exec(stderr)![1]! };
}

const COMPILE = ['compile', '4', '--stdout', '--no-cache', '--root', EXAMPLE];

describe('the code caches written by npm run build (dist/cli.cjs.*.cache)', () => {
  it('name the bundle relative to the package in a stack trace, never the path it was built at', async () => {
    // A function taken from a code cache keeps the script name it was cached under.
    const copy = await installedCopy();
    const script =
      `import { loadCli } from ${JSON.stringify(path.join(copy, 'bin/load-cli.js'))};` +
      `const argv = ['compile', '4', '--stdout', '--no-cache', '--debug', '--root', ` +
      `${JSON.stringify(EXAMPLE)}]; const cli = loadCli(argv);` +
      `process.stderr.write('code cache: ' + cli.codeCache + '\\n');` +
      `await cli.run(argv, { ...cli.processIo(), stdout: { write() { throw new Error('stdout is gone'); } } });`;
    const { stderr } = await exec(process.execPath, ['--input-type=module', '-e', script]);
    expect(stderr).toContain('code cache: used\n');
    expect(stderr).toMatch(/\(wavec\/dist\/cli\.cjs:\d+:\d+\)/);
    // No absolute path of a bundle: neither where it was built nor where it runs.
    expect(stderr).not.toMatch(/\/[^\s(]*\/dist\/cli\.cjs/);
  });

  it(
    'are used by a one-shot command and by a long-running one, ' + 'each its own (V8 runs them with other flags)',
    async () => {
      expect((await runCli(REPO_ROOT, COMPILE)).codeCache).toBe('used');
      const lint = await runCli(REPO_ROOT, ['lint', '--format', 'json', '--root', EXAMPLE]);
      expect(lint.codeCache).toBe('used');
      const report = JSON.parse(lint.stdout) as { prompts: { path: string }[] };
      expect(report.prompts.map((prompt) => prompt.path)).toContain('prompts/phase-02-wave-4.md');
    },
  );

  it('made with the other flags is rejected by V8, and the bundle runs as usual', async () => {
    const copy = await installedCopy();
    await cp(path.join(copy, 'dist/cli.cjs.long-running.cache'), path.join(copy, 'dist/cli.cjs.one-shot.cache'));
    const [usual, fallback] = await Promise.all([runCli(REPO_ROOT, COMPILE), runCli(copy, COMPILE)]);
    // Only Node 20 runs one-shot commands with other flags (compiler-tuning.ts); elsewhere both caches are alike.
    expect(fallback.codeCache).toBe(process.versions.v8.startsWith('11.') ? 'rejected' : 'used');
    expect(fallback.stdout).toBe(usual.stdout);
  });

  it.each<[string, string, (cache: string) => Promise<void>]>([
    ['missing', 'missing', (cache) => rm(cache)],
    ['not a code cache', 'rejected', (cache) => writeFile(cache, 'not a code cache')],
    [
      'made for another build of the bundle',
      'rejected',
      async (cache) => {
        const bundle = path.join(path.dirname(cache), 'cli.cjs');
        await writeFile(bundle, `${await readFile(bundle, 'utf8')}\n// another build\n`);
      },
    ],
  ])('%s: the bundle is compiled as usual and prints the same prompt', async (_, expected, breakCache) => {
    const copy = await installedCopy();
    await breakCache(path.join(copy, 'dist/cli.cjs.one-shot.cache'));
    const [usual, fallback] = await Promise.all([runCli(REPO_ROOT, COMPILE), runCli(copy, COMPILE)]);
    expect(fallback.codeCache).toBe(expected);
    expect(fallback.stdout).toBe(usual.stdout);
    expect(usual.stdout).toContain('## ');
  });
});
