import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, type TestDatabase } from '@tessera/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yazl from 'yazl';
import {
  applyPack,
  type ExportedFile,
  exportPackZip,
  formatPackErrors,
  type LoadedPack,
  loadPackFolder,
  loadPackZip,
  PackInstallError,
  packZip,
  planPack,
} from '../index.js';

const PACK_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../../../examples/customer-erp');

/** Every file of a folder as text, prefixed (to zip a folder inside a top folder). */
async function folderFiles(dir: string, prefix = ''): Promise<ExportedFile[]> {
  const files: ExportedFile[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const abs = join(entry.parentPath, entry.name);
    files.push({ path: prefix + abs.slice(dir.length + 1), text: await readFile(abs, 'utf8') });
  }
  return files;
}

/** A zip built by yazl with entry options yazl allows (modes, sizes). */
function rawZip(
  entries: { name: string; data: Buffer; mode?: number; compress?: boolean }[],
): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const e of entries)
    zip.addBuffer(e.data, e.name, {
      mode: e.mode ?? 0o100644,
      compress: e.compress ?? true,
      mtime: new Date(2000, 0, 1),
    });
  zip.end();
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

/** yazl refuses unsafe names, as it should: write a safe one and swap the bytes of the name. */
function renamed(zip: Buffer, from: string, to: string): Buffer {
  expect(Buffer.byteLength(from)).toBe(Buffer.byteLength(to));
  const out = Buffer.from(zip);
  const a = Buffer.from(from);
  let at = out.indexOf(a);
  while (at >= 0) {
    Buffer.from(to).copy(out, at);
    at = out.indexOf(a, at + 1);
  }
  return out;
}

async function refusal(run: Promise<unknown>): Promise<PackInstallError> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PackInstallError);
  expect((error as PackInstallError).code).toBe('PACK_ARCHIVE_INVALID');
  return error as PackInstallError;
}

const pathsOf = (loaded: LoadedPack) => ({
  json: loaded.jsonFiles.map((f) => [f.path, f.text]),
  other: loaded.otherFiles,
});

describe('loading a pack from a .zip', () => {
  it('reads exactly what the folder reads, at the top or inside one folder', async () => {
    const folder = await loadPackFolder(PACK_DIR);
    const flat = await loadPackZip(await packZip(await folderFiles(PACK_DIR)));
    const nested = await loadPackZip(await packZip(await folderFiles(PACK_DIR, 'customer-erp/')));
    expect(pathsOf(flat)).toEqual(pathsOf(folder));
    expect(pathsOf(nested)).toEqual(pathsOf(folder));
    expect(folder.jsonFiles.length).toBeGreaterThan(30);
    expect(flat.otherFiles).toContain('README.md');
  });

  it('refuses paths escaping the pack, absolute paths, links, with every entry named', async () => {
    const zip = await rawZip([
      { name: 'pack.json', data: Buffer.from('{}') },
      { name: 'xx/evil.json', data: Buffer.from('{}') },
      { name: 'ABS/etc/pwd.json', data: Buffer.from('{}') },
      { name: 'forms/link.json', data: Buffer.from('/etc/passwd'), mode: 0o120777 },
    ]);
    const evil = renamed(
      renamed(zip, 'xx/evil.json', '../evil.json'),
      'ABS/etc/pwd.json',
      '/ABSetc/pwd.json',
    );
    const error = await refusal(loadPackZip(evil, { name: 'evil.zip' }));
    expect(error.errors.map((e) => e.path).sort()).toEqual([
      '../evil.json',
      '/ABSetc/pwd.json',
      'forms/link.json',
    ]);
    expect(error.errors.find((e) => e.path === 'forms/link.json')?.message).toMatch(/symbolic link/);
    expect(error.errors.find((e) => e.path === '../evil.json')?.message).toMatch(/outside the pack/);
    expect(error.message).toMatch(/^evil\.zip: 3 entry problem/);
  });

  it('refuses a zip bomb and oversize entries before inflating them', async () => {
    const bomb = await rawZip([
      { name: 'pack.json', data: Buffer.from('{}') },
      { name: 'data/customer.csv', data: Buffer.alloc(50 * 1024 * 1024) },
    ]);
    expect(bomb.length).toBeLessThan(200_000);
    const error = await refusal(loadPackZip(bomb));
    expect(error.errors).toEqual([
      { path: 'data/customer.csv', message: expect.stringMatching(/more than the limit|zip bomb/) },
    ]);
    const small = await rawZip([{ name: 'pack.json', data: Buffer.alloc(2000, 32), compress: false }]);
    const tooBig = await refusal(loadPackZip(small, { limits: { maxEntryBytes: 1000 } }));
    expect(tooBig.errors[0]?.message).toMatch(/2000 bytes uncompressed, more than the limit of 1000/);
  });

  it('refuses what is not a zip, and a zip whose entry lies about its size', async () => {
    const notZip = await refusal(loadPackZip(Buffer.from('PK but not really a zip file'), { name: 'x.zip' }));
    expect(notZip.message).toMatch(/x\.zip is not a readable \.zip file/);
    const honest = await rawZip([{ name: 'pack.json', data: Buffer.from('{"a": 1}'), compress: false }]);
    // the central directory's uncompressed size (8) becomes 4: the entry inflates to more than declared
    const cd = honest.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    const lying = Buffer.from(honest);
    lying.writeUInt32LE(4, cd + 24);
    await refusal(loadPackZip(lying));
  });
});

describe('exporting to a .zip', () => {
  let source: TestDatabase;
  let elsewhere: TestDatabase;
  beforeAll(async () => {
    source = await createTestDatabase();
    elsewhere = await createTestDatabase();
  });
  afterAll(async () => {
    await source?.close();
    await elsewhere?.close();
  });

  async function applyLoaded(db: TestDatabase['db'], loaded: LoadedPack) {
    const planned = await planPack(db, loaded);
    if (!planned.ok) throw new Error(formatPackErrors(planned.errors));
    return { plan: planned.plan, result: await applyPack(db, loaded, planned.plan) };
  }

  it('export → apply the zip elsewhere → export gives the same bytes; re-applying is a no-op', async () => {
    await applyLoaded(source.db, await loadPackFolder(PACK_DIR));
    const first = await exportPackZip(source.db, 'customer_erp');
    expect(await exportPackZip(source.db, 'customer_erp')).toEqual(first);
    const applied = await applyLoaded(elsewhere.db, await loadPackZip(first));
    expect(applied.result.applied).toBe(true);
    const second = await exportPackZip(elsewhere.db, 'customer_erp');
    expect(second.equals(first)).toBe(true);
    const again = await applyLoaded(elsewhere.db, await loadPackZip(second));
    expect(again.plan.noop).toBe(true);
    expect(again.result.applied).toBe(false);
  }, 180_000);
});
