/**
 * Writes `schemas/<kind>.schema.json` at the repository root from the TypeBox source (removing
 * generated files whose kind no longer exists), and refreshes the generated reference tables of
 * docs/pack-format.md. Run: pnpm --filter @tessera/schema run generate
 */
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fillReference } from '../src/generate/render-reference.js';
import { renderSchemas } from '../src/generate/render-schemas.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const outDir = join(root, 'schemas');
const files = renderSchemas();
for (const [name, text] of Object.entries(files)) await writeFile(join(outDir, name), text);
for (const name of await readdir(outDir)) {
  if (name.endsWith('.schema.json') && !(name in files)) await rm(join(outDir, name));
}
console.log(`wrote ${Object.keys(files).length} schemas to ${outDir}`);

const docPath = join(root, 'docs/pack-format.md');
const doc = await readFile(docPath, 'utf8');
const filled = fillReference(doc);
if (filled !== doc) await writeFile(docPath, filled);
console.log(`${filled === doc ? 'kept' : 'updated'} the reference tables of ${docPath}`);
