import type { TestDatabase } from '@tessera/store/testing';

/**
 * Counts the statements sent through a test database's pool while `run` runs (the workers'
 * debounced wake-up, sent outside the write, is not counted).
 */
export async function countStatements<T>(
  t: TestDatabase,
  run: () => Promise<T>,
): Promise<{ result: T; count: number; texts: string[] }> {
  const texts: string[] = [];
  const pool = t.pool as any;
  const connect = pool.connect;
  pool.connect = async (...args: unknown[]) => {
    const client = await connect.apply(pool, args);
    if (!client.__stmtCounted) {
      const query = client.query;
      client.query = (text: any, ...rest: unknown[]) => {
        const line = String(typeof text === 'string' ? text : text?.text).slice(0, 80);
        if (client.__stmtTexts && !line.startsWith('select pg_notify')) client.__stmtTexts.push(line);
        return query.call(client, text, ...rest);
      };
      client.__stmtCounted = true;
    }
    client.__stmtTexts = texts; // this call's list (the wrapper outlives it)
    const release = client.release;
    client.release = (...r: unknown[]) => {
      client.__stmtTexts = undefined;
      client.release = release;
      return release.apply(client, r);
    };
    return client;
  };
  try {
    const result = await run();
    return { result, count: texts.length, texts };
  } finally {
    pool.connect = connect;
  }
}
