/**
 * A time-ordered UUID (version 7, RFC 9562) as a SQL expression, on Postgres 15 as on PGlite
 * (`uuidv7()` only exists from Postgres 18): the first 48 bits the clock's Unix milliseconds, the
 * rest random with the version and variant bits set. Rows written together get neighbouring
 * keys, so a primary key (and every index led by the id) grows at its right edge instead of
 * touching a random leaf page per row.
 */
export const UUID_V7 = `encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) placing substring(int8send(floor(extract(epoch from clock_timestamp()) * 1000)::bigint) from 3) from 1 for 6), 52, 1), 53, 1), 'hex')::uuid`;
