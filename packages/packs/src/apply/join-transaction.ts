import type { Kysely } from 'kysely';

/**
 * The caller's transaction, as a handle whose `transaction().execute(fn)` runs `fn` right there
 * instead of opening a new one (kysely refuses nested transactions). Engine services that open
 * their own transaction (flows' and rules' publish) then join the pack's: all of a pack commits
 * or rolls back together. Everything else is the transaction itself.
 */
export function joinTransaction(trx: Kysely<any>): Kysely<any> {
  const joined: Kysely<any> = new Proxy(trx, {
    get(target, property) {
      if (property === 'transaction')
        return () => ({ execute: <T>(fn: (t: Kysely<any>) => Promise<T>) => fn(joined) });
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return joined;
}
