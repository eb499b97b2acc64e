import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/setup/fixtures.ts'],
    // The CLI tests spawn node on dist/; property tests run many cases.
    testTimeout: 30_000,
    // Keep the suite hermetic: the CLIs it spawns use a fresh on-disk cache,
    // never the developer's ~/.cache/wavec (tests that need a cache set their own).
    env: { WAVEC_CACHE_DIR: mkdtempSync(path.join(tmpdir(), 'wavec-test-cache-')) },
  },
});
