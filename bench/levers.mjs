// The start-up levers, each switched off alone: what every piece of
// start-up machinery buys a cold `wavec compile 4`. A lever that lives in
// the package (the bundle, the rank tables) is switched off in a copy of the
// package made here, outside the product: the copy lacks the lever's files,
// or runs the bench's own entry point instead of bin/wavec.js. A cache is
// switched off by the state of the cache folder a run starts with. Every
// scenario runs once per round, round after round, with `node -e 0` in each
// round, so the ratios compare samples taken under the same load.
import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatMs, summarize } from './stats.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** A child process's wall time, spawn included. */
export function timeProcess(args, options = {}) {
  const { allowFailure, ...spawnOptions } = options;
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { encoding: 'utf8', ...spawnOptions });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0 && !allowFailure)
    throw new Error(`${args.join(' ')} exited ${result.status}:\n${result.stderr}`);
  return ms;
}

/** The package levers: how a copy of the package without the lever is made from a copy of the package as built. */
const PACKAGE_LEVERS = [
  {
    name: 'bundle (dist/cli.cjs)',
    // tsc's ES modules instead, loaded as the library is.
    off: (dir) =>
      writeFile(
        path.join(dir, 'bin/wavec.js'),
        "const { processIo, run } = await import('../dist/cli/main.js');\n" +
          'process.exitCode = await run(process.argv.slice(2), processIo());\n',
      ),
  },
  {
    name: 'prebuilt rank tables (dist/tokens/)',
    off: (dir) => rm(path.join(dir, 'dist/tokens'), { recursive: true }),
  },
];

/**
 * A copy of the package (bin/, dist/, templates/ (the base fragment library) and package.json; this checkout's
 * node_modules linked), changed by `change`.
 */
