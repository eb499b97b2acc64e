import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The CLI tests spawn node on dist/; property tests run many cases.
    testTimeout: 30_000,
  },
});
