#!/usr/bin/env node
// The package as a user gets it: `npm pack` this repository, install the
// tarball into an empty project, and run the README's first steps there
// through node_modules/.bin/wavec, from the project root and from a
// subfolder, plus `wavec mcp` driven by the MCP SDK client and the library
// through `import` and `require()`. Run by .ci/run; a developer runs it too:
//
//   node scripts/smoke-tarball.mjs            # builds (npm pack runs prepack)
//   node scripts/smoke-tarball.mjs --no-build # packs the current dist/ as is
//   node scripts/smoke-tarball.mjs --keep     # leaves the temporary project for a look
//
// Needs the npm registry (the tarball's dependencies are installed from it).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const unknown = [...args].filter((a) => a !== '--no-build' && a !== '--keep');
if (unknown.length > 0) {
  process.stderr.write(
    `smoke-tarball: unknown option ${unknown[0]}\nUsage: node scripts/smoke-tarball.mjs [--no-build] [--keep]\n`,
  );
  process.exit(2);
}

const work = mkdtempSync(path.join(tmpdir(), 'wavec-smoke-'));
const project = path.join(work, 'project');
const sub = path.join(project, 'waves', 'phase-01');
const bin = path.join(project, 'node_modules', '.bin', 'wavec');
const started = Date.now();
let failed = false;

