import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // End-to-end tests spawn dist/index.js; a busy 2-core machine needs headroom, not a flaky limit.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
