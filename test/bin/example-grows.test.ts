import { existsSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAllPhases } from '../../src/check/phase.js';
import { compileWave } from '../../src/compile.js';
import { serializeProvenance } from '../../src/schema/provenance.js';
import { loadWorkspace } from '../../src/load/workspace.js';
import { exampleWaves } from '../helpers/example.js';
import { REPO_ROOT } from '../helpers/workspace.js';

/**
 * The example workspace is free to grow: a copy of it gets a wave and a
 * phase the way an operator adds them (write the spec, `wavec compile`,
 * keep the prompt), and the example's golden checks, which discover waves
 * instead of listing them, check the new ones and still pass on the old.
 */
const exec = promisify(execFile);
const BIN = path.join(REPO_ROOT, 'bin/wavec.js');
let root: string;

const spec = (phase: number, wave: number, predecessor: string, module: string) => `phase: ${phase}
wave: ${wave}
title: Added wave
subsystem: added
compose:
  project: added
predecessor: ${predecessor}
mission: Write the manifest and runbook of ${module}, one PR.
why:
  stakes: The operator added this wave to prove the workspace can grow.
  reasons:
    - A wave and a phase added as the README says.
modules:
  - id: ${module}
    pattern: stateless-api
    kind: service
charter_refs:
  - section: 3
    why: manifests and runbooks only.
  - section: 13
    why: every claim is labelled verified, assumed or unknown.
hand_back:
  items:
    - The PR URL.
  merge_gate: The operator owns the merge gate.
trigger:
  commands:
    - codex exec < prompts/phase-0${phase}-wave-${wave}.md
`;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'wavec-grow-'));
  for (const entry of ['wavec.config.yaml', 'charter', 'example-templates', 'waves', 'prompts'])
    await cp(path.join(REPO_ROOT, entry), path.join(root, entry), { recursive: true });
  // The copy's example-templates/ is its user layer, as in the repository, and wavec's templates/ the base: the
  // prompts stay byte for byte the committed ones (held below).
  await exec(process.execPath, [BIN, 'compile', '--all', '--root', root]);
  const last = exampleWaves(root).at(-1)!;
  const nextPhase = last.phase + 1;
  await writeFile(
    path.join(root, `waves/phase-0${last.phase}/wave-${last.wave + 1}.yaml`),
    spec(last.phase, last.wave + 1, String(last.wave), 'added-api'),
  );
  await mkdir(path.join(root, `waves/phase-0${nextPhase}`), { recursive: true });
  await writeFile(
    path.join(root, `waves/phase-0${nextPhase}/wave-1.yaml`),
    spec(nextPhase, 1, `{phase: ${last.phase}, wave: ${last.wave + 1}}`, 'added-worker-api'),
  );
  await exec(process.execPath, [BIN, 'compile', '--all', '--root', root]);
}, 60_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('a copy of the example with a wave and a phase added', () => {
  it('discovers the added wave and phase', () => {
    const live = exampleWaves();
    const grown = exampleWaves(root);
    expect(grown.slice(0, live.length)).toEqual(live);
    expect(grown.length).toBe(live.length + 2);
  });

  it(
    'passes the golden checks for every wave, old and new: ' +
      'byte-identical prompt and sidecar, lint --drift clean, phase-wide checks clean',
    async () => {
      for (const { phase, wave } of exampleWaves(root)) {
        const result = await compileWave(root, { wave, phase });
        expect(result.diagnostics, `phase ${phase} wave ${wave}`).toEqual([]);
        expect(result.prompt!.text).toBe(await readFile(path.join(root, result.prompt!.path), 'utf8'));
        const committed = path.join(REPO_ROOT, result.prompt!.path);
        if (existsSync(committed)) expect(result.prompt!.text).toBe(await readFile(committed, 'utf8'));
        expect(serializeProvenance(result.provenance!)).toBe(
          await readFile(path.join(root, result.prompt!.path.replace(/\.md$/, '.provenance.json')), 'utf8'),
        );
      }
      const { stdout } = await exec(process.execPath, [BIN, 'lint', 'prompts', '--drift'], { cwd: root });
      expect(stdout).toBe(`${exampleWaves(root).length} prompts linted: 0 errors, 0 warnings\n`);
      const loaded = await loadWorkspace(root);
      expect(loaded.ok && (await checkAllPhases(loaded.workspace))).toEqual([]);
    },
  );
});
