import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { EXAMPLE, REPO_ROOT } from '../../helpers/workspace.js';

describe('wavec lint', () => {
  it('runs as npm run lint-prompts does, from the built CLI', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [path.join(REPO_ROOT, 'bin/wavec.js'), 'lint', 'prompts', '--drift'],
      { cwd: EXAMPLE },
    );
    expect(stdout).toBe('3 prompts linted: 0 errors, 0 warnings\n');
  });
});
