import { defineConfig } from 'vitest/config'

// Three tiers: unit + integration on PGlite, the same suite on a real PostgreSQL, and browser journeys.
// `npm test` (scripts/test-all.ts) runs all three; each can run alone with --project.
const unitAndIntegration = {
  include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  globalSetup: ['test/support/global-setup.ts'],
  testTimeout: 30_000,
  hookTimeout: 60_000,
  pool: 'forks' as const,
  // Files in a worker share one module graph and one PGlite (test/support/db.ts empties it between files): the
  // app's modules are imported once per worker instead of once per file. No test mocks modules or timers.
  isolate: false,
}

export default defineConfig({
  test: {
    projects: [
      { test: { ...unitAndIntegration, name: 'pglite', env: { TEST_DB: 'pglite' } } },
      { test: { ...unitAndIntegration, name: 'postgres', env: { TEST_DB: 'postgres' } } },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          env: { TEST_DB: 'pglite' },
          // A journey takes about a minute alone; a loaded two-core machine has needed more than two.
          testTimeout: 300_000,
          hookTimeout: 300_000,
          pool: 'forks' as const,
          fileParallelism: false,
        },
      },
    ],
  },
})
