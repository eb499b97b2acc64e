// `node bench/cpu.mjs [rounds] [package dir…]`: the CPU time of a cold
// `wavec compile 4` with empty caches against `node -e 0`, for each package
// dir given (a built checkout; default: this one), interleaved. On a shared
// machine wall times swing with other work, while the main thread's CPU time
// barely moves, and with nothing else running the main thread is what a
// cold compile waits for: its ratio to the floor's came out within a few
// percent of the quiet-machine wall ratio (docs/performance.md). Linux only
// for the main thread (/proc); the all-threads figure is portable.
import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const HOOK = path.join(ROOT, 'bench/cpu-report.mjs');
const rounds = Number(process.argv[2] ?? 20);
const packages = process.argv.length > 3 ? process.argv.slice(3).map((dir) => path.resolve(dir)) : [ROOT];

function cpu(args, env) {
  const result = spawnSync(process.execPath, ['--import', HOOK, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}:\n${result.stderr}`);
  const all = Number(/cpu-ms ([\d.]+)/.exec(result.stderr)[1]);
  const main = /main-thread-ms (\d+)/.exec(result.stderr);
  return { all, main: main ? Number(main[1]) : NaN };
}

const workspace = await mkdtemp(path.join(os.tmpdir(), 'wavec-cpu-'));
try {
  for (const entry of ['wavec.config.yaml', 'charter', 'example-templates', 'waves', 'prompts'])
    await cp(path.join(ROOT, entry), path.join(workspace, entry), { recursive: true });
  const samples = [[], ...packages.map(() => [])];
  let run = 0;
  for (let i = 0; i < rounds; i++) {
    samples[0].push(cpu(['-e', '0']));
    packages.forEach((dir, k) =>
      samples[k + 1].push(
        cpu([path.join(dir, 'bin/wavec.js'), 'compile', '4', '--root', workspace], {
          WAVEC_CACHE_DIR: path.join(workspace, `.cache-${run++}`),
        }),
      ),
    );
  }
  // Means: the main thread's time comes in 10 ms ticks, too coarse for a median.
  const mean = (list, key) => list.reduce((sum, s) => sum + s[key], 0) / list.length;
  const floor = { main: mean(samples[0], 'main'), all: mean(samples[0], 'all') };
  const line = (label, s) =>
    `${label.padEnd(40)} main thread ${mean(s, 'main').toFixed(1).padStart(6)} ms ` +
    `(${(mean(s, 'main') / floor.main).toFixed(2)}×)  all threads ${mean(s, 'all').toFixed(1).padStart(6)} ms ` +
    `(${(mean(s, 'all') / floor.all).toFixed(2)}×)`;
  process.stdout.write(
    `CPU time, mean of ${rounds} interleaved rounds; load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}\n`,
  );
  process.stdout.write(`${line('node -e 0 (floor)', samples[0])}\n`);
  packages.forEach((dir, k) =>
    process.stdout.write(
      `${line(`compile 4, empty caches: ${path.relative(process.cwd(), dir) || '.'}`, samples[k + 1])}\n`,
    ),
  );
} finally {
  await rm(workspace, { recursive: true, force: true });
}
