import pg from 'pg';

/**
 * One set of type parsers for both deployments, so a value reads the same whether it came from
 * the embedded PGlite (through its socket) or a Postgres server:
 * - int8 (`count(*)`, bigint ids) → number when it is a safe integer, else the exact string;
 * - numeric stays a string (money must not pass through binary floating point);
 * - date stays `YYYY-MM-DD` (pg would make a local-midnight Date, which shifts across time zones).
 */
const INT8 = 20;
const DATE = 1082;

function parseInt8(value: string): number | string {
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : value;
}

export const pgTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === INT8) return parseInt8;
    if (oid === DATE) return (value: string) => value;
    return pg.types.getTypeParser(oid, format);
  }) as pg.CustomTypesConfig['getTypeParser'],
};
