import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config';

describe('configuration from the environment', () => {
  it('uses documented defaults when nothing is set', () => {
    const result = loadConfig({});
    expect(result).toMatchObject({
      ok: true,
      config: { PORT: 3000, HOST: 'localhost', DATA_DIR: './data', WORKERS: 2, SESSION_TTL_HOURS: 168 },
    });
    expect(result.ok && result.config.DATABASE_URL).toBeFalsy();
  });

  it('converts numbers and treats empty strings as unset', () => {
    const result = loadConfig({ PORT: '8080', DATABASE_URL: '', WORKERS: '0' });
    expect(result).toMatchObject({ ok: true, config: { PORT: 8080, WORKERS: 0 } });
    expect(result.ok && 'DATABASE_URL' in result.config).toBe(false);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT must be a whole number (got "abc")'],
    [{ PORT: '70000' }, 'PORT must be ≤ 65535 (got "70000")'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL has the wrong format (got "mysql://x")'],
    [{ SESSION_SECRET: 'short' }, 'SESSION_SECRET must be at least 32 characters long (got "short")'],
    [{ SMTP_URL: 'http://mail' }, 'SMTP_URL has the wrong format (got "http://mail")'],
    [{ TESSERA_MAX_IMPORT_MB: '0' }, 'TESSERA_MAX_IMPORT_MB must be > 0 (got "0")'],
    [{ TESSERA_MAX_JSON_BODY_MB: 'lots' }, 'TESSERA_MAX_JSON_BODY_MB must be a number (got "lots")'],
  ])('refuses %j with a message naming the variable', (env, message) => {
    const result = loadConfig(env);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toContain(message);
  });

  it('reports every bad variable at once', () => {
    const result = loadConfig({ PORT: 'x', WORKERS: '-1' });
    expect(!result.ok && result.errors).toHaveLength(2);
  });
});

describe('attachment storage', () => {
  it('defaults to disk under DATA_DIR; s3 needs its bucket, and keys come in pairs', () => {
    expect(loadConfig({})).toMatchObject({
      ok: true,
      config: { TESSERA_FILES_STORAGE: 'disk', TESSERA_MAX_FILE_MB: 100 },
    });
    expect(loadConfig({ TESSERA_FILES_STORAGE: 's3' })).toEqual({
      ok: false,
      errors: ['TESSERA_FILES_STORAGE=s3 needs TESSERA_S3_BUCKET'],
    });
    expect(
      loadConfig({
        TESSERA_FILES_STORAGE: 's3',
        TESSERA_S3_BUCKET: 'files',
        TESSERA_S3_ACCESS_KEY_ID: 'AKIA',
      }),
    ).toMatchObject({ ok: false, errors: [expect.stringContaining('set together')] });
    expect(
      loadConfig({
        TESSERA_FILES_STORAGE: 's3',
        TESSERA_S3_BUCKET: 'files',
        TESSERA_S3_ENDPOINT: 'http://127.0.0.1:9000',
        TESSERA_S3_FORCE_PATH_STYLE: 'true',
      }),
    ).toMatchObject({
      ok: true,
      config: { TESSERA_S3_FORCE_PATH_STYLE: true, TESSERA_S3_REGION: 'us-east-1' },
    });
    expect(loadConfig({ TESSERA_S3_PREFIX: 'no-slash' })).toMatchObject({ ok: false });
  });
});

describe('the platform time zone', () => {
  it('accepts an IANA zone and refuses an unknown one by name', () => {
    expect(loadConfig({ TESSERA_TIME_ZONE: 'Asia/Shanghai' })).toMatchObject({
      ok: true,
      config: { TESSERA_TIME_ZONE: 'Asia/Shanghai' },
    });
    expect(loadConfig({ TESSERA_TIME_ZONE: 'Mars/Olympus' })).toEqual({
      ok: false,
      errors: ['TESSERA_TIME_ZONE is not a known IANA time zone (got "Mars/Olympus")'],
    });
  });
});
