import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { publishForms } from '@tessera/forms/testing';
import type { FormDefinition } from '@tessera/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantRole } from '../../__tests__/access-kit';
import { addUser, type Client, createTestApp, login, type TestApp } from '../../__tests__/test-app';

/**
 * Logos and stamps from attachment fields: the record's own (`stamp`) and a linked record's
 * (`company.logo`), read with the printing user's access — a field hidden from them, or a file
 * that is not a PNG/JPEG, prints nothing. pdfimages lists what the PDF holds.
 */

/** A solid w×h RGB PNG (its size tells the images apart in pdfimages' list). */
function png(width: number, height: number, rgb: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3).map((_, i) => rgb[i % 3]!)]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const label = (en: string) => ({ en, 'zh-CN': en });
const company: FormDefinition = {
  key: 'company',
  title: label('Company'),
  fields: [
    { id: 'c1', key: 'name', type: 'text', label: label('Name') },
    { id: 'c2', key: 'logo', type: 'attachment', label: label('Logo'), accept: ['image/*'] },
  ],
} as FormDefinition;
const contract: FormDefinition = {
  key: 'contract',
  title: label('Contract'),
  fields: [
    { id: 'k1', key: 'title', type: 'text', label: label('Title') },
    { id: 'k2', key: 'company', type: 'link', form: 'company', label: label('Company') },
    { id: 'k3', key: 'stamp', type: 'attachment', label: label('Stamp') },
    { id: 'k4', key: 'seal', type: 'attachment', label: label('Legal seal') },
  ],
} as FormDefinition;

const template = {
  key: 'contract_sheet',
  form: 'contract',
  title: label('Contract sheet'),
  locale: 'en',
  page: { size: 'A5', orientation: 'landscape' },
  header: { left: [{ type: 'image', field: 'company.logo', width: 30 }] },
  body: [
    { type: 'title', text: '{{ title }}' },
    { type: 'fields', items: [{ field: 'company' }, { field: 'title' }] },
    { type: 'image', field: 'stamp', width: 30, align: 'right' },
    { type: 'image', field: 'seal', width: 20, overlay: true },
  ],
};

const BASE = '/api/apps/pi/forms';
const dir = mkdtempSync(join(tmpdir(), 'print-images-'));
let t: TestApp;
let boss: Client;
let ann: Client;
const ids: Record<string, string> = {};

/** The images in a PDF as "width×height", in order (pdfimages -list). */
function imagesIn(name: string, pdf: Buffer): string[] {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  const list = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' });
  return list
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => l.trim().split(/\s+/))
    .filter((cols) => cols[2] === 'image')
    .map((cols) => `${cols[3]}×${cols[4]}`);
}

async function upload(client: Client, form: string, field: string, name: string, bytes: Buffer) {
  const boundary = `----tessera${Math.random().toString(16).slice(2)}`;
  const res = await t.app.inject({
    method: 'POST',
    url: `${BASE}/${form}/files?field=${field}`,
    headers: {
      cookie: client.cookie,
      'x-csrf-token': client.csrfToken,
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  });
  expect(res.statusCode, res.body).toBe(201);
  return { id: res.json().id as string };
}

const printOf = (client: Client, id: string) =>
  client.request('GET', `${BASE}/contract/records/${id}/print/contract_sheet`);

beforeAll(async () => {
  t = await createTestApp();
  await publishForms(t.database.db, 'pi', [company, contract]);
  await addUser(t, 'boss', 'Secret-Passw0rd', true);
  await addUser(t, 'ann', 'Secret-Passw0rd');
  await grantRole(
    t.database.db,
    'pi',
    {
      key: 'clerk',
      title: label('Clerk'),
      forms: {
        company: { actions: ['read'] },
        contract: { actions: ['create', 'read', 'update'], fields: { seal: 'hidden' } },
      },
    } as never,
    ['ann'],
  );
  boss = await login(t, 'boss', 'Secret-Passw0rd');
  ann = await login(t, 'ann', 'Secret-Passw0rd');
  const saved = await boss.request('PUT', `${BASE}/contract/print-templates/contract_sheet`, {
    definition: template,
  });
  expect(saved.statusCode, saved.body).toBe(200);

  const logo = await upload(boss, 'company', 'logo', 'logo.png', png(40, 20, [200, 30, 30]));
  const acme = await boss.request('POST', `${BASE}/company/records`, { name: 'ACME 华东', logo: [logo] });
  expect(acme.statusCode, acme.body).toBe(201);
  const stamp = await upload(boss, 'contract', 'stamp', 'stamp.png', png(30, 30, [220, 0, 0]));
  const seal = await upload(boss, 'contract', 'seal', 'seal.png', png(24, 12, [0, 0, 200]));
  const signed = await boss.request('POST', `${BASE}/contract/records`, {
    title: 'Supply contract 2027-001',
    company: acme.json().id,
    stamp: [stamp],
    seal: [seal],
  });
  expect(signed.statusCode, signed.body).toBe(201);
  const pdfFile = await upload(boss, 'contract', 'stamp', 'scan.pdf', Buffer.from('%PDF-1.4\n%%EOF\n'));
  const scanned = await boss.request('POST', `${BASE}/contract/records`, {
    title: 'Scanned contract',
    stamp: [pdfFile],
  });
  expect(scanned.statusCode, scanned.body).toBe(201);
  Object.assign(ids, { signed: signed.json().id, scanned: scanned.json().id });
}, 120_000);
afterAll(() => t?.close());

describe('images from attachment fields', () => {
  it("prints the linked company's logo, the record's stamp and its seal for someone who sees them all", async () => {
    const res = await printOf(boss, ids.signed!);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(imagesIn('boss', res.rawPayload).sort()).toEqual(['24×12', '30×30', '40×20']);
    const text = execFileSync('pdftotext', [join(dir, 'boss.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toContain('Supply contract 2027-001');
  });

  it('leaves out the image of a field hidden from the printing user', async () => {
    const res = await printOf(ann, ids.signed!);
    expect(res.statusCode, res.body).toBe(200);
    expect(imagesIn('ann', res.rawPayload).sort()).toEqual(['30×30', '40×20']);
  });

  it('prints nothing for an empty field or a file that is not a PNG or JPEG', async () => {
    const res = await printOf(boss, ids.scanned!);
    expect(res.statusCode, res.body).toBe(200);
    expect(imagesIn('scanned', res.rawPayload)).toEqual([]);
  });

  it('refuses an image of a non-attachment field, or one with both an asset and a field, by path', async () => {
    const put = (body: unknown[]) =>
      boss.request('PUT', `${BASE}/contract/print-templates/contract_sheet`, {
        definition: { ...template, body },
      });
    const wrongType = await put([{ type: 'image', field: 'title', width: 20 }]);
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().errors).toEqual([
      {
        path: '/body/0/field',
        message: 'title is a text field, not an attachment: an image prints from an attachment field',
      },
    ]);
    const both = await put([{ type: 'image', field: 'stamp', asset: 'logo.png', width: 20 }]);
    expect(both.statusCode).toBe(400);
    expect(both.json().errors).toEqual([
      { path: '/body/0', message: 'an image needs an asset or an attachment field: set one of them' },
    ]);
    const neither = await put([{ type: 'image', width: 20 }]);
    expect(neither.json().errors).toEqual([
      { path: '/body/0', message: 'an image needs an asset or an attachment field: set one of them' },
    ]);
  });
});
