/**
 * Writes `schemas/<kind>.schema.json` at the repository root from the TypeBox source, and
 * removes generated files whose kind no longer exists. Run: pnpm --filter @tessera/schema run generate
 */
import { readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderSchemas } from '../src/generate/render-schemas.js';

const outDir = join(dirname(fileURLToPath(import.meta.url)), '../../../schemas');
const files = renderSchemas();
for (const [name, text] of Object.entries(files)) await writeFile(join(outDir, name), text);
for (const name of await readdir(outDir)) {
  if (name.endsWith('.schema.json') && !(name in files)) await rm(join(outDir, name));
}
console.log(`wrote ${Object.keys(files).length} schemas to ${outDir}`);
