import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sniffContentType } from '../sniff/content-type.sniffer';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tessera-sniff-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The smallest valid PNG (1×1). */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const gbk = Buffer.from([0xbf, 0xcd, 0xbb, 0xa7, 0x2c, 0xbd, 0xf0, 0xb6, 0xee, 0x0d, 0x0a]); // 客户,金额

describe('the type of a file comes from its bytes', () => {
  it.each([
    ['PNG', PNG, 'image/png'],
    ['JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]), 'image/jpeg'],
    ['PDF', Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'), 'application/pdf'],
    ['a Windows program', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(300)]), 'application/x-msdownload'],
    ['HTML', Buffer.from('<!DOCTYPE html><html><script>alert(1)</script></html>'), 'text/html'],
    ['HTML without a doctype', Buffer.from('  <script>fetch("/api/auth/me")</script>'), 'text/html'],
    [
      'SVG',
      Buffer.from('<?xml version="1.0"?>\n<!-- logo -->\n<svg xmlns="http://www.w3.org/2000/svg"/>'),
      'image/svg+xml',
    ],
    ['XML', Buffer.from('<?xml version="1.0"?><invoice/>'), 'application/xml'],
    ['UTF-8 text', Buffer.from('客户,金额\n阿尔法,100\n'), 'text/plain'],
    ['GBK text (a Chinese CSV)', gbk, 'text/plain'],
    [
      'text that mentions <script> later',
      Buffer.from('notes: never paste <script> into a form'),
      'text/plain',
    ],
    ['random bytes', Buffer.from([1, 2, 3, 0, 250, 4, 5, 6, 0, 7]), 'application/octet-stream'],
  ])('%s → %s', async (_what, bytes, type) => {
    const path = join(dir, `${type.replace('/', '_')}-${Math.random()}`);
    await writeFile(path, bytes);
    expect(await sniffContentType(path)).toBe(type);
  });
});
