import { defineConfig } from 'vitest/config';

// One test run for the whole monorepo: every package's `src/**/__tests__/*.test.ts`.
// The database under test is chosen by TESSERA_TEST_DATABASE_URL: unset → embedded PGlite
// (a prepared template data folder copied per test file), set → a fresh database per test
// file on that Postgres server. See packages/store/src/testing.
export default defineConfig({
  test: {
    include: ['packages/*/src/**/__tests__/**/*.test.ts', 'apps/*/src/**/__tests__/**/*.test.ts'],
    globalSetup: ['packages/store/src/testing/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default', './vitest.summary-reporter.ts'],
    pool: 'forks',
    maxWorkers: 2,
  },
});
