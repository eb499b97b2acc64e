import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { compileWave } from '../../src/compile.js';
import { EXAMPLE, REPO_ROOT } from '../helpers/workspace.js';

const exec = promisify(execFile);
const BIN = path.join(REPO_ROOT, 'bin/wavec.js');

describe('the bundled CLI (bin/wavec.js → dist/cli.cjs)', () => {
  it.each([2, 3, 4])('prints the same wave %i prompt as compileWave', async (wave) => {
    const { stdout } = await exec(process.execPath, [
      BIN,
      'compile',
      String(wave),
      '--stdout',
      '--no-cache',
      '--root',
      EXAMPLE,
    ]);
    const fresh = await compileWave(EXAMPLE, { wave });
    expect(stdout).toBe(fresh.prompt!.text);
  });
});
