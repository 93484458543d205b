import path from 'node:path'

import { configDefaults, defineConfig } from 'vitest/config'

import LongestFirst from './test/sequencer'

// Shared by both projects (a project does not inherit the root's options).
const common = {
  resolve: {
    alias: { '~': path.resolve(__dirname, 'app') },
  },
  esbuild: { jsx: 'automatic' as const },
}
const commonTest = {
  setupFiles: ['test/setup-database.ts'],
  // Processes, not threads: PGlite and the servers under test are process-wide.
  pool: 'forks' as const,
  // Generous: several tests start real servers and CLIs, and CI machines have two cores.
  testTimeout: 90_000,
  hookTimeout: 120_000,
}

export default defineConfig({
  ...common,
  test: {
    // Makes (or finds) a migrated template database; test files and e2e servers start as clones.
    globalSetup: ['test/global-setup.ts'],
    // Vitest's default is one fewer than the cores: a single worker on a two-core CI machine,
    // where the files' waits (child processes, servers, Chromium) leave room for a second. Two
    // e2e files at a time is then one server and one Chromium per core.
    maxWorkers: 2,
    minWorkers: 1,
    // A worker runs its files one after another in one process: each file skips a process start
    // and the import of every dependency (measured on app/routes: 207 -> 89 CPU-s, 110 -> 48 s).
    // test/setup-database.ts gives each file a fresh start (environment, the app's modules,
    // database, singletons), as its own process would. A pool option: the root's, for both
    // projects (Vitest starts one pool per run).
    poolOptions: { forks: { isolate: false } },
    sequence: { sequencer: LongestFirst },
    projects: [
      {
        ...common,
        test: {
          ...commonTest,
          name: 'in-process',
          include: ['{app,db,scripts,test}/**/*.test.{ts,tsx}'],
          exclude: [...configDefaults.exclude, 'test/e2e/**'],
        },
      },
      {
        ...common,
        test: {
          ...commonTest,
          // Each file runs a real server and often Chromium: after the in-process files, so the
          // heavy kind never shares the cores with the light one.
          name: 'e2e',
          include: ['test/e2e/**/*.test.{ts,tsx}'],
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
})
