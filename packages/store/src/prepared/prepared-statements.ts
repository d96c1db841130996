import type { CompiledQuery } from 'kysely';
import type pg from 'pg';

/**
 * Server-side prepared statements for the statements a hot path runs again and again with only
 * its values changing (a record create's one statement, a get by id, a list page). Postgres then
 * parses, analyses and — once its plan cache settles on a generic plan — plans such a statement
 * once per connection instead of on every request: for the six-CTE create statement that was
 * about half of its server time.
 *
 * A caller marks a compiled query with `prepared(query)`; the pool's clients (see
 * `usePreparedStatements`, installed by openPool) send marked texts as named statements and
 * everything else as before. The name belongs to the text: a statement whose text changes (a
 * published form version, another app state) is a new statement.
 */
const serials = new Map<string, number>();
let nextSerial = 0;
/** Distinct marked texts remembered; past it the oldest is forgotten (its text runs unnamed until marked again). */
const TEXT_LIMIT = 2000;
/** Named statements one connection keeps; past it the least recently used one is deallocated. */
const PER_CONNECTION_LIMIT = 200;

/** Marks `query`'s text to run as a named prepared statement on the store's pools (returns it). */
export function prepared<Q extends CompiledQuery<unknown>>(query: Q): Q {
  const known = serials.get(query.sql);
  if (known === undefined) {
    if (serials.size >= TEXT_LIMIT) serials.delete(serials.keys().next().value as string);
    serials.set(query.sql, ++nextSerial);
  }
  return query;
}

/** What pg keeps per connection about the statements it parsed (not in its typings). */
interface PgConnection {
  parsedStatements: Record<string, string>;
}

type Query = (...args: unknown[]) => unknown;

/**
 * Makes the pool's clients send marked texts (see `prepared`) as named statements.
 * `sharedBackend`: every connection of the pool talks to ONE backend session (the embedded
 * PGlite), so names carry the connection's number (two connections never both prepare one name)
 * and a connection's statements are deallocated when the pool drops it (they would outlive it).
 */
export function usePreparedStatements(pool: pg.Pool, options: { sharedBackend: boolean }): void {
  let connections = 0;
  const namesOf = new WeakMap<pg.PoolClient, Map<string, true>>();
  pool.on('connect', (client) => {
    const id = ++connections;
    const names = new Map<string, true>();
    namesOf.set(client, names);
    const connection = (client as unknown as { connection: PgConnection }).connection;
    const query = client.query as unknown as Query;
    const named = (serial: number, text: string, values: unknown[], retried = false): Promise<unknown> => {
      const name = options.sharedBackend ? `tessera_p${serial}_${id}` : `tessera_p${serial}`;
      if (names.delete(name))
        names.set(name, true); // most recently used last
      else {
        names.set(name, true);
        if (names.size > PER_CONNECTION_LIMIT) {
          const oldest = names.keys().next().value as string;
          names.delete(oldest);
          // queued before the statement on this connection; only then forgotten by pg
          void (query.call(client, `deallocate ${oldest}`) as Promise<unknown>).then(
            () => delete connection.parsedStatements[oldest],
            () => {},
          );
        }
      }
      return (query.call(client, { name, text, values }) as Promise<unknown>).catch((error: unknown) => {
        const code = (error as { code?: string }).code;
        // 0A000 "cached plan must not change result type": a table under the statement changed
        // while its text did not. The text gets a new name everywhere (a fresh parse); the caller
        // decides whether to run it again.
        if (code === '0A000' && serials.get(text) === serial) serials.delete(text);
        // 26000: the backend lost it (the embedded database was reopened after a statement
        // timeout). Nothing ran: parse it again, once.
        if (code !== '26000' || retried) throw error;
        delete connection.parsedStatements[name];
        return named(serial, text, values, true);
      });
    };
    (client as unknown as { query: Query }).query = function (this: pg.PoolClient, ...args: unknown[]) {
      const [text, values, callback] = args;
      if (typeof text === 'string' && Array.isArray(values) && callback === undefined) {
        const serial = serials.get(text);
        if (serial !== undefined) return named(serial, text, values);
      }
      return query.apply(this, args);
    };
  });
  if (options.sharedBackend) {
    pool.on('remove', (client) => {
      const names = namesOf.get(client);
      if (!names || names.size === 0 || pool.ending) return;
      // another connection of the same backend frees what this one prepared
      for (const name of names.keys()) pool.query(`deallocate ${name}`).catch(() => {});
    });
  }
}
