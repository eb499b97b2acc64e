import { cp, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wavecBin } from '../../helpers/bin.js';
import { SECOND_EXAMPLE, secondExampleWaves, waveArgs } from '../../helpers/second-example.js';

/**
 * The second example rebuilt from its inputs through bin/wavec.js: in a temporary copy with its output folder
 * emptied, `compile --all` and `pr --write` for each wave write every committed prompt, sidecar and PR body again,
 * byte for byte; lint (drift included) and report pass on it.
 */
const OUTPUT = 'agent-prompts';
let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'wavec-second-example-'));
  await cp(SECOND_EXAMPLE, root, { recursive: true });
  await rm(path.join(root, OUTPUT), { recursive: true, force: true });
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('the second example through the bin', () => {
  it('writes every committed prompt, sidecar and PR body again, byte for byte', async () => {
    const compiled = wavecBin(['compile', '--all'], root);
    expect([compiled.exit, compiled.stderr]).toEqual([0, '']);
    for (const wave of secondExampleWaves()) {
      const written = wavecBin(['pr', ...waveArgs(wave), '--write'], root);
      expect([written.exit, written.stderr]).toEqual([0, '']);
    }
    const committed = (await readdir(path.join(SECOND_EXAMPLE, OUTPUT))).sort();
    expect(committed).toHaveLength(secondExampleWaves().length * 3);
    expect((await readdir(path.join(root, OUTPUT))).sort()).toEqual(committed);
    for (const file of committed) {
      const again = await readFile(path.join(root, OUTPUT, file), 'utf8');
      expect(again, file).toBe(await readFile(path.join(SECOND_EXAMPLE, OUTPUT, file), 'utf8'));
    }
  });

  it('lints clean, drift included, and every wave reports every box ticked', () => {
    const linted = wavecBin(['lint', '--drift'], root);
    expect([linted.exit, linted.stdout, linted.stderr]).toEqual([
      0,
      `${secondExampleWaves().length} prompts linted: 0 errors, 0 warnings\n`,
      '',
    ]);
    for (const wave of secondExampleWaves()) {
      const report = wavecBin(['report', ...waveArgs(wave)], root);
      expect([report.exit, report.stderr]).toEqual([0, '']);
      expect(report.stdout).not.toMatch(/^- \[ \]/m);
    }
  });
});
