import { cp, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { REPO_ROOT } from './workspace.js';

/**
 * A factory of copies of the built package (bin, dist, templates, schemas,
 * package.json; node_modules linked) for one test file, so a test may break
 * what the build made (a token table) without touching the
 * repository's; every copy is removed after its test.
 */
export function useInstalledCopies(): () => Promise<string> {
  const made: string[] = [];
  afterEach(async () => {
    await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });
  return async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'wavec-package-'));
    made.push(dir);
    for (const entry of ['bin', 'dist', 'templates', 'schemas', 'package.json'])
      await cp(path.join(REPO_ROOT, entry), path.join(dir, entry), { recursive: true });
    await symlink(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    return dir;
  };
}
