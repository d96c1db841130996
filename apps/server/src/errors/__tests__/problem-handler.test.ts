import { Writable } from 'node:stream';
import { RecordsError } from '@tessera/forms';
import { ReportError } from '@tessera/reports';
import { ERROR_CATALOGUE, ERROR_CATEGORIES, type ErrorCode, TesseraError } from '@tessera/schema';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerProblemHandler } from '../problem-handler';

/** A bare server with the real problem handler; each route throws what the test names. */
let app: FastifyInstance;
const logged: { level: number; msg: string; code?: string }[] = [];
let next: () => unknown = () => undefined;

beforeAll(async () => {
  const stream = new Writable({
    write(chunk, _encoding, done) {
      logged.push(JSON.parse(String(chunk)));
      done();
    },
  });
  app = Fastify({ logger: { level: 'info', stream } });
  registerProblemHandler(app);
  app.get('/throw', async () => {
    throw next();
  });
  // a path parameter that is one of a few literals (TypeBox's union of literals)
  const literals = ['approve', 'reject', 'return'].map((a) => ({ const: a }));
  app.get(
    '/pick/:action',
    { schema: { params: { type: 'object', properties: { action: { anyOf: literals } } } } },
    async () => 'ok',
  );
  await app.ready();
});
afterAll(() => app.close());

async function answer(error: unknown, language?: string) {
  next = () => error;
  logged.length = 0;
  const res = await app.inject({
    method: 'GET',
    url: '/throw',
    headers: language ? { 'accept-language': language } : {},
  });
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  return {
    status: res.statusCode,
    body: res.json(),
    failures: logged.filter((l) => l.msg === 'request failed'),
  };
}

describe('problem+json', () => {
  it("carries the engine's own code, the catalogue message in the client's language and the detail", async () => {
    const tooComplex = new ReportError(
      'REPORT_TOO_COMPLEX',
      'the report joins 9 forms; at most 8 are allowed',
      [{ path: '/joins', message: 'at most 8' }],
    );
    const en = await answer(tooComplex, 'en-US,en;q=0.9');
    expect(en).toMatchObject({ status: 400, failures: [] });
    expect(en.body).toEqual({
      type: 'https://tessera.dev/problems/report-too-complex',
      title: 'The report is too complex to run.',
      status: 400,
      code: 'REPORT_TOO_COMPLEX',
      detail: 'the report joins 9 forms; at most 8 are allowed',
      errors: [{ path: '/joins', message: 'at most 8' }],
    });
    const zh = await answer(tooComplex, 'zh-CN,zh;q=0.9,en;q=0.8');
    expect(zh.body).toMatchObject({ code: 'REPORT_TOO_COMPLEX', title: '报表过于复杂，无法运行。' });
  });

  it('says once which values a literal parameter takes', async () => {
    const pick = await app.inject({ method: 'GET', url: '/pick/bogus' });
    expect(pick.statusCode).toBe(400);
    expect(pick.json().errors).toEqual([
      { path: 'params/action', message: 'must be one of: approve, reject, return' },
    ]);
  });

  it('tells apart what used to be one generic CONFLICT', async () => {
    const stale = await answer(new RecordsError('STALE_VERSION', 'version 3 is not the current 4'));
    const inUse = await answer(new RecordsError('RECORD_IN_USE', 'linked from 2 orders'));
    expect([stale.status, inUse.status]).toEqual([409, 409]);
    expect([stale.body.code, inUse.body.code]).toEqual(['STALE_VERSION', 'RECORD_IN_USE']);
  });

  it('gives the failing item of a bulk request in details', async () => {
    const { body } = await answer(
      RecordsError.invalid([{ path: 'qty', message: 'must be at least 1' }]).atIndex(2),
    );
    expect(body).toMatchObject({
      code: 'RECORD_INVALID',
      errors: [{ path: '[2].qty', message: 'must be at least 1' }],
      details: { index: 2 },
    });
  });

  it('answers an internal code, an uncatalogued code and a plain bug as INTERNAL, logged, never the cause', async () => {
    for (const error of [
      new ReportError('REPORT_QUERY_FAILED', 'syntax error at or near "secret_table"'),
      new TesseraError('NOT_A_CODE' as ErrorCode, 'cast past the compiler'),
      new Error('TypeError in /srv/tessera/secret.ts'),
    ]) {
      const { status, body, failures } = await answer(error);
      expect(status).toBe(500);
      expect(body).toEqual({
        type: 'https://tessera.dev/problems/internal',
        title: 'Something went wrong on our side; it has been logged.',
        status: 500,
        code: 'INTERNAL',
        detail: 'Something went wrong on our side; it has been logged.',
        errors: [],
      });
      expect(JSON.stringify(body)).not.toMatch(/secret|stack/);
      expect(failures.map((f) => f.level)).toEqual([50]); // error
    }
  });

  it('logs an outage as a warning and a caller mistake not at all', async () => {
    expect((await answer(new ReportError('QUERY_TIMEOUT', 'over 30000 ms'))).failures).toMatchObject([
      { level: 40, code: 'QUERY_TIMEOUT' },
    ]);
    expect((await answer(new RecordsError('RECORD_NOT_FOUND', 'no record 7'))).failures).toEqual([]);
  });

  it.each(Object.keys(ERROR_CATALOGUE) as ErrorCode[])(
    '%s is answered with its status and its message in both languages',
    async (code) => {
      const entry = ERROR_CATALOGUE[code];
      const internal = entry.category === 'internal';
      const shown: ErrorCode = internal ? 'INTERNAL' : code;
      for (const language of ['en', 'zh-CN'] as const) {
        const { status, body } = await answer(new TesseraError(code, `a ${code}`), language);
        expect(status).toBe(ERROR_CATEGORIES[entry.category].status);
        expect(body).toMatchObject({ code: shown, title: ERROR_CATALOGUE[shown].message[language] });
      }
    },
  );
});
