import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FileStorage, sweepFiles } from '@tessera/files';
import { type LocalS3, startLocalS3 } from '@tessera/files/testing';
import { createFormService } from '@tessera/forms';
import { publishForms } from '@tessera/forms/testing';
import type { FormDefinition } from '@tessera/schema';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantRole } from '../../__tests__/access-kit';
import { addUser, type Client, createTestApp, login, type TestApp } from '../../__tests__/test-app';
import { loadConfig } from '../../config/config';
import { buildApp } from '../../http/app';
import { fileStorageFrom } from '../file-storage.config';

/** The smallest valid PNG (1×1), and one padded to a given size (still a PNG by its signature). */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const pngOf = (bytes: number) => Buffer.concat([PNG, Buffer.alloc(bytes - PNG.length, 1)]);
const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const HTML = Buffer.from('<!DOCTYPE html><html><script>fetch("/api/auth/me")</script></html>');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(300)]);
const label = (en: string) => ({ en });

const doc: FormDefinition = {
  key: 'doc',
  title: label('Document'),
  fields: [
    { id: 'f1', key: 'title', type: 'text', label: label('Title') },
    { id: 'f2', key: 'photos', type: 'attachment', label: label('Photos'), accept: ['image/*'], maxFiles: 3 },
    { id: 'f3', key: 'contract', type: 'attachment', label: label('Contract'), maxFileSizeMb: 0.01 },
    { id: 'f4', key: 'secret', type: 'attachment', label: label('Secret') },
    {
      id: 'f5',
      key: 'lines',
      type: 'line_items',
      label: label('Lines'),
      fields: [
        { id: 'l1', key: 'what', type: 'text', label: label('What') },
        { id: 'l2', key: 'scan', type: 'attachment', label: label('Scan'), accept: ['image/*', '.pdf'] },
      ],
    },
  ],
} as FormDefinition;

const BASE = '/api/apps/fs/forms/doc';
const HOUR = 3_600_000;

interface Setup {
  readonly env: Record<string, string>;
  readonly cleanup: () => Promise<void>;
}

