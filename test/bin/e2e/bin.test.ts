import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnWatch, until } from '../../helpers/watch.js';
import { REPO_ROOT } from '../../helpers/workspace.js';

/**
 * Every command as a user runs it: a child process of the shipped
 * bin/wavec.js (the bundle, not src/), in a workspace that `wavec init` laid
 * out in a temporary folder. In-process tests drive src/cli; only this file
 * proves the bundle runs each command (a lazily imported CommonJS package
 * with no named exports in the bundle once crashed `wavec new`).
 */
const BIN = path.join(REPO_ROOT, 'bin/wavec.js');

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

function wavec(args: readonly string[], cwd: string): Promise<Ran> {
  const env = { ...process.env };
  delete env.FORCE_COLOR;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'wavec-e2e-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

// One workspace, one story: each test continues where the previous one ended.
describe.sequential('bin/wavec.js, every command as a child process', () => {
  it('init lays out a workspace', async () => {
    const ran = await wavec(['init'], root);
    expect(ran).toMatchObject({ code: 0, stderr: '' });
    expect(ran.stdout).toMatch(/^Created a wavec workspace in \.:\n {2}wavec\.config\.yaml\n/);
    expect(ran.stdout.endsWith('\nNext: wavec compile 1\n')).toBe(true);
  });

  it('lint passes before any prompt was compiled', async () => {
    const ran = await wavec(['lint'], root);
    expect(ran).toEqual({
      code: 0,
      stdout: '0 prompts linted: 0 errors, 0 warnings\n',
      stderr: 'wavec lint: no prompts yet under prompts/; `wavec compile <wave>` writes them there\n',
    });
  });

  it('compile writes the first prompt, and finds the workspace from a subfolder', async () => {
    const ran = await wavec(['compile', '1'], root);
    expect(ran).toMatchObject({ code: 0, stderr: '' });
    expect(ran.stdout).toMatch(/^prompts\/phase-01-wave-1\.md written\n {2}lines {5}\d+ \/ 200\n/);
    expect(await readFile(path.join(root, 'prompts/phase-01-wave-1.md'), 'utf8')).toMatch(/^# Phase 01 · Wave 1: /);

    const again = await wavec(['compile', '1'], path.join(root, 'waves/phase-01'));
    expect(again).toMatchObject({ code: 0, stderr: '' });
    expect(again.stdout).toMatch(/^prompts\/phase-01-wave-1\.md unchanged\n/);
  });

  it('lint checks the compiled prompt', async () => {
    const ran = await wavec(['lint', '--drift'], root);
    expect(ran).toEqual({ code: 0, stdout: '1 prompt linted: 0 errors, 0 warnings\n', stderr: '' });
  });

  it('new scaffolds wave 2, and compile reports its placeholders without writing it', async () => {
    const ran = await wavec(['new', '2'], path.join(root, 'waves'));
    expect(ran).toEqual({
      code: 0,
      stdout:
        'waves/phase-01/wave-2.yaml written (from wave 1)\n' +
        '  next: replace every "TODO:" in it, then `wavec explain 2` and `wavec compile 2` (add --watch while ' +
        'you edit)\n',
      stderr: '',
    });
    const compiled = await wavec(['compile', '2'], root);
    expect(compiled.code).toBe(1);
    expect(compiled.stdout).toMatch(/^prompts\/phase-01-wave-2\.md not written\n/);
    expect(compiled.stderr).toContain(' error leftover-placeholder leftover placeholder "TODO": unfinished text\n');
  });

  it('explain charts where the budget goes', async () => {
    const ran = await wavec(['explain', '1'], root);
    expect(ran).toMatchObject({ code: 0, stderr: '' });
    expect(ran.stdout).toMatch(
      /^prompts\/phase-01-wave-1\.md \(wave 1, phase 1\)\n {2}tokens {2}\d+ \/ 3000 \(o200k_base\), \d+ left\n/,
    );
    expect(ran.stdout).toContain('\nTokens by section (cumulative)\n');
    expect(ran.stdout).toContain('\nTokens by fragment (cumulative, largest first)\n');
  });

  it('diff lists what wave 2 changes', async () => {
    const ran = await wavec(['diff', '1', '2'], root);
    expect(ran).toMatchObject({ code: 0, stderr: '' });
    expect(ran.stdout).toMatch(/^wave 1 → wave 2 \(phase 1\)\n\nmodules\n {2}\+ new-module /);
  });

  it('report prints the verification checklist', async () => {
    const ran = await wavec(['report', '1'], root);
    expect(ran).toMatchObject({ code: 0, stderr: '' });
    expect(ran.stdout).toMatch(
      new RegExp(
        /^Verification: prompts\/phase-01-wave-1\.md\n\n/.source +
          /- \[x\] Length: \d+ lines, \d+ tokens \(o200k_base\) — budget 200 lines \/ 3000 tokens\n/.source,
      ),
    );
  });

  it('schema finds the schemas init wrote current', async () => {
    const ran = await wavec(['schema'], root);
    expect(ran).toEqual({
      code: 0,
      stdout:
        'schemas/wave-spec.schema.json unchanged\nschemas/fragment.schema.json unchanged\n' +
        'schemas/wavec-config.schema.json unchanged\n',
      stderr: '',
    });
  });

  it('mcp serves the tools to an MCP SDK client started in a subfolder', async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [BIN, 'mcp'],
      cwd: path.join(root, 'charter'),
      stderr: 'pipe',
    });
    const client = new Client({ name: 'wavec-e2e', version: '0.0.0' });
    await client.connect(transport);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toEqual(
        expect.arrayContaining(['compile_wave', 'lint_prompt', 'explain_budget', 'list_fragments', 'new_wave']),
      );
      const compiled = await client.callTool({ name: 'compile_wave', arguments: { wave: 1 } });
      expect(compiled.isError).toBeFalsy();
      expect(compiled.structuredContent).toMatchObject({ ok: true, path: 'prompts/phase-01-wave-1.md' });
      const prompt = (compiled.structuredContent as { prompt: string }).prompt;
      expect(prompt).toBe(await readFile(path.join(root, 'prompts/phase-01-wave-1.md'), 'utf8'));
    } finally {
      await client.close();
    }
  });

  it('compile --watch recompiles on a save and stops on SIGINT', async () => {
    const w = spawnWatch(['compile', '1', '--watch', '--root', root]);
    try {
      await until(() => w.out.includes('[watch] ok; waiting for changes'), 'the first compile', w.output);
      const spec = path.join(root, 'waves/phase-01/wave-1.yaml');
      const text = await readFile(spec, 'utf8');
      const title = /^title: (.*)$/m.exec(text)![1]!;
      await writeFile(spec, text.replace(`title: ${title}`, `title: ${title}, watched`));
      await until(() => w.out.split('[watch] ok; waiting for changes').length === 3, 'the recompile', w.output);
      expect(w.out).toContain('[watch] waves/phase-01/wave-1.yaml changed: compiling wave 1\n');
      expect(await readFile(path.join(root, 'prompts/phase-01-wave-1.md'), 'utf8')).toContain(`${title}, watched`);
      w.child.kill('SIGINT');
      expect(await w.exited).toBe(0);
      expect(w.out.endsWith('[watch] stopped\n')).toBe(true);
    } finally {
      await w.dispose();
    }
  });

  it('--version and --help answer without a workspace', async () => {
    const outside = await mkdtemp(path.join(tmpdir(), 'wavec-e2e-outside-'));
    try {
      const pkg = JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
      expect(await wavec(['--version'], outside)).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
      const help = await wavec(['--help'], outside);
      expect(help).toMatchObject({ code: 0, stderr: '' });
      expect(help.stdout).toMatch(/^Usage: wavec <command> \[options\]\n/);
      const commandHelp = await wavec(['compile', '--help'], outside);
      expect(commandHelp).toMatchObject({ code: 0, stderr: '' });
      expect(commandHelp.stdout).toMatch(/^Usage: wavec compile \[wave\] /);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  it("usage errors exit 2 with wavec's own message", async () => {
    expect(await wavec(['compiel', '1'], root)).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'wavec: unknown command "compiel"; did you mean "compile"?\nRun `wavec --help` for the list of commands.\n',
    });
    const outside = await mkdtemp(path.join(tmpdir(), 'wavec-e2e-outside-'));
    try {
      await mkdir(path.join(outside, 'sub'));
      expect(await wavec(['lint'], path.join(outside, 'sub'))).toEqual({
        code: 2,
        stdout: '',
        stderr:
          `wavec lint: no wavec.config.yaml in ${path.join(outside, 'sub')} or any folder above it\n` +
          `  create a workspace with \`wavec init\`, or name one with --root <dir>\n`,
      });
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });
});
