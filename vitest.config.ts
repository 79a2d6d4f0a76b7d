import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One temporary directory for the whole run, removed at its end (test/world/temp-root.ts).
    globalSetup: ['test/world/temp-root.ts'],
    // The runs a test leaves going (it timed out) are killed after it.
    setupFiles: ['test/world/left-runs.ts'],
    // End-to-end tests spawn dist/index.js; a busy 2-core machine needs headroom, not a flaky limit.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