/** Runs a command; checks its exit code and that stdout/stderr match; returns stdout. */
function step(title, command, commandArgs, { cwd = project, code = 0, stdout, stderr } = {}) {
  const t0 = Date.now();
  const env = { ...process.env, NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  const ran = spawnSync(command, commandArgs, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const problems = [];
  if (ran.error) problems.push(`could not run: ${ran.error.message}`);
  if (ran.status !== code) problems.push(`exit ${ran.status ?? ran.signal}, expected ${code}`);
  if (stdout && !stdout.test(ran.stdout ?? '')) problems.push(`stdout does not match ${stdout}`);
  if (stderr && !stderr.test(ran.stderr ?? '')) problems.push(`stderr does not match ${stderr}`);
  const where = path.relative(work, cwd) || '.';
  if (problems.length > 0) {
    process.stderr.write(
      `FAIL ${title} (${where}: ${[command === bin ? 'wavec' : path.basename(command), ...commandArgs].join(' ')})\n` +
        `  ${problems.join('\n  ')}\n--- stdout ---\n${ran.stdout}\n--- stderr ---\n${ran.stderr}\n`,
    );
    failed = true;
    finish();
  }
  process.stdout.write(`ok   ${title} (${Date.now() - t0} ms)\n`);
  return ran.stdout;
}
const wavec = (title, wavecArgs, options) => step(title, bin, wavecArgs, options);

function finish() {
  if (args.has('--keep')) process.stdout.write(`kept: ${work}\n`);
  else rmSync(work, { recursive: true, force: true });
  if (!failed)
    process.stdout.write(`smoke-tarball: all steps passed in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  process.exit(failed ? 1 : 0);
}

// 1. The tarball, and an empty project that installs it.
const packed = step(
  'npm pack',
  'npm',
  ['pack', '--json', '--pack-destination', work, ...(args.has('--no-build') ? ['--ignore-scripts'] : [])],
  { cwd: REPO },
);
const tarball = path.join(work, JSON.parse(packed.slice(packed.indexOf('[')))[0].filename);
mkdirSync(project);
writeFileSync(
  path.join(project, 'package.json'),
  `${JSON.stringify({ name: 'wavec-smoke-project', version: '0.0.0', private: true }, null, 2)}\n`,
);
// No install script: npm would ask every user to approve one (npm 11's install-scripts warning).
step('npm install --save-dev <tarball>', 'npm', ['install', '--save-dev', '--no-audit', '--no-fund', tarball], {
  stderr: /^(?![\s\S]*install-scripts)/,
});

// 2. The README's first run, from the project root.
wavec('wavec --version', ['--version'], {
  stdout: new RegExp(
    `^${JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')).version.replace(/\./g, '\\.')}\n$`,
  ),
});
wavec('wavec init', ['init'], { stdout: /^Created a wavec workspace in \.:\n/ });
wavec('wavec lint (no prompts yet)', ['lint'], { stdout: /^0 prompts linted: 0 errors, 0 warnings\n$/ });
wavec('wavec compile 1', ['compile', '1'], { stdout: /^prompts\/phase-01-wave-1\.md written\n/ });
wavec('wavec new 2', ['new', '2'], { stdout: /^waves\/phase-01\/wave-2\.yaml written \(from wave 1\)\n/ });
wavec('wavec compile 2 (placeholders left: exit 1)', ['compile', '2'], {
  code: 1,
  stderr: / error leftover-placeholder /,
});
const spec = path.join(sub, 'wave-2.yaml');
writeFileSync(spec, readFileSync(spec, 'utf8').replaceAll('TODO: ', ''));
wavec('wavec compile 2', ['compile', '2'], { stdout: /^prompts\/phase-01-wave-2\.md written\n/ });
wavec('wavec lint --drift', ['lint', '--drift'], { stdout: /^2 prompts linted: 0 errors, 0 warnings\n$/ });
wavec('wavec explain 2', ['explain', '2'], { stdout: /\nTokens by fragment \(cumulative, largest first\)\n/ });
wavec('wavec report 2', ['report', '2'], { stdout: /^Verification: prompts\/phase-01-wave-2\.md\n\n- \[x\] Length: / });
wavec('wavec diff 1 2', ['diff', '1', '2'], { stdout: /^wave 1 → wave 2 \(phase 1\)\n/ });
wavec('wavec pr 2 --write', ['pr', '2', '--write'], { stdout: /^prompts\/phase-01-wave-2\.pr\.md written\n$/ });
// A reply written by following the prompt's Hand-back section passes; one without it does not.
writeFileSync(
  path.join(project, 'reply.md'),
  [
    '## PR URLs',
    '',
    '1. https://git.example.org/me/repo/pulls/12',
    '',
    '## Per module',
    '',
    '### new-module',
    '',
    '- Audit found: the service runs as configured (verified: `docker inspect`).',
    '- Manifest declares: a stateless service (verified: schema validation).',
    '- UNVERIFIED: none.',
    '',
    '## Subsystem health',
    '',
    'At the end of the run (verified: `docker compose ps`):',
    '',
    '- new-module: running',
    '',
    '## Noticed, not done',
    '',
    'None.',
    '',
  ].join('\n'),
);
wavec('wavec handback 2 (a reply that follows the contract)', ['handback', '2', 'reply.md'], {
  stdout: /^reply\.md: meets the hand-back contract of wave 2 \(phase 1\)\n$/,
});
writeFileSync(path.join(project, 'empty-reply.md'), 'Nothing to report yet.\n');
wavec('wavec handback 2 (a reply that misses it: exit 1)', ['handback', '2', 'empty-reply.md'], {
  code: 1,
  stdout: /\nempty-reply\.md: does not meet the hand-back contract of wave 2 \(phase 1\): 4 errors, 0 warnings\n$/,
});

// 3. The same from a subfolder: the workspace is found upwards; npx finds the local bin.
wavec('wavec compile 2 (subfolder)', ['compile', '2'], {
  cwd: sub,
  stdout: /^prompts\/phase-01-wave-2\.md unchanged\n/,
});
wavec('wavec lint (subfolder)', ['lint'], { cwd: sub, stdout: /^2 prompts linted: 0 errors, 0 warnings\n$/ });
wavec('wavec explain 2 (subfolder)', ['explain', '2'], {
  cwd: sub,
  stdout: /^prompts\/phase-01-wave-2\.md \(wave 2, phase 1\)\n/,
});
wavec('wavec report 2 (subfolder)', ['report', '2'], {
  cwd: sub,
  stdout: /^Verification: prompts\/phase-01-wave-2\.md\n/,
});
step('npx --no-install wavec lint (subfolder)', 'npx', ['--no-install', 'wavec', 'lint'], {
  cwd: sub,
  stdout: /^2 prompts linted: 0 errors, 0 warnings\n$/,
});
wavec('wavec lint outside any workspace (exit 2)', ['lint'], {
  cwd: work,
  code: 2,
  stderr: new RegExp(
    '^wavec lint: no wavec\\.config\\.yaml in .* or any folder above it\\n {2}' +
      'create a workspace with `wavec init`, or name one with --root <dir>\\n$',
  ),
});

// 4. `wavec mcp`, started as a client registers it: the absolute bin, from a subfolder and with --root from elsewhere.
writeFileSync(
  path.join(project, 'mcp-client.mjs'),
  `import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
const [bin, cwd, ...extra] = process.argv.slice(2);
const client = new Client({ name: 'wavec-smoke', version: '0.0.0' });
await client.connect(new StdioClientTransport({ command: bin, args: ['mcp', ...extra], cwd }));
const { tools } = await client.listTools();
const compiled = await client.callTool({ name: 'compile_wave', arguments: { wave: 2 } });
const linted = await client.callTool({ name: 'lint_prompt', arguments: { path: 'prompts/phase-01-wave-2.md' } });
await client.close();
console.log(JSON.stringify({ tools: tools.map((t) => t.name).sort(), ` +
    `compile: compiled.structuredContent.status, lint: linted.structuredContent.ok }));
`,
);
const mcpAnswer = /^\{"tools":\[[^\]]*"compile_wave"[^\]]*\],"compile":"compiled","lint":true\}\n$/;
step('wavec mcp (SDK client, subfolder)', process.execPath, ['mcp-client.mjs', bin, sub], { stdout: mcpAnswer });
step('wavec mcp --root (SDK client, elsewhere)', process.execPath, ['mcp-client.mjs', bin, work, '--root', project], {
  stdout: mcpAnswer,
});

// 5. The library, as an ES module and through require().
const useLibrary =
  'const result = await compileWave(process.cwd(), { wave: 2 }); if (!result.ok) process.exit(1); ' +
  'console.log(result.prompt.path);';
step(
  'import { compileWave } from "wavec"',
  process.execPath,
  ['--input-type=module', '-e', `import { compileWave } from 'wavec'; ${useLibrary}`],
  { stdout: /^prompts\/phase-01-wave-2\.md\n$/ },
);
step(
  'require("wavec")',
  process.execPath,
  ['--input-type=commonjs', '-e', `const { compileWave } = require('wavec'); (async () => { ${useLibrary} })();`],
  { stdout: /^prompts\/phase-01-wave-2\.md\n$/, stderr: /^$/ },
);

finish();
