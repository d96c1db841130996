import { readFileSync } from 'node:fs';

/** The Tessera version packs are checked against (`requires.tessera`): the root package.json's. */
export const TESSERA_VERSION: string = JSON.parse(
  readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8'),
).version;
