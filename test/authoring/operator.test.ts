import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { initWorkspace } from '../../src/authoring/init.js';
import { compileWave } from '../../src/compile.js';
import { buildPullRequest } from '../../src/pr/pull-request.js';
import { lintPrompt } from '../../src/lint.js';
import { loadWorkspace } from '../../src/load/workspace.js';

/**
 * A team whose merges, deploys and confirmations are the farm-ops lead's: the config's `operator` names them in
 * every sentence the shipped fragments write about that role, and a confirmation asked of them gates a destructive
 * command as one asked of "the operator" does.
 */
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

const WAVE_2 = `phase: 1
wave: 2
title: Orchard database
subsystem: orchard-db
compose:
  project: stacks/orchard
predecessor: 1
mission: Write the manifests and runbooks of the orchard database and the harvest scheduler.
why:
  stakes: The harvest plan lives in this database.
  reasons:
    - Nothing records where its volume is.
modules:
  - id: orchard-db
    pattern: stateful-postgres
    kind: stateful
    backup_priority: critical
  - id: harvest-scheduler
    pattern: stateless-api
    kind: service
    lifecycle: new
charter_refs:
  - section: 3
    why: manifests and runbooks only.
hand_back:
  items:
    - The PR URLs, in PR-plan order.
  merge_gate: The farm-ops lead owns the merge gate.
`;

async function workspace(operator: string | undefined): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'wavec-operator-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  expect((await initWorkspace(dir)).written).toBe(true);
  if (operator !== undefined) {
    const config = path.join(dir, 'wavec.config.yaml');
    await writeFile(config, `${await readFile(config, 'utf8')}operator: ${operator}\n`);
  }
  await writeFile(path.join(dir, 'waves/phase-01/wave-2.yaml'), WAVE_2);
  return dir;
}

describe('the operator, as the config names them', () => {
  it('is named in every sentence about the role, and a confirmation asked of them gates pg_dump', async () => {
    const dir = await workspace('the farm-ops lead');
    const compiled = await compileWave(dir, { wave: 2 });
    expect(compiled.diagnostics).toEqual([]);
    const text = compiled.prompt!.text;
    expect(text).not.toMatch(/\boperator/i);
    expect(text).toContain('escalate to the farm-ops lead when:');
    expect(text).toContain("without the farm-ops lead's explicit confirmation**");
    expect(text).toContain("a `pg_dump -Fc` gated on the farm-ops lead's confirmation (see Hard constraints)");
    expect(text).toContain('Do not start it; the farm-ops lead deploys it after review.');
    const loaded = await loadWorkspace(dir);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
    const built = await buildPullRequest(loaded.workspace, { wave: 2 });
    const body = built.pr!.body;
    expect(body).not.toMatch(/\boperator/i);
    expect(body).toContain('Farm-ops lead readback: the scope is right');
  });

  it('keeps "the operator" when the config names no one', async () => {
    const compiled = await compileWave(await workspace(undefined), { wave: 2 });
    expect(compiled.diagnostics).toEqual([]);
    expect(compiled.prompt!.text).toContain('escalate to the operator when:');
  });

  it('gates a hand-written sentence that asks them, by the name the config gives', async () => {
    const prompt = '# Draft\n\n## Mission\n\nRun `pg_dump` once the farm-ops lead confirms the window.\n';
    const lint = async (dir: string) => {
      await writeFile(path.join(dir, 'draft.md'), prompt);
      return (await lintPrompt(dir, { path: 'draft.md' })).diagnostics.map((d) => d.code);
    };
    expect(await lint(await workspace('the farm-ops lead'))).not.toContain('destructive-command');
    expect(await lint(await workspace(undefined))).toContain('destructive-command');
  });

  it.each([['"the lead {{x}}"'], ['""'], ['"the farm-ops lead, who merges"']])(
    'refuses %s as a name: a config error at the value',
    async (value) => {
      const loaded = await loadWorkspace(await workspace(value));
      expect(loaded.ok).toBe(false);
      expect(loaded.diagnostics.map((d) => [d.code, d.file])).toContainEqual(['config-invalid', 'wavec.config.yaml']);
    },
  );
});
