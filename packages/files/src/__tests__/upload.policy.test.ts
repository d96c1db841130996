import { describe, expect, it } from 'vitest';
import { checkUpload, cleanFileName, type UploadRules } from '../upload/upload.policy';

const MiB = 2 ** 20;
const server: UploadRules = { maxBytes: 10 * MiB, maxFrom: { setting: 'TESSERA_MAX_FILE_MB' } };
const images: UploadRules = { ...server, accept: ['image/*'] };
const pdfOnly: UploadRules = { maxBytes: MiB, maxFrom: { field: 'contract' }, accept: ['.pdf'] };

describe('the upload rules', () => {
  it.each([
    // name, sniffed type, rules → served type
    ['photo.png', 'image/png', images, 'image/png'],
    ['照片.JPG', 'image/jpeg', images, 'image/jpeg'],
    ['scan', 'image/webp', images, 'image/webp'],
    ['contract.pdf', 'application/pdf', pdfOnly, 'application/pdf'],
    ['orders.csv', 'text/plain', server, 'text/csv'],
    ['data.json', 'text/plain', server, 'application/json'],
    [
      'report.docx',
      'application/zip',
      server,
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ],
    ['old.xls', 'application/x-cfb', server, 'application/vnd.ms-excel'],
    ['page.html', 'text/html', server, 'text/html'],
    ['logo.svg', 'image/svg+xml', server, 'image/svg+xml'],
    ['notes', 'text/plain', server, 'text/plain'],
    ['setup.exe', 'application/x-msdownload', { ...server, accept: ['.exe'] }, 'application/x-msdownload'],
  ])('accepts %s (%s)', (name, sniffed, rules, served) => {
    expect(checkUpload({ name, size: 100, sniffed }, rules)).toEqual({ ok: true, contentType: served });
  });

  it.each([
    ['a .png that is HTML', 'photo.png', 'text/html', images, 'FILE_TYPE_MISMATCH'],
    ['a .png that is a program', 'photo.png', 'application/x-msdownload', images, 'FILE_TYPE_MISMATCH'],
    ['a .pdf that is a PNG', 'contract.pdf', 'image/png', pdfOnly, 'FILE_TYPE_MISMATCH'],
    ['HTML under a name that hides it', 'invoice.dat', 'text/html', server, 'FILE_TYPE_MISMATCH'],
    ['SVG under no extension', 'logo', 'image/svg+xml', server, 'FILE_TYPE_MISMATCH'],
    ['a PDF where images are asked for', 'contract.pdf', 'application/pdf', images, 'FILE_TYPE_NOT_ALLOWED'],
    ['an SVG where .pdf is asked for', 'logo.svg', 'image/svg+xml', pdfOnly, 'FILE_TYPE_NOT_ALLOWED'],
    ['a program nobody asked for', 'setup.exe', 'application/x-msdownload', server, 'FILE_TYPE_NOT_ALLOWED'],
    [
      'a program under image/*',
      'tool.exe',
      'application/x-msdownload',
      { ...server, accept: ['application/*'] },
      'FILE_TYPE_NOT_ALLOWED',
    ],
  ])('refuses %s', (_what, name, sniffed, rules, code) => {
    const verdict = checkUpload({ name, size: 100, sniffed }, rules);
    expect(verdict.ok).toBe(false);
    expect(!verdict.ok && verdict.error.code).toBe(code);
  });

  it('refuses empty files and files over the limit, naming whose limit it is', () => {
    const empty = checkUpload({ name: 'a.pdf', size: 0, sniffed: 'application/pdf' }, pdfOnly);
    expect(!empty.ok && empty.error.code).toBe('FILE_EMPTY');
    const field = checkUpload({ name: 'a.pdf', size: MiB + 1, sniffed: 'application/pdf' }, pdfOnly);
    expect(!field.ok && [field.error.code, field.error.message]).toEqual([
      'FILE_TOO_LARGE',
      '"a.pdf" is larger than 1 MiB (the limit of field contract).',
    ]);
    const global = checkUpload(
      { name: 'a.bin', size: 11 * MiB, sniffed: 'application/octet-stream' },
      server,
    );
    expect(!global.ok && global.error.message).toContain('TESSERA_MAX_FILE_MB');
  });

  it.each([
    ['C:\\fakepath\\报价单.pdf', '报价单.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['a\u0000b\u001f.txt', 'ab.txt'],
    ['', 'file'],
    ['..', 'file'],
    [undefined, 'file'],
  ])('stores the name %j as %j', (raw, clean) => {
    expect(cleanFileName(raw)).toBe(clean);
  });
});
