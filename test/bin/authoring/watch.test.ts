import { rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { copyWorkspace } from '../../helpers/workspace.js';
import { spawnWatch, until } from '../../helpers/watch.js';

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

// The watch loop as a process: what the editor-side tests in test/authoring/watch.test.ts run in-process.
describe('wavec compile --watch', () => {
  it('recompiles on a change, survives a broken spec, recovers when it is fixed, and stops on SIGINT', async () => {
    const ws = await workspace();
    const w = spawnWatch(['compile', '4', '--watch', '--root', ws.root]);
    cleanups.push(w.dispose);

    await until(() => w.out.includes('[watch] ok; waiting for changes'), 'the first compile', w.output);
    const spec = await ws.read('waves/phase-02/wave-4.yaml');
    await ws.write('waves/phase-02/wave-4.yaml', spec.replace('title: Honcho subsystem', 'title: [Honcho subsystem'));
    await until(
      () => w.out.includes('[watch] input errors, nothing written; waiting for changes'),
      'the broken spec to be reported',
      w.output,
    );
    expect(w.err).toContain('waves/phase-02/wave-4.yaml:');
    expect(w.err).toContain(' error yaml-syntax ');

    await ws.write(
      'waves/phase-02/wave-4.yaml',
      spec.replace('title: Honcho subsystem', 'title: Honcho subsystem, watched'),
    );
    await until(() => count(w.out, '[watch] ok; waiting for changes') === 2, 'recovery after the fix', w.output);
    expect(await ws.read('prompts/phase-02-wave-4.md')).toMatch(/^# Phase 02 · Wave 4: Honcho subsystem, watched/);

    await ws.edit(
      'templates/sections/mission.md',
      (t) => `${t.trimEnd()}\n\nWatched: this line came from a fragment edit.\n`,
    );
    await until(
      () => count(w.out, '[watch] ok; waiting for changes') === 3,
      'the recompile after a fragment change',
      w.output,
    );
    expect(await ws.read('prompts/phase-02-wave-4.md')).toContain('\nWatched: this line came from a fragment edit.\n');

    w.child.kill('SIGINT');
    expect(await w.exited).toBe(0);
    const lines = watchLines(w.out);
    expect(lines[0]).toBe('[watch] compiling wave 4');
    expect(lines[2]).toBe(
      '[watch] watching wavec.config.yaml, templates/, waves/, charter/PLATFORM_CHARTER.md (Ctrl-C to stop)',
    );
    expect(lines).toContain('[watch] waves/phase-02/wave-4.yaml changed: compiling wave 4');
    expect(lines).toContain('[watch] templates/sections/mission.md changed: compiling wave 4');
    expect(lines.at(-1)).toBe('[watch] stopped');
    const milestones = ['[watch] ok;', '[watch] input errors', '[watch] ok;', '[watch] ok;', '[watch] stopped'];
    const outcomes = lines.filter((line) => milestones.some((m) => line.startsWith(m)));
    expect(outcomes.map((line) => milestones.find((m) => line.startsWith(m)))).toEqual(milestones);
  });

  it(
    'survives the ways editors save: in place, by rename, ' +
      'a folder renamed away and back, a spec deleted and recreated',
    async () => {
      const ws = await workspace();
      const w = spawnWatch(['compile', '4', '--watch', '--root', ws.root]);
      cleanups.push(w.dispose);
      const ok = '[watch] ok; waiting for changes';
      let runs = 0;
      /** Makes a change, then waits for the run it causes and checks the prompt shows it. */
      const expectRecompile = async (what: string, change: () => Promise<void>, shows: string) => {
        await change();
        runs += 1;
        await until(() => count(w.out, ok) >= runs, what, w.output);
        // Quiet time: a change's trailing events must not be mistaken for the next step's run.
        await new Promise((resolve) => setTimeout(resolve, 300));
        runs = count(w.out, ok);
        expect(await ws.read('prompts/phase-02-wave-4.md'), what).toContain(shows);
      };
      await until(() => count(w.out, ok) === 1, 'the first compile', w.output);
      runs = 1;
      const spec = 'waves/phase-02/wave-4.yaml';
      const original = await ws.read(spec);
      const titled = (title: string) => original.replace('title: Honcho subsystem', `title: ${title}`);
      const full = (file: string) => path.join(ws.root, file);

      await expectRecompile(
        'an in-place write',
        () => ws.write(spec, titled('In place')),
        '# Phase 02 · Wave 4: In place',
      );
      const byRename = async (title: string) => {
        await writeFile(full(`${spec}.tmp`), titled(title));
        await rename(full(`${spec}.tmp`), full(spec));
      };
      await expectRecompile('a save by rename', () => byRename('Renamed once'), 'Wave 4: Renamed once');
      await expectRecompile('a second save by rename', () => byRename('Renamed twice'), 'Wave 4: Renamed twice');

      await rename(full('templates'), full('t'));
      await until(
        () => count(w.out, '[watch] input errors, nothing written') >= 1,
        'the fragment folder to go',
        w.output,
      );
      await rename(full('t'), full('templates'));
      await until(() => count(w.out, ok) > runs, 'the fragment folder to come back', w.output);
      runs = count(w.out, ok);
      await new Promise((resolve) => setTimeout(resolve, 300));
      runs = count(w.out, ok);
      await expectRecompile(
        'a fragment edit after the folder came back',
        () => ws.edit('templates/sections/mission.md', (t) => `${t.trimEnd()}\n\nSeen after the folder came back.\n`),
        '\nSeen after the folder came back.\n',
      );

      await rm(full(spec));
      await until(
        () => count(w.out, '[watch] input errors, nothing written') >= 2,
        'the deleted spec to be reported',
        w.output,
      );
      await expectRecompile('the spec recreated', () => ws.write(spec, titled('Recreated')), 'Wave 4: Recreated');
      await expectRecompile(
        'an edit of the recreated spec',
        () => ws.write(spec, titled('Recreated and edited')),
        'Wave 4: Recreated and edited',
      );

      w.child.kill('SIGINT');
      expect(await w.exited).toBe(0);
    },
  );
});
