import path from 'node:path'

import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: {
    alias: { '~': path.resolve(__dirname, 'app') },
  },
  esbuild: { jsx: 'automatic' },
  test: {
    include: ['{app,db,scripts,test}/**/*.test.{ts,tsx}'],
    setupFiles: ['test/setup-database.ts'],
    // Each test file gets its own process, so an embedded database never leaks between files.
    pool: 'forks',
    // Generous: several tests start real servers and CLIs, and CI machines have two cores.
    testTimeout: 90_000,
    hookTimeout: 120_000,
  },
})