export async function packageCopy(base, change) {
  const dir = await mkdtemp(path.join(base, 'package-'));
  for (const entry of ['bin', 'dist', 'templates', 'package.json'])
    await cp(path.join(ROOT, entry), path.join(dir, entry), { recursive: true });
  await symlink(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  await change(dir);
  return dir;
}

/**
 * Measures every lever against the package as built, in `workspace` (a copy of the example), for `rounds` rounds.
 * Returns the printed lines and the figures the targets are checked on.
 */
export async function measureLevers(workspace, rounds) {
  const base = await mkdtemp(path.join(os.tmpdir(), 'wavec-levers-'));
  try {
    let fresh = 0;
    const newCacheDir = () => path.join(base, `cache-${fresh++}`);
    const bin = (dir) => path.join(dir, 'bin/wavec.js');
    const compile = (dir, cache, ...extra) =>
      timeProcess([bin(dir), 'compile', '4', '--root', workspace, ...extra], {
        env: { ...process.env, WAVEC_CACHE_DIR: cache },
      });
    const lint = (cache) =>
      timeProcess([bin(ROOT), 'lint', '--root', workspace], {
        env: { ...process.env, WAVEC_CACHE_DIR: cache },
        allowFailure: true,
      });

    // Warm caches: one run of each command fills them; a run without one kind of entry starts from a copy without it.
    const warm = newCacheDir();
    compile(ROOT, warm);
    lint(warm);
    const warmWithout = async (entry) => {
      const dir = newCacheDir();
      await cp(warm, dir, { recursive: true, filter: (source) => path.basename(source) !== entry });
      return dir;
    };

    const copies = [];
    for (const lever of PACKAGE_LEVERS) copies.push(await packageCopy(base, lever.off));

    // Each scenario: a label and a function that runs it once (preparing, untimed, what it starts from).
    const scenarios = [
      ['floor', async () => timeProcess(['-e', '0'])],
      ['cold', async () => compile(ROOT, newCacheDir())],
      ...PACKAGE_LEVERS.map((lever, k) => [lever.name, async () => compile(copies[k], newCacheDir())]),
      ['no cache', async () => compile(ROOT, newCacheDir(), '--no-cache')],
      ['warm', async () => compile(ROOT, warm)],
      ['warm, no compile entry', async () => compile(ROOT, await warmWithout('compile'))],
      ['lint, empty', async () => lint(newCacheDir())],
      ['lint, warm', async () => lint(warm)],
      ['lint, warm, no lint entries', async () => lint(await warmWithout('lint'))],
    ];
    const samples = scenarios.map(() => []);
    for (let i = 0; i < rounds; i++) {
      for (const [k, [, once]] of scenarios.entries()) samples[k].push(await once());
    }
    const m = Object.fromEntries(scenarios.map(([label], k) => [label, summarize(samples[k])]));
    const floor = m.floor.median;
    const cold = m.cold.median;
    const x = (ms) => `${(ms / floor).toFixed(2)}×`;

    // Each lever: the scenario with it off, and the one with everything on that it is compared with.
    const rows = [
      ...PACKAGE_LEVERS.map((lever) => [lever.name, 'cold, empty caches', lever.name, 'cold']),
      ['compile cache', 'warm caches', 'warm, no compile entry', 'warm'],
      ['lint cache (wavec lint, 4 prompts)', 'warm caches', 'lint, warm, no lint entries', 'lint, warm'],
    ];
    const lines = [
      `per lever: median of ${rounds} interleaved rounds; floor (node -e 0) ${formatMs(floor)}, ` +
        `cold compile 4 with empty caches and every lever ${formatMs(cold)} (${x(cold)})`,
      '',
      `${'lever'.padEnd(44)}${'scenario'.padEnd(30)} ${'off'.padStart(17)}${'on'.padStart(17)}` +
        `${'gain'.padStart(11)}${'of cold'.padStart(9)}  pays (≥ 10%)`,
    ];
    for (const [name, scenario, off, on] of rows) {
      const gain = m[off].median - m[on].median;
      lines.push(
        `${name.padEnd(44)}${scenario.padEnd(30)} ` +
          `${`${formatMs(m[off].median)} ${x(m[off].median)}`.padStart(17)}` +
          `${`${formatMs(m[on].median)} ${x(m[on].median)}`.padStart(17)}` +
          `${formatMs(gain).padStart(11)}${`${((100 * gain) / cold).toFixed(0)}%`.padStart(9)}  ` +
          (gain >= cold / 10 ? 'yes' : 'NO'),
      );
    }
    const cost = m['no cache'].median - cold;
    lines.push(
      '',
      `writing the caches on a cold compile: ${formatMs(-cost)} (--no-cache ${formatMs(m['no cache'].median)})`,
      `lint 4 prompts, empty caches: ${formatMs(m['lint, empty'].median)} (${x(m['lint, empty'].median)})`,
      'gain: off minus on; of cold: the gain as a share of the cold compile with empty caches and every lever on;',
      'a lever pays when it buys at least a tenth of that (docs/performance.md)',
    );
    return { lines, floor: m.floor, coldEmpty: m.cold, coldWarm: m.warm };
  } finally {
    await rm(base, { recursive: true, force: true });
  }
}

/**
 * A copy of the package whose Markdown scanners (the heading line scanner, src/analyse/outline.ts, and the block
 * scanner, src/analyse/blocks.ts) decline every text, so remark-parse reads all of them: what the scanners buy a
 * lint.
 */
export function remarkOnlyCopy(base) {
  return packageCopy(base, async (dir) => {
    const bundle = path.join(dir, 'dist/cli.cjs');
    let text = await readFile(bundle, 'utf8');
    for (const name of ['scanHeadings', 'scanBlocks']) {
      const start = new RegExp(`^function ${name}\\d*\\(text\\) \\{$`, 'm');
      if (!start.test(text)) throw new Error(`${name} is not in the bundle: the bench needs updating`);
      text = text.replace(start, (line) => `${line}\n  return undefined;`);
    }
    await writeFile(bundle, text);
  });
}
