// The scale scenarios of `npm run bench`, also run alone: `node bench/scale.mjs [--smoke] [--only chain,mcp…]`.
// How the cost of one command grows with the programme behind it and with the number of prompts. Each pair of sizes
// is printed with its ratio and the scaling exponent it implies (time ∝ N^k: k = log(t2/t1) / log(N2/N1); 1 is
// linear, 0 flat). Workspaces are generated in a temporary folder (bench/scale-workspace.mjs) and deleted afterwards.
import { spawnSync } from 'node:child_process';
import { appendFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCorpus } from './corpus.mjs';
import { writeScaleWorkspace } from './scale-workspace.mjs';
import { formatMs, summarize } from './stats.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin/wavec.js');
const PEER = path.join(ROOT, 'node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs');

/** Wall time (ms) and peak RSS (MB) of one process, measured by /usr/bin/time when there is one. */
function measure(args, { cwd, env } = {}) {
  const start = process.hrtime.bigint();
  const timed = spawnSync('/usr/bin/time', ['-f', 'maxrss-kib %M', process.execPath, ...args], {
    cwd,
    env,
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  let rss;
  let status;
  if (timed.error) {
    const plain = spawnSync(process.execPath, args, { cwd, env, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
    status = plain.status;
  } else {
    status = timed.status;
    const match = /maxrss-kib (\d+)/.exec(timed.stderr);
    rss = match ? (Number(match[1]) * 1024) / 1e6 : undefined;
  }
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { ms, rss, status, stdout: timed.stdout, stderr: timed.stderr };
}

/** Wall time (ms) of one process. */
function timeRun(args, options) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, ...options });
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, status: result.status, stderr: result.stderr };
}

const exponent = (t1, t2, n1, n2) => Math.log(t2 / t1) / Math.log(n2 / n1);

/** The scenarios, in the order they run; `--only a,b` runs some of them. */
export const SCENARIOS = ['chain', 'all', 'drift', 'lint', 'mcp'];

