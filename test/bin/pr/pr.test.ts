import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { wavecBin } from '../../helpers/bin.js';
import { REPO_ROOT, useScratchWorkspaces } from '../../helpers/workspace.js';

const golden = (wave: number) => readFile(path.join(REPO_ROOT, `test/pr/golden/phase-02-wave-${wave}.pr.md`), 'utf8');
const scratch = useScratchWorkspaces();

describe('wavec pr through bin/wavec.js', () => {
  it('prints the same pull request as the in-process run', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(REPO_ROOT, 'bin/wavec.js'), 'pr', '4'], {
      cwd: REPO_ROOT,
    });
    expect(stdout).toBe(await golden(4));
  });

  it('writes it with --write', async () => {
    const ws = await scratch();
    const written = wavecBin(['pr', '4', '--write'], ws.root);
    expect([written.exit, written.stdout, written.stderr]).toEqual([0, 'prompts/phase-02-wave-4.pr.md written\n', '']);
    expect(await ws.read('prompts/phase-02-wave-4.pr.md')).toBe(await golden(4));
  });
});
