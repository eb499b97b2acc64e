// The MCP server's memory with changing inputs: compile_wave called as the server calls it (one tool call, the
// workspace loaded afresh), a fragment edited before each call. `node --expose-gc bench/mcp-memory.mjs <workspace>
// <N>…` prints, as its last line, JSON of the RSS and retained heap (MB, after a full collection) after each N
// calls, and the median time of a call.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { compileWaveTool } = await import(path.join(ROOT, 'dist/mcp/tools/compile-wave.js'));
const [workspace, ...marks] = process.argv.slice(2);
const counts = marks.map(Number).sort((a, b) => a - b);
// The edited fragment is the workspace's override of wavec's own `why` (its user layer), read on every compile.
const fragment = path.join(workspace, 'example-templates/sections/why.md');
await mkdir(path.dirname(fragment), { recursive: true });
await writeFile(fragment, await readFile(path.join(ROOT, 'templates/sections/why.md'), 'utf8'));
const original = await readFile(fragment, 'utf8');
const report = {};
const times = [];
try {
  for (let call = 1; call <= counts[counts.length - 1]; call++) {
    await writeFile(fragment, `${original}\nEdit ${call}.\n`);
    const start = performance.now();
    const answer = await compileWaveTool(workspace, { wave: 4, write: false, force: false });
    times.push(performance.now() - start);
    if (answer.structuredContent?.status === 'failed') throw new Error('compile_wave failed');
    if (counts.includes(call)) {
      globalThis.gc?.();
      report[call] = { rss: process.memoryUsage().rss / 1e6, heap: process.memoryUsage().heapUsed / 1e6 };
    }
  }
} finally {
  await writeFile(fragment, original);
}
times.sort((a, b) => a - b);
report.p50 = times[times.length >> 1];
process.stdout.write(`${JSON.stringify(report)}\n`);
