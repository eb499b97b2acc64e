import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the package (bin, docs, shipped templates) and the operator's live example workspace. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Test-owned workspaces, one folder each; test/setup/fixtures.ts prepares them once per run. */
export const FIXTURES_DIR = path.join(REPO_ROOT, 'test/fixtures/workspaces');
