import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { JSON_SCHEMA_DIALECT, referenceUpToDate, renderSchemas, SCHEMA_KINDS, schemaId } from '../index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../../..');
const schemasDir = join(root, 'schemas');
const rendered = renderSchemas();

describe('schemas/ (generated from the TypeBox source)', () => {
  it.each(Object.keys(rendered))(
    '%s is up to date — run `pnpm --filter @tessera/schema run generate`',
    (name) => {
      const committed = readFileSync(join(schemasDir, name), 'utf8');
      expect(committed).toBe(rendered[name]);
    },
  );

  it('holds no stale generated file', () => {
    const onDisk = readdirSync(schemasDir).filter((name) => name.endsWith('.schema.json'));
    expect(onDisk.sort()).toEqual(Object.keys(rendered).sort());
  });

  it.each(SCHEMA_KINDS)('%s has a stable $id, the 2020-12 dialect and allows $schema', (kind) => {
    const schema = JSON.parse(rendered[`${kind}.schema.json`]!);
    expect(schema.$id).toBe(`https://tessera.dev/schemas/v1/${kind}.schema.json`);
    expect(schema.$id).toBe(schemaId(kind));
    expect(schema.$schema).toBe(JSON_SCHEMA_DIALECT);
    expect(schema.properties.$schema).toMatchObject({ type: 'string' });
  });

  it('every file compiles on its own in a plain ajv (as an editor or another tool would load it)', () => {
    const ajv = new Ajv2020({ strict: false });
    for (const text of Object.values(rendered)) expect(() => ajv.compile(JSON.parse(text))).not.toThrow();
  });
});

describe('docs/pack-format.md', () => {
  it('has its generated reference tables up to date — run `pnpm --filter @tessera/schema run generate`', () => {
    const doc = readFileSync(join(root, 'docs/pack-format.md'), 'utf8');
    expect(doc).toContain('<!-- generated:flow -->');
    expect(referenceUpToDate(doc)).toBe(true);
  });
});
