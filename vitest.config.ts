import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * Two tiers, by where a test file lives (README, "Tests"):
 * - `in-process` (`npm test`): everything that runs wavec in the test's own process, through the library or `run()`;
 * - `bin` (`npm run test:bin`): every file under test/bin/, the tests that start wavec as a process (bin/wavec.js,
 *   `wavec mcp` over stdio, a copy of the package, the packed tarball).
 * A test file that starts wavec as a process belongs under test/bin/. A test file that replaces a module
 * (`vi.mock`) is named `*.mock.test.ts`: it runs in the in-process tier with a module graph of its own, since the
 * other in-process files share theirs and a mock cannot replace a module a worker has already loaded.
 */
export default defineConfig({
  test: {
    globalSetup: ['test/setup/fixtures.ts'],
    // Property tests run many cases; the bin tier spawns node on dist/.
    testTimeout: 30_000,
    // One worker per core (vitest's default leaves one core idle).
    maxWorkers: '100%',
    // Keep the suite hermetic: the CLIs it runs use a fresh on-disk cache,
    // never the developer's ~/.cache/wavec (tests that need a cache set their own).
    env: { WAVEC_CACHE_DIR: mkdtempSync(path.join(tmpdir(), 'wavec-test-cache-')) },
    projects: [
      {
        extends: true,
        // Test files share a worker's modules: importing wavec afresh for each file took two thirds of this tier's CPU
        // time (156 → 57 s). wavec's module state is caches by content, which give every test the same answers.
        test: {
          name: 'in-process',
          include: ['test/**/*.test.ts'],
          exclude: ['test/bin/**', 'test/**/*.mock.test.ts'],
          isolate: false,
        },
      },
      {
        extends: true,
        test: { name: 'in-process-mocks', include: ['test/**/*.mock.test.ts'], exclude: ['test/bin/**'] },
      },
      { extends: true, test: { name: 'bin', include: ['test/bin/**/*.test.ts'] } },
    ],
  },
});
