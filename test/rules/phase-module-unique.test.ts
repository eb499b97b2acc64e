import { afterEach, describe, expect, it } from 'vitest';
import { checkPhase } from '../../src/check/phase.js';
import { loadWorkspace } from '../../src/load/workspace.js';
import { line, positionOf } from '../helpers/rules.js';
import { copyWorkspace, EXAMPLE } from '../helpers/workspace.js';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function workspaceAt(root: string) {
  const loaded = await loadWorkspace(root);
  if (!loaded.ok) throw new Error('example workspace does not load');
  return loaded.workspace;
}

const N8N_WORKER_AGAIN = '  - id: uptime-kuma\n';
const EXTRA = '  - id: n8n-worker\n    pattern: stateless-worker\n    kind: worker\n  - id: uptime-kuma\n';

describe('phase-module-unique', () => {
  it('passes the example phase: every module is in one wave', async () => {
    expect(await checkPhase(await workspaceAt(EXAMPLE), 2)).toEqual([]);
  });

  it('reports a module that a later wave declares again, at the later id, with the first as related', async () => {
    const ws = await copyWorkspace();
    cleanup = ws.cleanup;
    await ws.edit('waves/phase-02/wave-3.yaml', (text) => text.replace(N8N_WORKER_AGAIN, EXTRA));
    const [finding, ...rest] = await checkPhase(await workspaceAt(ws.root), 2);
    expect(rest).toEqual([]);
    const at = positionOf(await ws.read('waves/phase-02/wave-3.yaml'), 'n8n-worker');
    expect(line(finding!)).toBe(
      `waves/phase-02/wave-3.yaml:${at.line}:${at.column} phase-module-unique module "n8n-worker" is already ` +
        'in wave 2; a module belongs to exactly one wave of a phase',
    );
    const first = positionOf(await ws.read('waves/phase-02/wave-2.yaml'), 'n8n-worker');
    expect(finding!.related).toEqual({
      message: 'wave 2 declares it here',
      file: 'waves/phase-02/wave-2.yaml',
      ...first,
    });
  });

  it('follows the config: off skips the check', async () => {
    const ws = await copyWorkspace();
    cleanup = ws.cleanup;
    await ws.edit('waves/phase-02/wave-3.yaml', (text) => text.replace(N8N_WORKER_AGAIN, EXTRA));
    await ws.edit('wavec.config.yaml', (text) => `${text}rules:\n  phase-module-unique: off\n`);
    expect(await checkPhase(await workspaceAt(ws.root), 2)).toEqual([]);
  });
});
