import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing';
import { readSystemCatalog, renderSystemDatabase } from '../system-database.renderer';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

describe('SystemDatabase', () => {
  it('is the migrated tessera schema: a migration without its regenerated interface fails here', async () => {
    const source = renderSystemDatabase(await readSystemCatalog(t.db));
    // `vitest run packages/store/src/system-tables -u` rewrites the file after a migration.
    await expect(source).toMatchFileSnapshot('../system-database.ts');
  });
});
