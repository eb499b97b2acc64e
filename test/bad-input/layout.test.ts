import { afterEach, describe, expect, it } from 'vitest';
import { compileWave } from '../../src/compile.js';
import { copyWorkspace } from '../helpers/workspace.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

const located = (d: { file: string; line: number; column: number; code: string; message: string }) =>
  `${d.file}:${d.line}:${d.column} ${d.code} ${d.message}`;

describe('an unknown layout', () => {
  it('is reported where the spec names it', async () => {
    const ws = await copyWorkspace();
    cleanups.push(ws.cleanup);
    await ws.edit('waves/phase-02/wave-4.yaml', (t) =>
      t.replace('subsystem: Honcho\n', 'subsystem: Honcho\nlayout: master-promt\n'),
    );
    const result = await compileWave(ws.root, { wave: 4 });
    expect(result.diagnostics.map(located)).toEqual([
      'waves/phase-02/wave-4.yaml:8:9 layout-unknown no layout fragment with id "master-promt"',
    ]);
    expect(result.prompt).toBeUndefined();
  });

  it('is reported at the config key when the config names it', async () => {
    const ws = await copyWorkspace();
    cleanups.push(ws.cleanup);
    await ws.edit('wavec.config.yaml', (t) => t.replace('layout: master-prompt', 'layout: wave-layout'));
    const result = await compileWave(ws.root, { wave: 4 });
    const config = (await ws.read('wavec.config.yaml')).split('\n');
    const line = config.findIndex((l) => l.startsWith('layout:')) + 1;
    expect(result.diagnostics.map(located)).toEqual([
      `wavec.config.yaml:${line}:9 layout-unknown no layout fragment with id "wave-layout"`,
    ]);
  });
});
