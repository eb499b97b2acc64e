// `npm run bench`: wavec's performance, measured side by side in one run
// against the floor (bare `node -e 0`) and a peer (markdownlint-cli2), with
// the targets checked at the end. Ratios matter more than absolute
// numbers on a noisy 2-core machine: the runs of the things compared are
// interleaved, so a burst of load hits both sides.
// `--smoke` runs every scenario once, to keep the bench working in CI; it
// never fails on a time. `--cold` measures only the cold start (the figure a
// start-up change is judged by), in about half a minute. The scale scenarios
// (bench/scale.mjs) run last.
import { spawnSync } from 'node:child_process';
import { mkdir, cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCorpus } from './corpus.mjs';
import { measureLevers, remarkOnlyCopy, timeProcess } from './levers.mjs';
import { scaleScenarios } from './scale.mjs';
import { formatMs, row, summarize } from './stats.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin/wavec.js');
const PEER = path.join(ROOT, 'node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs');
const smoke = process.argv.includes('--smoke');
const coldOnly = process.argv.includes('--cold');
const COLD_RUNS = smoke ? 1 : 15;
const WARM_RUNS = smoke ? 1 : 100;
const LINT_RUNS = smoke ? 1 : 3;
const CORPUS_SIZE = smoke ? 20 : 500;

const out = (line = '') => process.stdout.write(`${line}\n`);

/**
 * Runs each scenario once per round, round after round, so the samples of things compared share the
 * machine's moods.
 */
async function interleaved(rounds, scenarios) {
  const samples = scenarios.map(() => []);
  for (let i = 0; i < rounds; i++) {
    for (const [k, scenario] of scenarios.entries()) samples[k].push(await scenario());
  }
  return samples.map(summarize);
}

/** Peak RSS (MiB) of the wavec CLI run in a child, as the child reports it. */
function peakRss(args, env) {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bench/child-rss.mjs'), ...args], {
    encoding: 'utf8',
    env,
  });
  const match = /maxrss-kib (\d+)/.exec(result.stderr);
  if (!match) throw new Error(`no RSS reported:\n${result.stderr}`);
  return Number(match[1]) / 1024;
}

async function copyWorkspace() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'wavec-bench-'));
  for (const entry of ['wavec.config.yaml', 'charter', 'example-templates', 'waves', 'prompts']) {
    await cp(path.join(ROOT, entry), path.join(dir, entry), { recursive: true });
  }
  return dir;
}

function describeMachine() {
  const cpus = os.cpus();
  const model = cpus[0]?.model?.trim() ?? 'unknown CPU';
  const mhz = cpus[0]?.speed ? ` @ ${cpus[0].speed} MHz` : '';
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  return [
    `machine: ${cpus.length} × ${model}${mhz} (availableParallelism ${os.availableParallelism()}), ` +
      `${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM`,
    `software: Node ${process.version} (V8 ${process.versions.v8}), ${os.type()} ${os.release()} ${os.arch()}`,
    `load average at start: ${load}`,
  ];
}

const ratio = (a, b) => `${(a / b).toFixed(2)}×`;

