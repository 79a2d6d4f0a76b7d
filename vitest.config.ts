import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One temporary directory for the whole run, removed at its end (test/world/temp-root.ts).
    globalSetup: ['test/world/temp-root.ts'],
    // End-to-end tests spawn dist/index.js; a busy 2-core machine needs headroom, not a flaky limit.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
