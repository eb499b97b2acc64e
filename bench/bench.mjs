// `npm run bench`: wavec's performance, measured side by side in one run
// against the floor (bare `node -e 0`) and a peer (markdownlint-cli2).
// Ratios matter more than absolute numbers on a noisy 2-core machine.
// `--smoke` runs every scenario once, to keep the bench working in CI.
import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCorpus } from './corpus.mjs';
import { row, summarize } from './stats.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin/wavec.js');
const smoke = process.argv.includes('--smoke');
const COLD_RUNS = smoke ? 1 : 15;
const WARM_RUNS = smoke ? 1 : 100;
const LINT_RUNS = smoke ? 1 : 3;
const CORPUS_SIZE = smoke ? 20 : 500;

const out = (line = '') => process.stdout.write(`${line}\n`);

function timeProcess(args, options = {}) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { encoding: 'utf8', ...options });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0 && !options.allowFailure) {
    throw new Error(`${args.join(' ')} exited ${result.status}:\n${result.stderr}`);
  }
  return ms;
}

function repeat(times, fn) {
  const samples = [];
  for (let i = 0; i < times; i++) samples.push(fn());
  return summarize(samples);
}

async function repeatAsync(times, fn) {
  const samples = [];
  for (let i = 0; i < times; i++) samples.push(await fn());
  return summarize(samples);
}

function peakRss(args) {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bench/child-rss.mjs'), ...args], { encoding: 'utf8' });
  const match = /maxrss-kib (\d+)/.exec(result.stderr);
  if (!match) throw new Error(`no RSS reported:\n${result.stderr}`);
  return Number(match[1]) / 1024;
}

async function copyWorkspace() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'wavec-bench-'));
  for (const entry of ['wavec.config.yaml', 'charter', 'templates', 'waves', 'prompts']) {
    await cp(path.join(ROOT, entry), path.join(dir, entry), { recursive: true });
  }
  return dir;
}

const ratio = (a, b) => `${(a / b).toFixed(2)}×`;

async function main() {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  out(`wavec bench${smoke ? ' (smoke: one run each)' : ''}`);
  out(`machine: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`);
  out();

  const workspace = await copyWorkspace();
  try {
    // Cold start: whole processes, spawn overhead included on both sides.
    const floor = repeat(COLD_RUNS, () => timeProcess(['-e', '0']));
    const cold = repeat(COLD_RUNS, () => timeProcess([BIN, 'compile', '4', '--root', workspace]));
    out(row('bare node -e 0 (floor)', floor));
    out(row('cold wavec compile 4', cold, `${ratio(cold.median, floor.median)} floor`));

    // Warm: in one process, the library API.
    const api = await import(path.join(ROOT, 'dist/index.js'));
    const loaded = await api.loadWorkspace(workspace);
    if (!loaded.ok) throw new Error('example workspace does not load');
    for (let i = 0; i < 3; i++) await api.compileWave(loaded.workspace, { wave: 4 });
    const warm = await repeatAsync(WARM_RUNS, async () => {
      const start = performance.now();
      await api.compileWave(loaded.workspace, { wave: 4 });
      return performance.now() - start;
    });
    out(row('warm compile of wave 4 (in process)', warm));

    const fragment = path.join(workspace, 'templates/sections/why.md');
    const original = await readFile(fragment, 'utf8');
    let edit = 0;
    const recompile = await repeatAsync(WARM_RUNS, async () => {
      await writeFile(fragment, `${original}\nEdit ${edit++}.\n`);
      const start = performance.now();
      const reloaded = await api.loadWorkspace(workspace);
      await api.compileWave(reloaded.workspace, { wave: 4 });
      return performance.now() - start;
    });
    await writeFile(fragment, original);
    out(row('recompile after one fragment edit (reload)', recompile));

    // Lint: a generated corpus, wavec against markdownlint-cli2 (MD043 only).
    const corpusDir = path.join(workspace, 'corpus');
    const basePrompt = await readFile(path.join(workspace, 'prompts/phase-02-wave-4.md'), 'utf8');
    const files = await writeCorpus(corpusDir, basePrompt, CORPUS_SIZE);
    const headings = [...basePrompt.matchAll(/^(##? .*)$/gm)].map((m) => m[1]).slice(1);
    await writeFile(
      path.join(corpusDir, '.markdownlint-cli2.jsonc'),
      JSON.stringify({ config: { default: false, MD043: { headings: ['*', ...headings] } } }),
    );
    const hasLint = spawnSync(process.execPath, [BIN, 'lint', '--help'], { encoding: 'utf8' }).status === 0;
    const peer = repeat(LINT_RUNS, () =>
      timeProcess([path.join(ROOT, 'node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs'), '*.md'], { cwd: corpusDir, allowFailure: true }),
    );
    out(row(`markdownlint-cli2, ${files.length} prompts (MD043)`, peer));
    let lint;
    if (hasLint) {
      lint = repeat(LINT_RUNS, () => timeProcess([BIN, 'lint', corpusDir, '--root', workspace], { allowFailure: true }));
      out(row(`wavec lint, ${files.length} prompts (tokens incl.)`, lint, `${ratio(peer.median, lint.median)} faster than markdownlint-cli2`));
    } else {
      out(`wavec lint: not available in this build`);
    }

    out();
    const compileRss = peakRss(['compile', '4', '--root', workspace]);
    out(`peak RSS, compile 4: ${compileRss.toFixed(0)} MiB`);
    if (hasLint) out(`peak RSS, lint of ${files.length} prompts: ${peakRss(['lint', corpusDir, '--root', workspace]).toFixed(0)} MiB`);
  } finally {
    await rm(workspace, { recursive: true, force: true });
  }
}

await main();
