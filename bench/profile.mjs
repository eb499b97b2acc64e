// A CPU profile of one CLI run, summarised as self time by package: where a
// cold `wavec compile 4` spends its time. `node bench/profile.mjs [wavec
// args…]` (default: compile 4 on a copy of the example workspace, caches
// empty). Prints the top entries; docs/performance.md quotes it.
import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.PROFILE_RUNS ?? 5);

/** The package a source path belongs to: `node_modules/<pkg>`, node's internals, or wavec. */
export function ownerOfPath(url, functionName = '') {
  if (!url) return functionName.startsWith('(') ? functionName : '(native, no script)';
  if (url.startsWith('node:'))
    return url.startsWith('node:internal/modules')
      ? 'node:internal/modules (loading and compiling modules)'
      : 'node:internal (other)';
  const modules = url.lastIndexOf('node_modules/');
  if (modules !== -1) {
    const parts = url.slice(modules + 'node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  if (url.includes('wavec-stub')) return 'wavec';
  if (
    url.includes('/src/') ||
    url.includes('/dist/') ||
    url.startsWith('../../src/') ||
    url.startsWith('../../../src/')
  )
    return 'wavec';
  return url;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Per generated line, the segments [generated column, source index], from a source map's VLQ mappings. */
function decodeMappings(mappings) {
  const lines = [];
  let source = 0;
  for (const line of mappings.split(';')) {
    const segments = [];
    let column = 0;
    for (const segment of line.split(',')) {
      if (segment === '') continue;
      const values = [];
      let value = 0;
      let shift = 0;
      for (const ch of segment) {
        const digit = BASE64.indexOf(ch);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          values.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      column += values[0];
      if (values.length > 1) source += values[1];
      segments.push([column, source]);
    }
    lines.push(segments);
  }
  return lines;
}

/** Maps a bundled script position back to the package of its original source, through the bundle's source map. */
async function bundleOwners(profile) {
  const maps = new Map();
  for (const node of profile.nodes) {
    const url = node.callFrame.url;
    if (!url.endsWith('/dist/cli.cjs') || maps.has(url)) continue;
    try {
      // scripts/bundle.mjs keeps the map out of the package, in build/.
      const map = JSON.parse(await readFile(path.join(ROOT, 'build/cli.cjs.map'), 'utf8'));
      maps.set(url, { sources: map.sources, lines: decodeMappings(map.mappings) });
    } catch {
      maps.set(url, undefined);
    }
  }
  return (url, functionName, line, column) => {
    const map = maps.get(url);
    if (!map) return ownerOfPath(url, functionName);
    const segments = map.lines[line] ?? [];
    let found;
    for (const segment of segments) {
      if (segment[0] > column) break;
      found = segment;
    }
    // Top-level code of a chunk (the module's own evaluation) maps to its first segment.
    found ??= segments[0];
    return found ? ownerOfPath(map.sources[found[1]], functionName) : 'wavec bundle (unmapped)';
  };
}

/** Self time per owner, in ms, from a .cpuprofile. */
export async function selfTimeByOwner(profile) {
  const owner = await bundleOwners(profile);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const { url, functionName, lineNumber, columnNumber } = byId.get(profile.samples[i]).callFrame;
    const key = owner(url, functionName, lineNumber, columnNumber);
    totals.set(key, (totals.get(key) ?? 0) + profile.timeDeltas[i] / 1000);
  }
  return totals;
}

async function main() {
  const args = process.argv.slice(2);
  const workspace = await mkdtemp(path.join(os.tmpdir(), 'wavec-profile-'));
  const profiles = path.join(workspace, '.profiles');
  try {
    for (const entry of ['wavec.config.yaml', 'charter', 'example-templates', 'waves', 'prompts'])
      await cp(path.join(ROOT, entry), path.join(workspace, entry), { recursive: true });
    const wavecArgs = args.length > 0 ? args : ['compile', '4'];
    for (let i = 0; i < RUNS; i++) {
      const result = spawnSync(
        process.execPath,
        ['--cpu-prof', '--cpu-prof-dir', profiles, path.join(ROOT, 'bin/wavec.js'), ...wavecArgs, '--root', workspace],
        {
          cwd: workspace,
          encoding: 'utf8',
          env: { ...process.env, WAVEC_CACHE_DIR: path.join(workspace, `.cache-${i}`) },
        },
      );
      if (result.status !== 0 && result.status !== 1) throw new Error(result.stderr);
    }
    const totals = new Map();
    let wall = 0;
    for (const file of await readdir(profiles)) {
      const profile = JSON.parse(await readFile(path.join(profiles, file), 'utf8'));
      wall += (profile.endTime - profile.startTime) / 1000;
      for (const [key, ms] of await selfTimeByOwner(profile)) totals.set(key, (totals.get(key) ?? 0) + ms);
    }
    const files = (await readdir(profiles)).length;
    process.stdout.write(
      `wavec ${wavecArgs.join(' ')}: ${files} profiled runs, ` +
        `mean profiled time ${(wall / files).toFixed(0)} ms (after node's own start-up)\n`,
    );
    process.stdout.write('self time by package, mean per run:\n');
    for (const [key, ms] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, 15)) {
      process.stdout.write(`  ${(ms / files).toFixed(1).padStart(7)} ms  ${key}\n`);
    }
  } finally {
    await rm(workspace, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
