import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

/** The web app loads @tessera/logic/browser: it must not drag kysely, pg or Node built-ins along. */
describe('@tessera/logic/browser', () => {
  it('bundles for the browser without database code', async () => {
    const result = await build({
      entryPoints: [fileURLToPath(new URL('../../browser.ts', import.meta.url))],
      bundle: true,
      write: false,
      platform: 'browser',
      format: 'esm',
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((p) => /node_modules\/(kysely|pg|pg-[a-z]+|@electric-sql)\//.test(p))).toEqual([]);
    expect(inputs.filter((p) => p.includes('/src/sql/'))).toEqual([]);
    expect(inputs.some((p) => p.endsWith('form/form-logic.ts'))).toBe(true);
  });
});
