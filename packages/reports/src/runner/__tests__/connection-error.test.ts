import { describe, expect, it } from 'vitest';
import { isConnectionError } from '../connection-error';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isConnectionError', () => {
  it.each([
    ['refused', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5433')],
    ['reset', withCode('ECONNRESET')],
    ['unknown host', withCode('ENOTFOUND')],
    ['connection exception (08006)', withCode('08006', 'connection failure')],
    ['standby starting up (57P03)', withCode('57P03', 'the database system is starting up')],
    ['server shut down (57P01)', withCode('57P01', 'terminating connection due to administrator command')],
    ['pool connect timeout', new Error('timeout exceeded when trying to connect')],
    ['dropped connection', new Error('Connection terminated unexpectedly')],
    ['every address refused', new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')])],
  ])('counts %s', (_, error) => {
    expect(isConnectionError(error)).toBe(true);
  });

  it.each([
    ['a missing column (42703)', withCode('42703', 'column "x" does not exist')],
    ['a statement timeout (57014)', withCode('57014', 'canceling statement due to statement timeout')],
    ['a read-only refusal (25006)', withCode('25006', 'cannot execute INSERT in a read-only transaction')],
    ['not an error', 'ECONNREFUSED'],
    ['nothing', undefined],
  ])('does not count %s', (_, error) => {
    expect(isConnectionError(error)).toBe(false);
  });
});
