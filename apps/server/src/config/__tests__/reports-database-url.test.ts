import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config';

describe('REPORTS_DATABASE_URL', () => {
  it('is unset by default: reports run on DATABASE_URL (or the embedded database)', () => {
    const result = loadConfig({});
    expect(result.ok && 'REPORTS_DATABASE_URL' in result.config).toBe(false);
    const empty = loadConfig({ DATABASE_URL: 'postgres://a@primary/db', REPORTS_DATABASE_URL: '' });
    expect(empty.ok && 'REPORTS_DATABASE_URL' in empty.config).toBe(false);
  });

  it('takes a postgres URL beside DATABASE_URL', () => {
    expect(
      loadConfig({
        DATABASE_URL: 'postgres://a@primary/db',
        REPORTS_DATABASE_URL: 'postgresql://r@replica/db',
      }),
    ).toMatchObject({ ok: true, config: { REPORTS_DATABASE_URL: 'postgresql://r@replica/db' } });
  });

  it.each([
    [
      { DATABASE_URL: 'postgres://a@primary/db', REPORTS_DATABASE_URL: 'mysql://r' },
      'REPORTS_DATABASE_URL has the wrong format (got "mysql://r")',
    ],
    [
      { REPORTS_DATABASE_URL: 'postgres://r@replica/db' },
      'REPORTS_DATABASE_URL needs DATABASE_URL: a read replica replicates a Postgres server, not the embedded database',
    ],
  ])('refuses %j naming the variable', (env, message) => {
    expect(loadConfig(env)).toEqual({ ok: false, errors: [message] });
  });
});
