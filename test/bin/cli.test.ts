import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { EXAMPLE, REPO_ROOT, useScratchWorkspaces } from '../helpers/workspace.js';

const workspace = useScratchWorkspaces();

describe('bin/wavec.js', () => {
  it('runs the built CLI as a process (what npm run compile-wave uses)', async () => {
    const ws = await workspace();
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [path.join(REPO_ROOT, 'bin/wavec.js'), 'compile', '4'],
      { cwd: ws.root },
    );
    expect(stdout).toMatch(/^prompts\/phase-02-wave-4\.md unchanged\n/);
  });

  it('exits with the CLI exit code', async () => {
    const result = await promisify(execFile)(process.execPath, [path.join(REPO_ROOT, 'bin/wavec.js'), 'compile'], {
      cwd: EXAMPLE,
    }).catch((e) => e);
    expect(result.code).toBe(2);
  });
});
