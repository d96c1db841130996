import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publishForms } from '@tessera/forms/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, type Client, createTestApp, login, type TestApp } from '../../__tests__/test-app';

// Issue 15 item 5: options are checked before a body is read, and every body is capped while it
// streams in — a body over its limit is answered 413 while the client is still sending, and the
// spool folder never holds more than the limit.
const MiB = 1024 * 1024;
let t: TestApp;
let admin: Client;
let base: string;
let uploadDir: string;

beforeAll(async () => {
  uploadDir = await mkdtemp(join(tmpdir(), 'tessera-limits-'));
  t = await createTestApp({
    TESSERA_MAX_IMPORT_MB: '1',
    TESSERA_MAX_PACK_MB: '1',
    TESSERA_MAX_JSON_BODY_MB: '0.5',
    TESSERA_UPLOAD_DIR: uploadDir,
  });
  await publishForms(t.database.db, 'lim', [
    {
      key: 'note',
      title: { en: 'Note' },
      fields: [{ id: 'f1', key: 'title', type: 'text', label: { en: 'Title' } }],
    },
  ]);
  await addUser(t, 'boss', 'Secret-Passw0rd', true);
  admin = await login(t, 'boss', 'Secret-Passw0rd');
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await t?.close();
  await rm(uploadDir, { recursive: true, force: true });
});

interface Streamed {
  readonly status: number;
  readonly body: string;
  /** Bytes the client had written when the response arrived. */
  readonly sentWhenAnswered: number;
  /** The largest the spool folder got while the body streamed. */
  readonly spoolPeak: number;
}

async function spoolSize(): Promise<number> {
  const dir = join(uploadDir, 'imports');
  const names = await readdir(dir).catch(() => [] as string[]);
  let total = 0;
  for (const name of names) total += (await stat(join(dir, name)).catch(() => ({ size: 0 }))).size;
  return total;
}

/**
 * Streams up to `totalBytes` of CSV-ish bytes in 64 KiB chunks (chunked: no Content-Length unless
 * `declare`), stopping as soon as a response arrives; samples the spool folder between chunks.
 */
function stream(
  path: string,
  options: { totalBytes: number; contentType: string; declare?: boolean },
): Promise<Streamed> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let peak = 0;
    let answered: { status: number; at: number; body: string } | undefined;
    const req = httpRequest(`${base}${path}`, {
      method: 'POST',
      headers: {
        cookie: admin.cookie,
        'x-csrf-token': admin.csrfToken,
        'content-type': options.contentType,
        ...(options.declare ? { 'content-length': String(options.totalBytes) } : {}),
      },
    });
    req.on('response', (res) => {
      const at = sent;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        body += c;
      });
      res.on('end', () => {
        answered = { status: res.statusCode ?? 0, at, body };
        resolve({ status: answered.status, body, sentWhenAnswered: at, spoolPeak: peak });
      });
    });
    // The server closes the connection after refusing; a write after that fails — expected.
    req.on('error', (error) => {
      if (!answered) setTimeout(() => (answered ? undefined : reject(error)), 500);
    });
    const chunk = Buffer.alloc(64 * 1024, 'a,b,c\n');
    const pump = async () => {
      while (sent < options.totalBytes && !answered && !req.destroyed) {
        peak = Math.max(peak, await spoolSize());
        const ok = req.write(chunk);
        sent += chunk.length;
        if (!ok)
          await new Promise<void>((resolve) => {
            const done = () => {
              req.off('drain', done).off('close', done);
              resolve();
            };
            req.on('drain', done).on('close', done);
          });
      }
      if (!req.destroyed) req.end();
    };
    void pump();
  });
}

describe('request bodies are capped while they stream in', () => {
  it('a raw CSV import over TESSERA_MAX_IMPORT_MB: 413 while still sending, the spool never past the cap', async () => {
    const res = await stream('/api/apps/lim/forms/note/imports', {
      totalBytes: 64 * MiB,
      contentType: 'text/csv',
    });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(JSON.parse(res.body).detail).toContain('TESSERA_MAX_IMPORT_MB');
    expect(res.sentWhenAnswered).toBeLessThan(16 * MiB);
    expect(res.spoolPeak).toBeLessThanOrEqual(1 * MiB);
    expect(await spoolSize()).toBe(0); // the partial spool file is removed
  });

  it('a declared Content-Length over the cap is refused before a byte is read', async () => {
    const res = await stream('/api/apps/lim/forms/note/imports', {
      totalBytes: 530 * MiB,
      contentType: 'text/csv',
      declare: true,
    });
    expect(res.status).toBe(413);
    expect(res.sentWhenAnswered).toBeLessThan(16 * MiB);
    expect(res.spoolPeak).toBe(0);
  });

  it('a bad option is refused (400 naming it) before the body is read', async () => {
    const res = await stream('/api/apps/lim/forms/note/imports?mode=sometimes', {
      totalBytes: 64 * MiB,
      contentType: 'text/csv',
    });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ path: 'mode', message: 'must be all_or_nothing or valid_rows_only' }],
    });
    expect(res.sentWhenAnswered).toBeLessThan(16 * MiB);
    expect(res.spoolPeak).toBe(0);
  });

  it('a multipart import part over the cap: 413, nothing left in the spool', async () => {
    const boundary = 'tessera-limit-boundary';
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\nContent-Type: text/csv\r\n\r\n`,
    );
    const body = Buffer.concat([
      head,
      Buffer.alloc(2 * MiB, 'x,y\n'),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/apps/lim/forms/note/imports',
      headers: {
        cookie: admin.cookie,
        'x-csrf-token': admin.csrfToken,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      payload: body,
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(await spoolSize()).toBe(0);
  });

  it('a pack archive over TESSERA_MAX_PACK_MB: 413 while still sending', async () => {
    const res = await stream('/api/packs/validate', { totalBytes: 64 * MiB, contentType: 'application/zip' });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).detail).toContain('TESSERA_MAX_PACK_MB');
    expect(res.sentWhenAnswered).toBeLessThan(16 * MiB);
  });

  it('a JSON body over TESSERA_MAX_JSON_BODY_MB: 413 naming the setting', async () => {
    const res = await admin.request('POST', '/api/apps/lim/forms/note/records', {
      title: 'x'.repeat(MiB),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(res.json().detail).toContain('TESSERA_MAX_JSON_BODY_MB');
  });

  it('a JSON body naming __proto__ is refused in words, not as "not valid JSON"; nothing is written', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/apps/lim/forms/note/records',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken, 'content-type': 'application/json' },
      payload: '{"title":"poison","__proto__":{"isAdmin":true}}',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [
        { path: 'body', message: 'names "__proto__" or "constructor.prototype", which no request may carry' },
      ],
    });
    const list = await admin.request('GET', `/api/apps/lim/forms/note/records?q=poison`);
    expect(list.json().items).toEqual([]);
  });

  it('a body under the caps still goes through', async () => {
    const res = await admin.request('POST', '/api/apps/lim/forms/note/records', { title: 'small' });
    expect(res.statusCode).toBe(201);
  });
});
