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

  it('refuses to overwrite a hand-edited PR file (located, file unchanged) until --force', async () => {
    const ws = await scratch();
    expect(wavecBin(['pr', '4', '--write'], ws.root).exit).toBe(0);
    await ws.edit('prompts/phase-02-wave-4.pr.md', (t) =>
      t.replace('## Summary', '## Summary\n\nReviewer: ask Dana first.'),
    );
    const edited = await ws.read('prompts/phase-02-wave-4.pr.md');
    // A spec edit makes the next body differ: only the hand edit may stop the write.
    await ws.edit('waves/phase-02/wave-4.yaml', (t) => `${t}\n# a comment\n`);
    const refused = wavecBin(['pr', '4', '--write'], ws.root);
    expect([refused.exit, refused.stdout]).toEqual([2, '']);
    expect(refused.stderr).toContain(
      'prompts/phase-02-wave-4.pr.md:1:1 error output-hand-edited prompts/phase-02-wave-4.pr.md was edited by hand ' +
        '(it no longer matches the hash wavec wrote at its end); not overwriting it\n',
    );
    expect(refused.stderr).toContain('hint: keep your edits elsewhere (or delete the file), or pass --force');
    expect(await ws.read('prompts/phase-02-wave-4.pr.md')).toBe(edited);
    const forced = wavecBin(['pr', '4', '--write', '--force'], ws.root);
    expect([forced.exit, forced.stdout]).toEqual([0, 'prompts/phase-02-wave-4.pr.md written\n']);
    expect(await ws.read('prompts/phase-02-wave-4.pr.md')).toBe(await golden(4));
  });
});
