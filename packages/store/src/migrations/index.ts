import type { Migration } from 'kysely';
import * as storeCore from './0001-store-core';
import * as authIdentity from './0002-auth-identity';

/**
 * Every system migration, in order. Names sort by their number; each engine has its own range
 * (0001 store/auth, 0100 forms, 0200 flows, 0300 rules, 0400 reports, 0500 access, 0600 packs).
 */
export const systemMigrations: Readonly<Record<string, Migration>> = {
  '0001-store-core': storeCore,
  '0002-auth-identity': authIdentity,
};
