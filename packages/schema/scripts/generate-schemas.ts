/**
 * Writes `schemas/<kind>.schema.json` at the repository root from the TypeBox source (removing
 * generated files whose kind no longer exists), and refreshes the generated reference tables of
 * docs/pack-format.md and docs/errors.md (the error catalogue). Run: pnpm --filter @tessera/schema run generate
 */
import { execFileSync } from 'node:child_process';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { errorsDocUpToDate, renderErrorsDoc } from '../src/errors/render-errors-doc.js';
import { fillReference, referenceUpToDate } from '../src/generate/render-reference.js';
import { renderSchemas } from '../src/generate/render-schemas.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const outDir = join(root, 'schemas');
const files = renderSchemas();
for (const [name, text] of Object.entries(files)) await writeFile(join(outDir, name), text);
for (const name of await readdir(outDir)) {
  if (name.endsWith('.schema.json') && !(name in files)) await rm(join(outDir, name));
}
console.log(`wrote ${Object.keys(files).length} schemas to ${outDir}`);

/** The repository's formatter aligns the Markdown tables; the up-to-date tests ignore that padding. */
function format(path: string): void {
  execFileSync(join(root, 'node_modules/.bin/biome'), ['format', '--write', path], {
    cwd: root,
    stdio: 'ignore',
  });
}

const docPath = join(root, 'docs/pack-format.md');
const doc = await readFile(docPath, 'utf8');
const upToDate = referenceUpToDate(doc);
if (!upToDate) {
  await writeFile(docPath, fillReference(doc));
  format(docPath);
}
console.log(`${upToDate ? 'kept' : 'updated'} the reference tables of ${docPath}`);

const errorsPath = join(root, 'docs/errors.md');
const errorsDoc = await readFile(errorsPath, 'utf8').catch(() => '');
const errorsUpToDate = errorsDocUpToDate(errorsDoc);
if (!errorsUpToDate) {
  await writeFile(errorsPath, renderErrorsDoc());
  format(errorsPath);
}
console.log(`${errorsUpToDate ? 'kept' : 'wrote'} ${errorsPath}`);
