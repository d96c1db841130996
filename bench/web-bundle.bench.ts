import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
// @ts-expect-error plain JavaScript module of the CLI
import { ensureWebBuild } from '../apps/server/src/cli/web-build.mjs';
import { table } from './bench-kit';

/**
 * The web runtime's initial JavaScript: the chunks index.html loads before anything is clicked
 * (lazy pages and the designers excluded), gzipped at level 9, against the 500 KB goal; and the
 * whole build, with a check that no database code (kysely, pg) reached the browser. No database:
 * under `pnpm bench` both runs measure the same build.
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
const designers = all.filter((f) => /^design/i.test(f));
const database = all.filter(
  (f) =>
    /kysely|pg-protocol|pglite/i.test(readFileSync(join(DIST, 'assets', f), 'utf8').slice(0, 2_000_000)) &&
    /class Kysely|pg-protocol/.test(readFileSync(join(DIST, 'assets', f), 'utf8')),
);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
console.log('## Web runtime: JavaScript sent to the browser\n');
console.log(
  table(
    ['JavaScript (gzip -9)', 'size', 'files', 'vs goal', 'goal'],
    [
      [
        'initial: what index.html loads (shell, antd, react, i18n)',
        kb(initialBytes),
        initial.length,
        `${(initialBytes / 1024 / 500).toFixed(2)}×`,
        `≤ 500 KB: ${initialBytes <= 500 * 1024 ? 'met' : '**missed**'}`,
      ],
      ['the whole build (lazy pages and designers included)', kb(allBytes), all.length, '—', '—'],
    ],
  ),
);
console.log(
  `\nDesigner chunks (loaded lazily, under /design): ${designers.length ? designers.join(', ') : 'none yet'}. Database code in the bundle: ${database.length === 0 ? 'none' : database.join(', ')}.`,
);
