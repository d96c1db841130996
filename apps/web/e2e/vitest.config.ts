import { defineConfig } from 'vitest/config';

/**
 * The browser suite: playwright-core driving Debian's Chromium against a real `tessera start`
 * (embedded database, Customer ERP demo) on a free port. Run after the unit suites:
 * `pnpm --filter @tessera/web test:e2e` (or `pnpm exec vitest run --config apps/web/e2e/vitest.config.ts`).
 * Screenshots of every step land in apps/web/e2e/artifacts/.
 */
export default defineConfig({
  test: {
    include: ['apps/web/e2e/**/*.e2e.test.ts'],
    root: new URL('../../..', import.meta.url).pathname,
    globalSetup: ['apps/web/e2e/global-setup.ts'],
    testTimeout: 180_000,
    // one retry of a step against timing flakes of a loaded CI machine (a click landing while a menu
    // or modal still animates); a real defect fails the retry too, and the log shows both attempts
    retry: 1,
    hookTimeout: 900_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
  },
});