const storages: Record<'disk' | 's3', () => Promise<Setup>> = {
  async disk() {
    const dir = await mkdtemp(join(tmpdir(), 'tessera-files-api-'));
    return { env: { TESSERA_FILES_DIR: dir }, cleanup: () => rm(dir, { recursive: true, force: true }) };
  },
  async s3() {
    const s3: LocalS3 = await startLocalS3();
    // the node's own data folder, to show the bytes never reach it
    const dataDir = await mkdtemp(join(tmpdir(), 'tessera-files-api-node-'));
    return {
      env: { ...s3.env, TESSERA_S3_PREFIX: 'api-test/', DATA_DIR: dataDir },
      cleanup: async () => {
        await s3.close();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  },
};

describe.each(['disk', 's3'] as const)('attachment files on %s storage', (kind) => {
  let setup: Setup;
  let t: TestApp;
  let env: Record<string, string>;
  let storage: FileStorage;
  let boss: Client;
  let ann: Client;
  let bob: Client;

  beforeAll(async () => {
    setup = await storages[kind]();
    env = { ...setup.env, TESSERA_MAX_FILE_MB: '0.05' };
    t = await createTestApp(env);
    const config = loadConfig({ LOG_LEVEL: 'silent', ...env });
    if (!config.ok) throw new Error(config.errors.join('; '));
    storage = fileStorageFrom(config.config);
    await publishForms(t.database.db, 'fs', [doc]);
    await addUser(t, 'boss', 'Secret-Passw0rd', true);
    await addUser(t, 'ann', 'Secret-Passw0rd');
    await addUser(t, 'bob', 'Secret-Passw0rd');
    await grantRole(
      t.database.db,
      'fs',
      {
        key: 'staff',
        title: label('Staff'),
        forms: {
          doc: {
            actions: ['create', 'read', 'update', 'delete'],
            scope: { type: 'own' },
            fields: { secret: 'hidden' },
          },
        },
      } as never,
      ['ann', 'bob'],
    );
    boss = await login(t, 'boss', 'Secret-Passw0rd');
    ann = await login(t, 'ann', 'Secret-Passw0rd');
    bob = await login(t, 'bob', 'Secret-Passw0rd');
  });
  afterAll(async () => {
    await t?.close();
    await setup?.cleanup();
  });

  /** POST …/files?field= with one multipart part "file", as a browser's FormData sends it. */
  function upload(
    client: Client,
    field: string,
    name: string,
    bytes: Buffer,
    type = 'application/octet-stream',
  ) {
    const boundary = `----tessera${Math.random().toString(16).slice(2)}`;
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`,
      ),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return t.app.inject({
      method: 'POST',
      url: `${BASE}/files?field=${encodeURIComponent(field)}`,
      headers: {
        cookie: client.cookie,
        'x-csrf-token': client.csrfToken,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      payload,
    });
  }

  async function uploaded(client: Client, field: string, name: string, bytes: Buffer): Promise<string> {
    const res = await upload(client, field, name, bytes);
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id;
  }

  const download = (client: Client, id: string, fileId: string, query = '') =>
    client.request('GET', `${BASE}/records/${id}/files/${fileId}${query}`);

  const fileCount = async () =>
    (await sql<{ n: number }>`select count(*)::int as n from tessera.files`.execute(t.database.db)).rows[0]!
      .n;

  const sweep = (hoursLater: number) =>
    sweepFiles(t.database.db, storage, { now: new Date(Date.now() + hoursLater * HOUR), graceMs: 24 * HOUR });

  const storageKey = async (fileId: string) =>
    (
      await sql<{ k: string }>`select storage_key as k from tessera.files where id = ${fileId}::uuid`.execute(
        t.database.db,
      )
    ).rows[0]?.k;

  it('an upload returns the reference; the record holds the stored one; the owner downloads it with safe headers', async () => {
    const res = await upload(ann, 'photos', '现场 photo.png', PNG, 'image/png');
    expect(res.statusCode, res.body).toBe(201);
    const up = res.json();
    expect(up).toMatchObject({
      name: '现场 photo.png',
      size: PNG.length,
      contentType: 'image/png',
      field: 'photos',
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(up.reference).toEqual({ id: up.id, name: up.name, size: up.size, contentType: 'image/png' });

    // the client sends only the id (or a lying name/size): the record stores what the server knows
    const created = await ann.request('POST', `${BASE}/records`, {
      title: 'Site visit',
      photos: [{ id: up.id, name: 'renamed.exe', size: 1 }],
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().photos).toEqual([up.reference]);

    const got = await download(ann, created.json().id, up.id);
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(PNG)).toBe(true);
    expect(got.headers).toMatchObject({
      'content-type': 'image/png',
      'x-content-type-options': 'nosniff',
      'content-disposition': `inline; filename="__ photo.png"; filename*=UTF-8''%E7%8E%B0%E5%9C%BA%20photo.png`,
      etag: `"${up.sha256}"`,
    });
    expect(got.headers['content-security-policy']).toContain('sandbox');
    const forced = await download(ann, created.json().id, up.id, '?download=true');
    expect(forced.headers['content-disposition']).toMatch(/^attachment; /);
    const cached = await t.app.inject({
      method: 'GET',
      url: `${BASE}/records/${created.json().id}/files/${up.id}`,
      headers: { cookie: ann.cookie, 'if-none-match': `"${up.sha256}"` },
    });
    expect(cached.statusCode).toBe(304);
  });

  it('downloads follow the record’s access: another member’s record is 404, a hidden field is 404, admins see all', async () => {
    const photo = await uploaded(ann, 'photos', 'a.png', PNG);
    const record = (
      await ann.request('POST', `${BASE}/records`, { title: 'Mine', photos: [{ id: photo }] })
    ).json();
    expect((await download(bob, record.id, photo)).json()).toMatchObject({
      status: 404,
      code: 'RECORD_NOT_FOUND',
    });
    expect((await download(boss, record.id, photo)).statusCode).toBe(200);

    // the admin attaches a file to the field hidden from staff
    const secret = await uploaded(boss, 'secret', 'secret.pdf', PDF);
    const patched = await boss.request('PATCH', `${BASE}/records/${record.id}`, {
      version: record.version,
      secret: [{ id: secret }],
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect((await download(boss, record.id, secret)).headers['content-disposition']).toMatch(/^attachment; /);
    expect((await download(ann, record.id, secret)).statusCode).toBe(404);
    // nor can staff upload into it
    expect((await upload(ann, 'secret', 'x.pdf', PDF)).json()).toMatchObject({
      status: 400,
      errors: [{ path: 'field', message: 'is not an attachment field of form doc' }],
    });
    // a file id that is not the record's is 404 even with the right record
    expect(
      (await download(ann, record.id, secret.replace(/^./, secret[0] === 'a' ? 'b' : 'a'))).statusCode,
    ).toBe(404);
  });

  it('/api/files/:id keeps serving a file once a record holds it, exactly as the record’s download does', async () => {
    const photo = await uploaded(ann, 'photos', 'kept.png', PNG);
    expect((await ann.request('GET', `/api/files/${photo}`)).statusCode).toBe(200); // the preview
    const record = (
      await ann.request('POST', `${BASE}/records`, { title: 'Kept', photos: [{ id: photo }] })
    ).json();
    // the same URL after saving: the web app's thumbnails do not change address
    const after = await ann.request('GET', `/api/files/${photo}`);
    expect(after.statusCode, after.body).toBe(200);
    expect(after.rawPayload.equals(PNG)).toBe(true);
    expect(after.headers).toMatchObject({ 'content-type': 'image/png', 'x-content-type-options': 'nosniff' });
    expect((await boss.request('GET', `/api/files/${photo}`)).statusCode).toBe(200);
    // outside the reader's row scope, or in a field hidden from them: the same 404 as a missing id
    const other = await bob.request('GET', `/api/files/${photo}`);
    expect(other.json()).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    const secret = await uploaded(boss, 'secret', 'secret.pdf', PDF);
    expect(
      (
        await boss.request('PATCH', `${BASE}/records/${record.id}`, {
          version: record.version,
          secret: [{ id: secret }],
        })
      ).statusCode,
    ).toBe(200);
    expect((await boss.request('GET', `/api/files/${secret}`)).statusCode).toBe(200);
    expect((await ann.request('GET', `/api/files/${secret}`)).json()).toMatchObject({ status: 404 });
  });

  it('limits: over the field’s size 413, over the server’s cap 413, a type the field refuses 415 — nothing stored', async () => {
    const before = await fileCount();
    const field = await upload(ann, 'contract', 'big.pdf', Buffer.concat([PDF, Buffer.alloc(20 * 1024, 32)]));
    expect(field.statusCode).toBe(413);
    expect(field.json()).toMatchObject({
      code: 'FILE_TOO_LARGE',
      detail: expect.stringContaining('field contract'),
    });
    const server = await upload(ann, 'photos', 'huge.png', pngOf(60 * 1024));
    expect(server.statusCode).toBe(413);
    expect(server.json()).toMatchObject({
      code: 'FILE_TOO_LARGE',
      detail: expect.stringContaining('TESSERA_MAX_FILE_MB'),
    });
    const wrong = await upload(ann, 'photos', 'contract.pdf', PDF);
    expect(wrong.statusCode).toBe(415);
    expect(wrong.json()).toMatchObject({
      code: 'FILE_TYPE_NOT_ALLOWED',
      detail: '"contract.pdf" is application/pdf; this field accepts only image/*.',
    });
    expect(await fileCount()).toBe(before);
  });

  it.each([
    ['HTML named .png', 'cute.png', HTML],
    ['a program named .png', 'cute.png', EXE],
    ['HTML named .pdf', 'invoice.pdf', HTML],
  ])('a spoofed extension is refused: %s → 415 FILE_TYPE_MISMATCH', async (_what, name, bytes) => {
    const before = await fileCount();
    const res = await upload(ann, 'lines.scan', name, bytes, 'image/png');
    expect(res.statusCode).toBe(415);
    expect(res.json().code).toBe('FILE_TYPE_MISMATCH');
    expect(await fileCount()).toBe(before);
  });

  it('an attachment value must hold files the writer uploaded for that field, or the record’s own', async () => {
    const annsUpload = await uploaded(ann, 'photos', 'b.png', PNG);
    const stolen = await bob.request('POST', `${BASE}/records`, {
      title: 'Bob',
      photos: [{ id: annsUpload }],
    });
    expect(stolen.json()).toMatchObject({
      status: 400,
      errors: [{ path: 'photos[0]', message: 'refers to a file someone else uploaded' }],
    });
    const first = (
      await ann.request('POST', `${BASE}/records`, { title: 'A', photos: [{ id: annsUpload }] })
    ).json();
    const again = await ann.request('POST', `${BASE}/records`, { title: 'B', photos: [{ id: annsUpload }] });
    expect(again.json().errors).toEqual([
      {
        path: 'photos[0]',
        message: 'refers to a file of another record',
        code: 'FIELD_FILE_OTHER_RECORD',
        params: {},
      },
    ]);
    const contract = await uploaded(ann, 'contract', 'c.pdf', PDF);
    const misplaced = await ann.request('PATCH', `${BASE}/records/${first.id}`, {
      version: first.version,
      photos: [{ id: annsUpload }, { id: contract }],
    });
    expect(misplaced.json().errors).toEqual([
      {
        path: 'photos[1]',
        message: 'refers to a file uploaded for another field (contract)',
        code: 'FIELD_FILE_OTHER_FIELD',
        params: { field: 'contract' },
      },
    ]);
    const missing = await ann.request('POST', `${BASE}/records`, {
      contract: [{ id: '00000000-0000-4000-8000-000000000000' }],
    });
    expect(missing.json().errors[0].message).toMatch(/^refers to a file that does not exist/);
    const twice = await ann.request('POST', `${BASE}/records`, {
      contract: [{ id: contract }, { id: contract }],
    });
    expect(twice.json().errors).toEqual([
      {
        path: 'contract[1]',
        message: 'holds a file that is attached twice',
        code: 'FIELD_FILE_TWICE',
        params: {},
      },
    ]);
    // the record's own file may be sent back as it is (an update of other fields keeps it)
    const kept = await ann.request('PATCH', `${BASE}/records/${first.id}`, {
      version: first.version,
      title: 'A2',
      photos: first.photos,
    });
    expect(kept.statusCode, kept.body).toBe(200);
    expect((await download(ann, first.id, annsUpload)).statusCode).toBe(200);
  });

  it('line items hold files too; a file dropped from the record is swept after the grace period', async () => {
    const scan = await uploaded(ann, 'lines.scan', 'scan.pdf', PDF);
    const record = (
      await ann.request('POST', `${BASE}/records`, {
        title: 'Lines',
        lines: [{ what: 'page 1', scan: [{ id: scan }] }],
      })
    ).json();
    expect(record.lines[0].scan).toEqual([
      { id: scan, name: 'scan.pdf', size: PDF.length, contentType: 'application/pdf' },
    ]);
    const got = await download(ann, record.id, scan);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-disposition']).toBe(
      `attachment; filename="scan.pdf"; filename*=UTF-8''scan.pdf`,
    );
    const key = (await storageKey(scan))!;
    const dropped = await ann.request('PATCH', `${BASE}/records/${record.id}`, {
      version: record.version,
      lines: [],
    });
    expect(dropped.statusCode, dropped.body).toBe(200);
    expect((await download(ann, record.id, scan)).statusCode).toBe(404);
    await sweep(1); // within the grace period: kept
    expect(await storage.head(key)).not.toBeNull();
    await sweep(25);
    expect(await storage.head(key)).toBeNull();
    expect(await storageKey(scan)).toBeUndefined();
  });

  it('your own upload can be previewed until a record holds it; orphans are swept after the grace period', async () => {
    const orphan = await uploaded(ann, 'photos', 'draft.png', PNG);
    const preview = await ann.request('GET', `/api/files/${orphan}`);
    expect(preview.statusCode).toBe(200);
    expect(preview.headers['content-type']).toBe('image/png');
    expect((await bob.request('GET', `/api/files/${orphan}`)).statusCode).toBe(404);
    const key = (await storageKey(orphan))!;
    await sweep(23);
    expect(await storage.head(key)).not.toBeNull();
    await sweep(25);
    expect(await storage.head(key)).toBeNull();
    expect((await ann.request('GET', `/api/files/${orphan}`)).statusCode).toBe(404);
  });

  it('a deleted record keeps its files: a restore brings them back, a purge deletes them', async () => {
    const photo = await uploaded(ann, 'photos', 'keep.png', PNG);
    const record = (
      await ann.request('POST', `${BASE}/records`, { title: 'Bin', photos: [{ id: photo }] })
    ).json();
    const key = (await storageKey(photo))!;
    expect((await ann.request('DELETE', `${BASE}/records/${record.id}`)).statusCode).toBe(204);
    expect((await download(ann, record.id, photo)).statusCode).toBe(404);
    await sweep(24 * 30);
    expect(await storage.head(key)).not.toBeNull(); // the bin is not garbage
    expect((await ann.request('POST', `${BASE}/records/${record.id}/restore`)).statusCode).toBe(200);
    expect((await download(ann, record.id, photo)).rawPayload.equals(PNG)).toBe(true);

    expect((await ann.request('DELETE', `${BASE}/records/${record.id}`)).statusCode).toBe(204);
    const refused = await ann.request('POST', `${BASE}/records/${record.id}/purge`);
    expect(refused.json()).toMatchObject({ status: 403, code: 'FORBIDDEN' }); // staff may not purge
    const live = (await ann.request('POST', `${BASE}/records`, { title: 'Live' })).json();
    expect((await boss.request('POST', `${BASE}/records/${live.id}/purge`)).statusCode).toBe(404); // not in the bin
    expect((await boss.request('POST', `${BASE}/records/${record.id}/purge`)).statusCode).toBe(204);
    expect((await boss.request('POST', `${BASE}/records/${record.id}/restore`)).statusCode).toBe(404);
    await sweep(0);
    expect(await storage.head(key)).toBeNull();
    expect(await storageKey(photo)).toBeUndefined();
  });

  it('the CSV export shows file names', async () => {
    const photo = await uploaded(ann, 'photos', 'export-me.png', PNG);
    await ann.request('POST', `${BASE}/records`, { title: 'Exported', photos: [{ id: photo }] });
    const csv = await boss.request('GET', `${BASE}/records/export?format=csv&lang=en&columns=title,photos`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('Exported,export-me.png');
  });

  it('purging an attachment field deletes its files', async () => {
    const contract = await uploaded(ann, 'contract', 'gone.pdf', PDF);
    await ann.request('POST', `${BASE}/records`, { title: 'Field purge', contract: [{ id: contract }] });
    const key = (await storageKey(contract))!;
    const forms = createFormService({
      db: t.database.db,
      actor: { id: null },
      clock: { now: () => new Date() },
    });
    const draft = await forms.saveDraft('fs', {
      ...doc,
      fields: doc.fields.filter((f) => f.key !== 'contract'),
    });
    if (!draft.ok) throw new Error(JSON.stringify(draft.errors));
    expect((await forms.publish('fs', 'doc', draft.version)).ok).toBe(true);
    await sweep(24 * 30);
    expect(await storage.head(key)).not.toBeNull(); // a deleted field keeps its data until purged
    await forms.purgeField('fs', 'doc', 'f3');
    await sweep(0);
    expect(await storage.head(key)).toBeNull();
    expect(await storageKey(contract)).toBeUndefined();
  });

  it(
    kind === 'disk'
      ? 'files survive a server restart (same folder)'
      : 'the bytes live in the bucket, not on the node',
    async () => {
      const photo = await uploaded(ann, 'photos', 'restart.png', PNG);
      const record = (
        await ann.request('POST', `${BASE}/records`, { title: 'Restart', photos: [{ id: photo }] })
      ).json();
      const key = (await storageKey(photo))!;
      if (kind === 's3') {
        expect(storage.kind).toBe('s3');
        expect(await storage.head(key)).toEqual({ size: PNG.length });
        await expect(readdir(join(env.DATA_DIR!, 'files'))).rejects.toThrow();
      }
      // a second process (a restart, or another node): a new app on the same database and storage
      const config = loadConfig({ LOG_LEVEL: 'silent', ...env });
      if (!config.ok) throw new Error(config.errors.join('; '));
      await t.app.close();
      const again = await buildApp({
        config: config.config,
        db: t.database.db,
        databaseKind: t.database.kind,
        logger: false,
        webRoot: false,
      });
      try {
        const res = await again.inject({
          method: 'GET',
          url: `${BASE}/records/${record.id}/files/${photo}`,
          headers: { cookie: ann.cookie },
        });
        expect(res.statusCode).toBe(200);
        expect(res.rawPayload.equals(PNG)).toBe(true);
      } finally {
        await again.close();
      }
    },
  );
});