export async function scaleScenarios({ smoke, out, targets, only = SCENARIOS }) {
  const want = (name) => only.includes(name);
  const sizes = smoke
    ? { chain: [3, 10], all: [5, 15], drift: [10, 20], lint: [10, 30], mcp: [10, 30] }
    : { chain: [30, 1000], all: [100, 1000], drift: [100, 1000], lint: [1000, 10000], mcp: [1000, 10000] };
  const runs = smoke ? 1 : 5;
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'wavec-bench-scale-'));
  let cacheCount = 0;
  const emptyCacheEnv = () => ({ ...process.env, WAVEC_CACHE_DIR: path.join(scratch, `cache-${cacheCount++}`) });
  const pair = (label, [n1, n2], s1, s2, unit = 'waves') => {
    const k = exponent(s1, s2, n1, n2);
    out(
      `${label.padEnd(44)} ${String(n1).padStart(5)} ${unit}: ${formatMs(s1).padStart(9)}  ` +
        `${String(n2).padStart(5)}: ${formatMs(s2).padStart(9)}  ratio ${(s2 / s1).toFixed(2)}×  k = ${k.toFixed(2)}`,
    );
    return s2 / s1;
  };
  try {
    if (want('chain')) await chainScenario();
    if (want('all')) await compileAllScenario();
    if (want('drift')) await driftScenario();
    const example = path.join(scratch, 'example');
    if (want('lint') || want('mcp')) {
      await writeScaleWorkspace(example, 4);
      timeRun([BIN, 'compile', '4', '--root', example], { env: emptyCacheEnv() });
    }
    if (want('lint')) await lintScenario(example);
    if (want('mcp')) mcpScenario(example);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }

  // The last wave of a short and a long chain: cold CLI (empty caches, warm on-disk caches, the last spec just
  // edited), and in one process after a fragment edit (what --watch and the MCP server do on every change).
  async function chainScenario() {
    const chains = [];
    for (const n of sizes.chain) {
      const dir = path.join(scratch, `chain-${n}`);
      await writeScaleWorkspace(dir, n);
      chains.push({ n, dir });
    }
    const cold = chains.map(() => []);
    const warmCache = chains.map(() => []);
    const specEdited = chains.map(() => []);
    const warmEnvs = chains.map((_, i) => ({ ...process.env, WAVEC_CACHE_DIR: path.join(scratch, `warm-${i}`) }));
    for (const [i, { n, dir }] of chains.entries())
      timeRun([BIN, 'compile', String(n), '--root', dir], { env: warmEnvs[i] });
    for (let r = 0; r < runs; r++) {
      for (const [i, { n, dir }] of chains.entries()) {
        cold[i].push(timeRun([BIN, 'compile', String(n), '--root', dir, '--stdout'], { env: emptyCacheEnv() }).ms);
        warmCache[i].push(timeRun([BIN, 'compile', String(n), '--root', dir, '--stdout'], { env: warmEnvs[i] }).ms);
        // The operator's usual step: the last wave's spec edited, so its compile entry misses while every
        // predecessor is in the spec index.
        await appendFile(path.join(dir, `waves/phase-01/wave-${n}.yaml`), `# edit ${r}\n`);
        specEdited[i].push(timeRun([BIN, 'compile', String(n), '--root', dir, '--stdout'], { env: warmEnvs[i] }).ms);
      }
    }
    const [c1, c2] = cold.map((s) => summarize(s).median);
    const [w1, w2] = warmCache.map((s) => summarize(s).median);
    const coldRatio = pair('last wave, cold CLI, empty caches', sizes.chain, c1, c2);
    const warmRatio = pair('last wave, cold CLI, warm caches', sizes.chain, w1, w2);
    const [e1, e2] = specEdited.map((s) => summarize(s).median);
    const specEditRatio = pair('last wave, cold CLI, its spec just edited', sizes.chain, e1, e2);
    const api = await import(path.join(ROOT, 'dist/index.js'));
    const edited = [];
    for (const { n, dir } of chains) {
      // The edited fragment is the workspace's override of wavec's own `why` (its user layer), read on every compile.
      const fragment = path.join(dir, 'example-templates/sections/why.md');
      await mkdir(path.dirname(fragment), { recursive: true });
      await writeFile(fragment, await readFile(path.join(ROOT, 'templates/sections/why.md'), 'utf8'));
      const original = await readFile(fragment, 'utf8');
      const samples = [];
      for (let r = 0; r < (smoke ? 2 : 20); r++) {
        await writeFile(fragment, `${original}\nEdit ${r}.\n`);
        const start = performance.now();
        const loaded = await api.loadWorkspace(dir);
        await api.compileWave(loaded.workspace, { wave: n });
        samples.push(performance.now() - start);
      }
      await writeFile(fragment, original);
      edited.push(summarize(samples.slice(1)).median);
    }
    const editRatio = pair('last wave after a fragment edit (in process)', sizes.chain, edited[0], edited[1]);
    targets.push([
      `last wave of ${sizes.chain[1]} vs ${sizes.chain[0]}, cold CLI, empty caches ≤ 1.5×`,
      `${coldRatio.toFixed(2)}×`,
      coldRatio <= 1.5,
    ]);
    targets.push([`  the same, warm on-disk caches ≤ 1.5×`, `${warmRatio.toFixed(2)}×`, warmRatio <= 1.5]);
    targets.push([`  the same, its spec just edited ≤ 1.5×`, `${specEditRatio.toFixed(2)}×`, specEditRatio <= 1.5]);
    targets.push([`  the same, after an edit in process ≤ 2×`, `${editRatio.toFixed(2)}×`, editRatio <= 2]);
  }

  async function compileAllScenario() {
    // compile --all: every wave of a programme in one process.
    const allTimes = [];
    for (const n of sizes.all) {
      const dir = path.join(scratch, `all-${n}`);
      await writeScaleWorkspace(dir, n, { phases: Math.max(1, Math.round(n / 100)) });
      const run = timeRun([BIN, 'compile', '--all', '--root', dir], { env: emptyCacheEnv() });
      if (run.status !== 0)
        throw new Error(`compile --all at ${n} exited ${run.status}:\n${run.stderr.slice(0, 2000)}`);
      allTimes.push({ n, dir, ms: run.ms });
    }
    const allRatio = pair('compile --all', sizes.all, allTimes[0].ms, allTimes[1].ms);
    targets.push([
      `compile --all at ${sizes.all[1]} ≤ 12× at ${sizes.all[0]}`,
      `${allRatio.toFixed(2)}×`,
      allRatio <= 12,
    ]);
  }

  async function driftScenario() {
    // lint --drift over the compiled prompts of a 10-phase programme, empty caches.
    const driftTimes = [];
    for (const n of sizes.drift) {
      const dir = path.join(scratch, `drift-${n}`);
      await writeScaleWorkspace(dir, n, { phases: 10 });
      timeRun([BIN, 'compile', '--all', '--root', dir], { env: emptyCacheEnv() });
      driftTimes.push(timeRun([BIN, 'lint', '--drift', '--root', dir], { env: emptyCacheEnv() }).ms);
    }
    const driftRatio = pair(
      'lint --drift, 10 phases, empty caches',
      sizes.drift,
      driftTimes[0],
      driftTimes[1],
      'prompts',
    );
    targets.push([
      `lint --drift at ${sizes.drift[1]} ≤ 12× at ${sizes.drift[0]}`,
      `${driftRatio.toFixed(2)}×`,
      driftRatio <= 12,
    ]);
  }

  // Lint of many hand-written prompts against markdownlint-cli2 (MD043 only): time and peak RSS.
  async function lintScenario(example) {
    const basePrompt = await readFile(path.join(example, 'prompts/phase-01-wave-4.md'), 'utf8');
    const headings = [...basePrompt.matchAll(/^(##? .*)$/gm)].map((m) => m[1]).slice(1);
    const lint = [];
    for (const n of sizes.lint) {
      const corpus = path.join(example, `corpus-${n}`);
      await writeCorpus(corpus, basePrompt, n);
      await writeFile(
        path.join(corpus, '.markdownlint-cli2.jsonc'),
        JSON.stringify({ config: { default: false, MD043: { headings: ['*', ...headings] } } }),
      );
      const wavec = measure([BIN, 'lint', corpus, '--root', example], { env: emptyCacheEnv() });
      const peer = measure([PEER, '*.md'], { cwd: corpus });
      lint.push({ n, wavec, peer });
      out(
        `lint of ${String(n).padStart(5)} prompts: wavec ${formatMs(wavec.ms)}, peak ${wavec.rss?.toFixed(0)} MB; ` +
          `markdownlint-cli2 ${formatMs(peer.ms)}, peak ${peer.rss?.toFixed(0)} MB; ` +
          `wavec ${(peer.ms / wavec.ms).toFixed(2)}× faster`,
      );
      await rm(corpus, { recursive: true, force: true });
    }
    pair('lint (time)', sizes.lint, lint[0].wavec.ms, lint[1].wavec.ms, 'prompts');
    const [small, large] = lint;
    if (small.wavec.rss !== undefined && large.wavec.rss !== undefined) {
      const rssRatio = large.wavec.rss / small.wavec.rss;
      const rssExponent = exponent(small.wavec.rss, large.wavec.rss, small.n, large.n);
      out(
        `lint peak RSS: ${small.wavec.rss.toFixed(0)} MB at ${small.n}, ` +
          `${large.wavec.rss.toFixed(0)} MB at ${large.n}: ` +
          `ratio ${rssRatio.toFixed(2)}×, k = ${rssExponent.toFixed(2)}`,
      );
      targets.push([`lint peak RSS at ${large.n} ≤ 1.5× at ${small.n}`, `${rssRatio.toFixed(2)}×`, rssRatio <= 1.5]);
      targets.push([
        `lint peak RSS at ${large.n} below markdownlint-cli2's`,
        `${large.wavec.rss.toFixed(0)} MB`,
        large.wavec.rss < (large.peer.rss ?? Infinity),
      ]);
    }
    const speedup = large.peer.ms / large.wavec.ms;
    targets.push([`lint of ${large.n} ≥ 4× faster than markdownlint-cli2`, `${speedup.toFixed(2)}×`, speedup >= 4]);
  }

  function mcpScenario(example) {
    // The MCP server's compile_wave with a fragment edited before each call: memory after N1 and N2 calls.
    const mcp = spawnSync(
      process.execPath,
      ['--expose-gc', path.join(ROOT, 'bench/mcp-memory.mjs'), example, ...sizes.mcp.map(String)],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    if (mcp.status !== 0) throw new Error(`mcp-memory exited ${mcp.status}:\n${mcp.stderr}`);
    const marks = JSON.parse(mcp.stdout.trim().split('\n').pop());
    const [m1, m2] = sizes.mcp.map((n) => marks[n]);
    out(
      `MCP compile_wave, an edit before each call: after ${sizes.mcp[0]} calls RSS ${m1.rss.toFixed(0)} MB ` +
        `(heap ${m1.heap.toFixed(0)} MB), ` +
        `after ${sizes.mcp[1]} RSS ${m2.rss.toFixed(0)} MB (heap ${m2.heap.toFixed(0)} MB); ` +
        `p50 ${formatMs(marks.p50)} per call`,
    );
    const mcpRatio = m2.rss / m1.rss;
    targets.push([
      `MCP RSS after ${sizes.mcp[1]} calls ≤ 1.5× after ${sizes.mcp[0]}`,
      `${mcpRatio.toFixed(2)}×`,
      mcpRatio <= 1.5,
    ]);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const smoke = process.argv.includes('--smoke');
  const onlyAt = process.argv.indexOf('--only');
  const only = onlyAt === -1 ? SCENARIOS : process.argv[onlyAt + 1].split(',');
  const unknown = only.filter((name) => !SCENARIOS.includes(name));
  if (unknown.length > 0) throw new Error(`unknown scenario ${unknown.join(', ')}: one of ${SCENARIOS.join(', ')}`);
  const targets = [];
  const out = (line = '') => process.stdout.write(`${line}\n`);
  out(
    `wavec scale bench${smoke ? ' (smoke: one run each)' : ''}; load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  await scaleScenarios({ smoke, out, targets, only });
  const width = Math.max(...targets.map(([label]) => label.length));
  for (const [label, measured, met] of targets)
    out(`  ${label.padEnd(width)}  ${measured.padStart(9)}  ${met ? 'met' : 'MISSED'}`);
  out(
    `load average at end: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
}
