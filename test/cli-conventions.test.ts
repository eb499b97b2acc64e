import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { COMMANDS } from '../src/cli/commands/index.js';
import { run } from '../src/cli/run.js';
import { captureIo, useScratchWorkspaces } from './helpers/workspace.js';

const workspace = useScratchWorkspaces();
const folders: string[] = [];
afterEach(async () => {
  await Promise.all(folders.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});
async function emptyFolder(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'wavec-empty-'));
  folders.push(dir);
  return dir;
}

const ESC = '\u001b[';

describe('workspace discovery', () => {
  it('finds the workspace from a subfolder, as git and eslint do', async () => {
    const ws = await workspace();
    const io = captureIo(path.join(ws.root, 'waves/phase-02'));
    expect(await run(['compile', '4'], io)).toBe(0);
    expect(io.out()).toMatch(/^prompts\/phase-02-wave-4\.md unchanged\n/);
  });

  it('takes --root over the search, relative to the current folder', async () => {
    const ws = await workspace();
    const elsewhere = await emptyFolder();
    const io = captureIo(elsewhere);
    expect(await run(['lint', '--root', path.relative(elsewhere, ws.root)], io)).toBe(0);
    expect(io.out()).toMatch(/prompts linted: 0 errors, 0 warnings\n$/);
  });

  it('exits 2 outside any workspace, naming wavec init and --root', async () => {
    const dir = await emptyFolder();
    for (const argv of [['compile', '1'], ['lint'], ['report', '1'], ['mcp']]) {
      const io = captureIo(dir);
      expect(await run(argv, io)).toBe(2);
      expect(io.err()).toBe(
        `wavec ${argv[0]}: no wavec.config.yaml in ${dir} or any folder above it\n` +
          `  create a workspace with \`wavec init\`, or name one with --root <dir>\n`,
      );
    }
  });

  it('lays out a new workspace with init in the current folder even inside another workspace', async () => {
    const ws = await workspace();
    const inner = path.join(ws.root, 'nested');
    await mkdir(inner);
    const io = captureIo(inner);
    expect(await run(['init'], io)).toBe(0);
    expect(io.out()).toMatch(/^Created a wavec workspace in \.:\n/);
    const compiled = captureIo(path.join(inner, 'waves'));
    expect(await run(['compile', '1'], compiled)).toBe(0);
    expect(compiled.out()).toMatch(/^prompts\/phase-01-wave-1\.md written\n/);
  });

  it('lints clean right after init, before any prompt exists', async () => {
    const dir = await emptyFolder();
    expect(await run(['init'], captureIo(dir))).toBe(0);
    const io = captureIo(dir);
    expect(await run(['lint'], io)).toBe(0);
    expect(io.out()).toBe('0 prompts linted: 0 errors, 0 warnings\n');
    expect(io.err()).toBe('wavec lint: no prompts yet under prompts/; `wavec compile <wave>` writes them there\n');
  });
});

describe('arguments', () => {
  it('rejects an unexpected positional argument in every command', async () => {
    const ws = await workspace();
    const extra: Record<string, string[]> = {
      compile: ['4', '5'],
      report: ['4', '5'],
      new: ['5', '6'],
      explain: ['4', '5'],
      diff: ['3', '4', '5'],
      init: ['a', 'b'],
      schema: ['x'],
      mcp: ['x'],
      pr: ['4', '5'],
      handback: ['4', 'reply.md', 'x'],
      status: ['x'],
    };
    for (const command of COMMANDS.filter((c) => !c.positionals.at(-1)?.variadic)) {
      const argv = extra[command.name];
      expect(argv, `a test case for ${command.name}`).toBeDefined();
      const io = captureIo(ws.root);
      expect(await run([command.name, ...argv!], io)).toBe(2);
      expect(io.err()).toBe(
        `wavec ${command.name}: unexpected argument "${argv!.at(-1)}"\nUsage: wavec ${command.usage}\n`,
      );
    }
  });

  it("names every choice of an option, and its default, in the option's help", () => {
    for (const command of COMMANDS) {
      for (const [name, spec] of Object.entries(command.options)) {
        if (spec.type !== 'string' || !spec.choices) continue;
        const where = `${command.name} --${name}`;
        for (const choice of spec.choices) expect(spec.description, where).toMatch(new RegExp(`\\b${choice}\\b`));
        expect(spec.description, where).toContain(`${spec.default} (default`);
      }
    }
  });
});

describe('colour, decided per stream', () => {
  async function brokenCompile(env: Record<string, string>, tty: { stdout: boolean; stderr: boolean }) {
    const ws = await workspace();
    await ws.edit('waves/phase-02/wave-4.yaml', (t) => t.replace('max_tokens: 4500', 'max_tokens: 100'));
    const io = { ...captureIo(ws.root, env), isTTY: tty.stdout, stderrIsTTY: tty.stderr };
    expect(await run(['compile', '4'], io)).toBe(1);
    return { stderrColoured: io.err().includes(ESC), stdoutColoured: io.out().includes(ESC) };
  }

  it('colours stderr when stderr is a terminal, whatever stdout is', async () => {
    expect(await brokenCompile({}, { stdout: false, stderr: true })).toEqual({
      stderrColoured: true,
      stdoutColoured: false,
    });
    expect(await brokenCompile({}, { stdout: true, stderr: false })).toMatchObject({ stderrColoured: false });
  });

  it('follows NO_COLOR and FORCE_COLOR', async () => {
    expect(await brokenCompile({ NO_COLOR: '1' }, { stdout: true, stderr: true })).toMatchObject({
      stderrColoured: false,
    });
    expect(await brokenCompile({ NO_COLOR: '' }, { stdout: false, stderr: true })).toMatchObject({
      stderrColoured: true,
    });
    expect(await brokenCompile({ FORCE_COLOR: '1' }, { stdout: false, stderr: false })).toMatchObject({
      stderrColoured: true,
    });
    expect(await brokenCompile({ FORCE_COLOR: '0' }, { stdout: true, stderr: true })).toMatchObject({
      stderrColoured: false,
    });
  });
});