async function main() {
  out(`wavec bench${smoke ? ' (smoke: one run each)' : ''}`);
  for (const line of describeMachine()) out(line);
  out();

  const workspace = await copyWorkspace();
  const caches = await mkdtemp(path.join(os.tmpdir(), 'wavec-bench-cache-'));
  let cacheCount = 0;
  /** The environment of a run whose caches start empty. */
  const emptyCacheEnv = () => ({ ...process.env, WAVEC_CACHE_DIR: path.join(caches, `empty-${cacheCount++}`) });
  const warmCacheEnv = { ...process.env, WAVEC_CACHE_DIR: path.join(caches, 'warm') };
  const targets = [];
  try {
    // Cold start: whole processes, spawn overhead included on both sides, each lever switched off alone.
    const levers = await measureLevers(workspace, COLD_RUNS);
    const { floor, coldEmpty, coldWarm } = levers;
    const coldEmptyRatio = coldEmpty.median / floor.median;
    const coldWarmRatio = coldWarm.median / floor.median;
    out(row('bare node -e 0 (floor)', floor));
    out(row('cold wavec compile 4, empty caches', coldEmpty, `${ratio(coldEmpty.median, floor.median)} floor`));
    out(row('cold wavec compile 4, warm caches', coldWarm, `${ratio(coldWarm.median, floor.median)} floor`));
    out();
    for (const line of levers.lines) out(line);
    out();
    targets.push(['cold compile, empty caches ≤ 5× floor', `${coldEmptyRatio.toFixed(2)}×`, coldEmptyRatio <= 5]);
    targets.push(['cold compile, warm caches ≤ 3× floor', `${coldWarmRatio.toFixed(2)}×`, coldWarmRatio <= 3]);
    if (coldOnly) {
      out(
        `load average at end: ${os
          .loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')}`,
      );
      return;
    }

    // Warm: in one process, the library API.
    const api = await import(path.join(ROOT, 'dist/index.js'));
    const loaded = await api.loadWorkspace(workspace);
    if (!loaded.ok) throw new Error('example workspace does not load');
    for (let i = 0; i < 3; i++) await api.compileWave(loaded.workspace, { wave: 4 });
    const [warm] = await interleaved(WARM_RUNS, [
      async () => {
        const start = performance.now();
        await api.compileWave(loaded.workspace, { wave: 4 });
        return performance.now() - start;
      },
    ]);
    out(row('warm compile of wave 4 (in process)', warm, `${ratio(warm.median, 10)} the 10 ms target`));
    targets.push(['warm compile ≤ 10 ms', formatMs(warm.median), warm.median <= 10]);

    // The edited fragment is the workspace's override of wavec's own `why` (its user layer), read on every compile.
    const fragment = path.join(workspace, 'example-templates/sections/why.md');
    await mkdir(path.dirname(fragment), { recursive: true });
    await writeFile(fragment, await readFile(path.join(ROOT, 'templates/sections/why.md'), 'utf8'));
    const original = await readFile(fragment, 'utf8');
    let edit = 0;
    const [recompile] = await interleaved(WARM_RUNS, [
      async () => {
        await writeFile(fragment, `${original}\nEdit ${edit++}.\n`);
        const start = performance.now();
        const reloaded = await api.loadWorkspace(workspace);
        await api.compileWave(reloaded.workspace, { wave: 4 });
        return performance.now() - start;
      },
    ]);
    await writeFile(fragment, original);
    out(row('recompile after one fragment edit (reload)', recompile, `${ratio(recompile.median, 5)} the 5 ms target`));
    targets.push(['recompile after one fragment edit ≤ 5 ms', formatMs(recompile.median), recompile.median <= 5]);

    // Lint: a generated corpus, wavec against markdownlint-cli2 (MD043 only).
    const corpusDir = path.join(workspace, 'corpus');
    const basePrompt = await readFile(path.join(workspace, 'prompts/phase-02-wave-4.md'), 'utf8');
    const files = await writeCorpus(corpusDir, basePrompt, CORPUS_SIZE);
    const headings = [...basePrompt.matchAll(/^(##? .*)$/gm)].map((m) => m[1]).slice(1);
    await writeFile(
      path.join(corpusDir, '.markdownlint-cli2.jsonc'),
      JSON.stringify({ config: { default: false, MD043: { headings: ['*', ...headings] } } }),
    );
    const lintArgs = [BIN, 'lint', corpusDir, '--root', workspace];
    const remarkBin = path.join(await remarkOnlyCopy(caches), 'bin/wavec.js');
    // The same job: remark must find what the scanners find, or the comparison means nothing.
    const findings = (bin) =>
      spawnSync(process.execPath, [bin, 'lint', corpusDir, '--no-cache', '--format', 'json', '--root', workspace], {
        encoding: 'utf8',
        cwd: workspace,
        maxBuffer: 256 * 1024 * 1024,
      }).stdout;
    if (findings(BIN) !== findings(remarkBin)) throw new Error('the lint with remark reports other findings');
    timeProcess(lintArgs, { env: warmCacheEnv, allowFailure: true }); // fills the warm cache
    const [peer, lintEmpty, lintWarm, lintRemark] = await interleaved(LINT_RUNS, [
      () => timeProcess([PEER, '*.md'], { cwd: corpusDir, allowFailure: true }),
      () => timeProcess(lintArgs, { env: emptyCacheEnv(), allowFailure: true }),
      () => timeProcess(lintArgs, { env: warmCacheEnv, allowFailure: true }),
      () => timeProcess([remarkBin, ...lintArgs.slice(1)], { env: emptyCacheEnv(), allowFailure: true }),
    ]);
    const n = files.length;
    out(row(`markdownlint-cli2, ${n} prompts (MD043 only)`, peer));
    out(
      row(
        `wavec lint, ${n} prompts, empty caches`,
        lintEmpty,
        `${ratio(peer.median, lintEmpty.median)} faster than markdownlint-cli2`,
      ),
    );
    out(
      row(
        `wavec lint, ${n} prompts, warm caches`,
        lintWarm,
        `${ratio(peer.median, lintWarm.median)} faster than markdownlint-cli2`,
      ),
    );
    out(
      row(
        `  the same, remark reading every text`,
        lintRemark,
        `${ratio(lintRemark.median, lintEmpty.median)} the scanners' time, ` +
          `${ratio(peer.median, lintRemark.median)} faster than markdownlint-cli2`,
      ),
    );
    const remarkCost = lintRemark.median / lintEmpty.median;
    targets.push([
      'lint with remark for every text > 2× the scanners (or they go)',
      `${remarkCost.toFixed(2)}×`,
      remarkCost > 2,
    ]);
    const lintSpeedup = peer.median / lintEmpty.median;
    targets.push([
      `lint of ${n} prompts ≥ 2× faster than markdownlint-cli2 (empty caches)`,
      `${lintSpeedup.toFixed(2)}×`,
      lintSpeedup >= 2,
    ]);

    out();
    const compileRss = peakRss(['compile', '4', '--root', workspace], emptyCacheEnv());
    timeProcess([BIN, 'compile', '4', '--root', workspace], { env: warmCacheEnv }); // fills the warm cache
    const compileRssWarm = peakRss(['compile', '4', '--root', workspace], warmCacheEnv);
    const lintRss = peakRss(['lint', corpusDir, '--root', workspace], emptyCacheEnv());
    const mb = (mib) => (mib * 2 ** 20) / 1e6;
    out(`peak RSS, compile 4, empty caches: ${compileRss.toFixed(0)} MiB (${mb(compileRss).toFixed(0)} MB)`);
    out(`peak RSS, compile 4, warm caches: ${compileRssWarm.toFixed(0)} MiB (${mb(compileRssWarm).toFixed(0)} MB)`);
    out(`peak RSS, lint of ${n} prompts, empty caches: ${lintRss.toFixed(0)} MiB (${mb(lintRss).toFixed(0)} MB)`);
    targets.push([
      'peak RSS of a compile ≤ 150 MB (empty caches)',
      `${mb(compileRss).toFixed(0)} MB`,
      mb(compileRss) <= 150,
    ]);

    out();
    out('scale (time ∝ N^k: k = 1 linear, 0 flat; generated workspaces):');
    await scaleScenarios({ smoke, out, targets });

    out();
    out(`targets${smoke ? ' (smoke: one run each, not a measurement)' : ''}:`);
    const width = Math.max(...targets.map(([label]) => label.length));
    for (const [label, measured, met] of targets)
      out(`  ${label.padEnd(width)}  ${measured.padStart(9)}  ${met ? 'met' : 'MISSED'}`);
    out();
    out(
      `load average at end: ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    await rm(workspace, { recursive: true, force: true });
    await rm(caches, { recursive: true, force: true });
  }
}

await main();
