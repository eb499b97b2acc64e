import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compileCommand } from '../../src/cli/commands/compile.js';
import { watchCompile } from '../../src/cli/watch.js';
import { captureIo, copyWorkspace, EXAMPLE } from '../helpers/workspace.js';
import { until } from '../helpers/watch.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});
async function workspace() {
  const ws = await copyWorkspace();
  cleanups.push(ws.cleanup);
  return ws;
}

const count = (text: string, needle: string) => text.split(needle).length - 1;
/** The `[watch]` lines, in order. */
const watchLines = (text: string) => text.split('\n').filter((line) => line.startsWith('[watch] '));

describe('wavec compile --watch', () => {
  it('in process: follows the charter and the config, and stops when its signal aborts', async () => {
    const ws = await workspace();
    const io = captureIo(ws.root);
    const controller = new AbortController();
    const done = watchCompile(
      compileCommand,
      { positionals: ['4'], values: { watch: true }, root: ws.root, debug: false },
      io,
      { signal: controller.signal, debounceMs: 20 },
    );
    const output = () => `${io.out()}\n--- stderr ---\n${io.err()}`;
    await until(() => io.out().includes('[watch] ok; waiting for changes'), 'the first compile', output);

    await ws.edit('charter/PLATFORM_CHARTER.md', (t) => t.replace('## §6 Cognition', '## §7 Cognition'));
    await until(() => io.out().includes('[watch] input errors, nothing written'), 'the charter change', output);
    expect(io.out()).toContain('[watch] charter/PLATFORM_CHARTER.md changed: compiling wave 4\n');
    expect(io.err()).toContain('error charter-');

    await ws.edit('charter/PLATFORM_CHARTER.md', (t) => t.replace('## §7 Cognition', '## §6 Cognition'));
    await until(() => count(io.out(), '[watch] ok; waiting for changes') === 2, 'recovery', output);
    await ws.edit('wavec.config.yaml', (t) => t.replace('max_tokens: 5000', 'max_tokens: 5001'));
    await until(() => count(io.out(), '[watch] ok; waiting for changes') === 3, 'the config change', output);
    expect(io.out()).toContain('[watch] wavec.config.yaml changed: compiling wave 4\n');

    controller.abort();
    expect(await done).toBe(0);
    expect(io.out().endsWith('[watch] stopped\n')).toBe(true);
  });

  it("ignores editors' swap, backup, lock and probe files: only the save itself recompiles", async () => {
    const ws = await workspace();
    const io = captureIo(ws.root);
    const controller = new AbortController();
    const done = watchCompile(
      compileCommand,
      { positionals: ['4'], values: { watch: true }, root: ws.root, debug: false },
      io,
      { signal: controller.signal, debounceMs: 20 },
    );
    const output = () => `${io.out()}\n--- stderr ---\n${io.err()}`;
    const ok = '[watch] ok; waiting for changes';
    await until(() => io.out().includes(ok), 'the first compile', output);

    // What vim, emacs, JetBrains IDEs, Kate and gedit write next to a file while it is edited and saved, in a
    // fragment folder, a spec folder and the charter's.
    const noise = [
      'templates/sections/.mission.md.swp',
      'templates/sections/.mission.md.swx',
      'templates/sections/mission.md~',
      'templates/sections/4913',
      'templates/sections/#mission.md#',
      'templates/sections/mission.md___jb_tmp___',
      'templates/sections/mission.md___jb_old___',
      'templates/sections/.mission.md.kate-swp',
      'templates/sections/.goutputstream-ABC123',
      'waves/phase-02/.wave-4.yaml.swp',
      'waves/phase-02/wave-4.yaml~',
      'waves/phase-02/4913',
      'waves/phase-02/.#wave-4.yaml',
      'waves/phase-02/#wave-4.yaml#',
      'charter/.PLATFORM_CHARTER.md.swp',
    ];
    for (const file of noise) await ws.write(file, 'editor noise\n');
    for (const file of noise.filter((f) => f.endsWith('4913'))) await rm(path.join(ws.root, file));
    await new Promise((resolve) => setTimeout(resolve, 400));
    await ws.edit('templates/sections/mission.md', (t) => `${t.trimEnd()}\n\nSaved after the noise.\n`);
    await until(() => count(io.out(), ok) === 2, 'the recompile after the save', output);
    await new Promise((resolve) => setTimeout(resolve, 200));

    controller.abort();
    expect(await done).toBe(0);
    // One run for the save, named by the file saved; none for the noise before it.
    expect(watchLines(io.out()).filter((line) => line.includes(' changed: '))).toEqual([
      '[watch] templates/sections/mission.md changed: compiling wave 4',
    ]);
  });

  it('reports a bad wave argument once, as compile does, without watching', async () => {
    const io = captureIo(EXAMPLE);
    expect(
      await watchCompile(
        compileCommand,
        { positionals: ['x'], values: { watch: true }, root: EXAMPLE, debug: false },
        io,
      ),
    ).toBe(2);
    expect(io.err()).toBe(
      'wavec compile: wave number must be a positive whole number, got "x"\n' +
        'Usage: wavec compile [wave] [--phase <n>] [--all] [--changed] [--force] [--stdout] [--watch] ' +
        '[--format human|json] [--no-cache]\n',
    );
    expect(io.out()).toBe('');
  });
});
