import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scanErrorCodes } from '../../../scripts/error-codes';
import { ERROR_CATALOGUE, ERROR_SECTIONS, isErrorCode } from '../error-catalogue';
import { ERROR_CATEGORIES } from '../error-category';
import { errorsDocUpToDate, renderErrorsDoc } from '../render-errors-doc';
import { TesseraError } from '../tessera.error';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../../../..');
const codes = Object.keys(ERROR_CATALOGUE);

describe('the error catalogue', () => {
  it('defines each code once, in UPPER_SNAKE_CASE (no section silently overrides another)', () => {
    const listed = ERROR_SECTIONS.flatMap((s) => Object.keys(s.entries));
    expect(listed).toHaveLength(new Set(listed).size);
    expect(listed.sort()).toEqual([...codes].sort());
    for (const code of codes) expect(code).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/);
  });

  it.each(codes)(
    '%s has a message in English and in Simplified Chinese, and says when it happens',
    (code) => {
      const entry = ERROR_CATALOGUE[code as keyof typeof ERROR_CATALOGUE];
      expect(entry.message.en).toMatch(/^[A-Z].*[.;!?]$/);
      expect(entry.message['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
      expect(entry.message['zh-CN']).not.toBe(entry.message.en);
      expect(entry.when.length).toBeGreaterThan(10);
      expect(ERROR_CATEGORIES[entry.category]).toBeDefined();
    },
  );

  it('gives an error its status and logging by its category', () => {
    expect(new TesseraError('REPORT_TOO_COMPLEX', 'joins').status).toBe(400);
    expect(new TesseraError('STALE_VERSION', 'v3 is not v4').status).toBe(409);
    expect(new TesseraError('QUERY_TIMEOUT', 'slow')).toMatchObject({ status: 503, category: 'unavailable' });
    // a code cast past the compiler is a bug: answered and logged as one
    expect(new TesseraError('NO_SUCH_CODE' as never, 'x')).toMatchObject({
      status: 500,
      category: 'internal',
    });
  });
});

describe('docs/errors.md', () => {
  it('is what the catalogue renders — run `pnpm --filter @tessera/schema run generate`', () => {
    const committed = readFileSync(join(root, 'docs/errors.md'), 'utf8');
    expect(errorsDocUpToDate(committed)).toBe(true);
  });

  it('lists every code with its status and both messages', () => {
    const doc = renderErrorsDoc();
    for (const [code, entry] of Object.entries(ERROR_CATALOGUE)) {
      const row = doc.split('\n').find((line) => line.startsWith(`| \`${code}\` |`));
      expect(row, code).toContain(`| ${ERROR_CATEGORIES[entry.category].status} ${entry.category} |`);
      expect(row).toContain(entry.message.en);
      expect(row).toContain(entry.message['zh-CN']);
    }
  });
});

describe('the sources against the catalogue', () => {
  const scan = scanErrorCodes(root);

  it('throw only catalogue codes (no undocumented code, no other casing)', () => {
    expect(scan.thrown.length).toBeGreaterThan(50);
    const unknown = scan.thrown.filter((site) => !isErrorCode(site.code));
    expect(unknown.map((s) => `${s.file}:${s.line} ${s.code}`)).toEqual([]);
  });

  it('use every catalogue code (a code nothing throws is dropped from the catalogue)', () => {
    const unused = codes.filter((code) => !scan.mentioned.has(code));
    expect(unused).toEqual([]);
  });
});
