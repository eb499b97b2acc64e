import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkAllPhases } from '../../src/check/phase.js';
import { run } from '../../src/cli/run.js';
import { compileWave } from '../../src/compile.js';
import { lintPrompt } from '../../src/lint.js';
import { loadWorkspace } from '../../src/load/workspace.js';
import { serializeProvenance } from '../../src/schema/provenance.js';
import { SECOND_EXAMPLE, secondExamplePrompt, secondExampleWaves, waveArgs } from '../helpers/second-example.js';
import { captureIo } from '../helpers/workspace.js';

/**
 * The second example's committed prompts, sidecars and PR bodies are its goldens: a fresh compile of every wave
 * (discovered) reproduces them byte for byte and lints clean, drift included.
 */
const read = (file: string) => readFile(path.join(SECOND_EXAMPLE, file), 'utf8');

describe.each(secondExampleWaves().map((w) => ({ ...w, name: `phase ${w.phase} wave ${w.wave}` })))(
  'second example, $name',
  (wave) => {
    it('compiles byte-identical to the committed prompt and provenance, at its own output path', async () => {
      const result = await compileWave(SECOND_EXAMPLE, wave);
      expect(result.diagnostics).toEqual([]);
      expect(result.prompt!.path).toBe(secondExamplePrompt(wave));
      expect(result.prompt!.text).toBe(await read(result.prompt!.path));
      expect(serializeProvenance(result.provenance!)).toBe(
        await read(result.prompt!.path.replace(/\.md$/, '.provenance.json')),
      );
    });

    it('lints clean, drift included', async () => {
      const result = await lintPrompt(SECOND_EXAMPLE, { path: secondExamplePrompt(wave) }, { drift: true });
      expect(result.diagnostics).toEqual([]);
      expect(result.compiled).toBe(true);
    });

    it('prints the committed PR body, every box ticked, and a clean report', async () => {
      const pr = captureIo(SECOND_EXAMPLE);
      expect(await run(['pr', ...waveArgs(wave)], pr)).toBe(0);
      expect(pr.out()).toBe(await read(secondExamplePrompt(wave).replace(/\.md$/, '.pr.md')));
      const verification = pr.out().slice(pr.out().indexOf('## Verification'), pr.out().indexOf('## Test plan'));
      expect(verification).toMatch(/^- \[x\] /m);
      expect(verification).not.toMatch(/^- \[ \] /m);
      const report = captureIo(SECOND_EXAMPLE);
      expect([await run(['report', ...waveArgs(wave)], report), report.err()]).toEqual([0, '']);
    });
  },
);

it('the second example passes the phase-wide checks', async () => {
  const loaded = await loadWorkspace(SECOND_EXAMPLE);
  if (!loaded.ok) throw new Error('the second example does not load');
  expect(await checkAllPhases(loaded.workspace)).toEqual([]);
});
