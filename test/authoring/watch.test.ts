import { afterEach, describe, expect, it } from 'vitest';
import { compileCommand } from '../../src/cli/commands/compile.js';
import { watchCompile } from '../../src/cli/watch.js';
import { captureIo, copyWorkspace, EXAMPLE, REPO_ROOT } from '../helpers/workspace.js';
import { spawnWatch, until } from '../helpers/watch.js';

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
  it('recompiles on a change, survives a broken spec, recovers when it is fixed, and stops on SIGINT', async () => {
    const ws = await workspace();
    const w = spawnWatch(['compile', '4', '--watch', '--root', ws.root]);
    cleanups.push(w.dispose);

    await until(() => w.out.includes('[watch] ok; waiting for changes'), 'the first compile', w.output);
    const spec = await ws.read('waves/phase-02/wave-4.yaml');
    await ws.write('waves/phase-02/wave-4.yaml', spec.replace('title: Honcho subsystem', 'title: [Honcho subsystem'));
    await until(() => w.out.includes('[watch] input errors, nothing written; waiting for changes'), 'the broken spec to be reported', w.output);
    expect(w.err).toContain('waves/phase-02/wave-4.yaml:');
    expect(w.err).toContain(' error yaml-syntax ');

    await ws.write('waves/phase-02/wave-4.yaml', spec.replace('title: Honcho subsystem', 'title: Honcho subsystem, watched'));
    await until(() => count(w.out, '[watch] ok; waiting for changes') === 2, 'recovery after the fix', w.output);
    expect(await ws.read('prompts/phase-02-wave-4.md')).toMatch(/^# Phase 02 · Wave 4: Honcho subsystem, watched/);

    await ws.edit('templates/sections/mission.md', (t) => `${t.trimEnd()}\n\nWatched: this line came from a fragment edit.\n`);
    await until(() => count(w.out, '[watch] ok; waiting for changes') === 3, 'the recompile after a fragment change', w.output);
    expect(await ws.read('prompts/phase-02-wave-4.md')).toContain('\nWatched: this line came from a fragment edit.\n');

    w.child.kill('SIGINT');
    expect(await w.exited).toBe(0);
    const lines = watchLines(w.out);
    expect(lines[0]).toBe('[watch] compiling wave 4');
    expect(lines[2]).toBe('[watch] watching wavec.config.yaml, templates/, waves/, charter/PLATFORM_CHARTER.md (Ctrl-C to stop)');
    expect(lines).toContain('[watch] waves/phase-02/wave-4.yaml changed: compiling wave 4');
    expect(lines).toContain('[watch] templates/sections/mission.md changed: compiling wave 4');
    expect(lines.at(-1)).toBe('[watch] stopped');
    const milestones = ['[watch] ok;', '[watch] input errors', '[watch] ok;', '[watch] ok;', '[watch] stopped'];
    const outcomes = lines.filter((line) => milestones.some((m) => line.startsWith(m)));
    expect(outcomes.map((line) => milestones.find((m) => line.startsWith(m)))).toEqual(milestones);
  });

  it('in process: follows the charter and the config, and stops when its signal aborts', async () => {
    const ws = await workspace();
    const io = captureIo(ws.root);
    const controller = new AbortController();
    const done = watchCompile(compileCommand, { positionals: ['4'], values: { watch: true }, root: ws.root, debug: false }, io, { signal: controller.signal, debounceMs: 20 });
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

  it('reports a bad wave argument once, as compile does, without watching', async () => {
    const io = captureIo(EXAMPLE);
    expect(await watchCompile(compileCommand, { positionals: ['x'], values: { watch: true }, root: EXAMPLE, debug: false }, io)).toBe(2);
    expect(io.err()).toBe('wavec compile: wave number must be a positive whole number, got "x"\nUsage: wavec compile <wave> [--phase <n>] [--force] [--stdout] [--watch] [--format human|json] [--no-cache]\n');
    expect(io.out()).toBe('');
  });
});
