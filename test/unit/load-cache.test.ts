import { utimes } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compileWave } from '../../src/compile.js';
import { loadWorkspace } from '../../src/load/workspace.js';
import { copyWorkspace } from '../helpers/workspace.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

// Loading caches what it parsed by file and content: a reload must still see every change.
describe('reloading after edits', () => {
  it('sees a settled spec rewritten with the same size and its modification time put back', async () => {
    const ws = await copyWorkspace();
    cleanups.push(ws.cleanup);
    const spec = path.join(ws.root, 'waves/phase-02/wave-4.yaml');
    const longAgo = new Date(Date.now() - 60_000);
    await utimes(spec, longAgo, longAgo);
    const title = async () => {
      const loaded = await loadWorkspace(ws.root);
      if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
      return (await compileWave(loaded.workspace, { wave: 4 })).prompt!.text.split('\n')[0];
    };
    expect(await title()).toContain('Honcho subsystem');
    expect(await title()).toContain('Honcho subsystem');
    await ws.edit('waves/phase-02/wave-4.yaml', (t) => t.replace('title: Honcho subsystem', 'title: Honcho SUBSYSTEM'));
    await utimes(spec, longAgo, longAgo);
    expect(await title()).toContain('Honcho SUBSYSTEM');
  });

  it("sees a predecessor's edited constraints after its chain was resolved, and the original put back", async () => {
    const ws = await copyWorkspace();
    cleanups.push(ws.cleanup);
    const compile = async () => {
      const loaded = await loadWorkspace(ws.root);
      if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
      return compileWave(loaded.workspace, { wave: 4 });
    };
    const original = await compile();
    const first = 'waves/phase-02/wave-2.yaml';
    const spec = await ws.read(first);
    await ws.edit(first, (t) =>
      t.replace('add: [read-only-audit, no-secrets, no-merge, one-pr-per-module]', 'add: [read-only-audit, no-merge]'),
    );
    const edited = await compile();
    const inForce = (result: typeof original) =>
      result.facts!.composition.context.constraints.inherited.map((c) => c.id);
    expect(inForce(original)).toContain('no-secrets');
    expect(inForce(edited)).not.toContain('no-secrets');
    expect(edited.prompt!.text).not.toBe(original.prompt!.text);
    await ws.write(first, spec);
    expect((await compile()).prompt!.text).toBe(original.prompt!.text);
  });

  it(
    'sees an edited fragment, spec and config, even when the size stays the same, and the original again when it ' +
      'is put back',
    async () => {
      const ws = await copyWorkspace();
      cleanups.push(ws.cleanup);
      const compile = async () => {
        const loaded = await loadWorkspace(ws.root);
        if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
        return compileWave(loaded.workspace, { wave: 4 });
      };
      const original = (await compile()).prompt!.text;

      const mission = await ws.read('templates/sections/mission.md');
      await ws.edit('templates/sections/mission.md', (t) => t.replace('You are {{agent.name}}', 'You are CODEX'));
      expect((await compile()).prompt!.text).toContain('You are CODEX');
      await ws.write('templates/sections/mission.md', mission);
      expect((await compile()).prompt!.text).toBe(original);

      await ws.edit('waves/phase-02/wave-4.yaml', (t) =>
        t.replace('title: Honcho subsystem', 'title: Honcho SUBSYSTEM'),
      );
      expect((await compile()).prompt!.text).toMatch(/^# Phase 02 · Wave 4: Honcho SUBSYSTEM/);

      await ws.edit('wavec.config.yaml', (t) => t.replace('encoding: o200k_base', 'encoding: cl100k_base'));
      expect((await compile()).stats!.encoding).toBe('cl100k_base');
    },
  );
});
