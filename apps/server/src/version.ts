import { readFileSync } from 'node:fs';

/** The product version: the root package.json's. */
export const VERSION: string = JSON.parse(
  readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'),
).version;
