import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
// @ts-expect-error plain JavaScript module of the CLI
import { ensureWebBuild } from '../apps/server/src/cli/web-build.mjs';

/**
 * The web runtime's initial JavaScript: the chunks index.html loads before anything is clicked
 * (lazy pages and the designers excluded), gzipped at level 9, against the 500 KB goal; and the
 * whole build, with a check that no database code (kysely, pg) reached the browser.
 * Run: pnpm exec tsx bench/web-bundle.bench.ts
 */
const DIST = new URL('../apps/web/dist/', import.meta.url).pathname;
await ensureWebBuild();
const html = readFileSync(join(DIST, 'index.html'), 'utf8');
const initial = [...new Set([...html.matchAll(/assets\/[^"]+\.js/g)].map((m) => m[0]))];
const gz = (file: string) => gzipSync(readFileSync(join(DIST, file)), { level: 9 }).length;
const initialBytes = initial.reduce((sum, f) => sum + gz(f), 0);
const all = readdirSync(join(DIST, 'assets')).filter((f) => f.endsWith('.js'));
const allBytes = all.reduce((sum, f) => sum + gz(join('assets', f)), 0);
const database = all.filter(
  (f) =>
    /kysely|pg-protocol|pglite/i.test(readFileSync(join(DIST, 'assets', f), 'utf8').slice(0, 2_000_000)) &&
    /class Kysely|pg-protocol/.test(readFileSync(join(DIST, 'assets', f), 'utf8')),
);
console.log(
  `initial JS: ${(initialBytes / 1024).toFixed(0)} KB gzipped in ${initial.length} files (goal ≤ 500 KB: ${(initialBytes / 1024 / 500).toFixed(2)}×)`,
);
console.log(`all JS: ${(allBytes / 1024).toFixed(0)} KB gzipped in ${all.length} files`);
console.log(`database code in the bundle: ${database.length === 0 ? 'none' : database.join(', ')}`);
