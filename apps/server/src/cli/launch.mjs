#!/usr/bin/env node
// What `pnpm start` and `pnpm tessera` run: the CLI from its bundle (see server-bundle.mjs), or from
// the TypeScript sources through tsx when the bundle cannot be built (TESSERA_FROM_SOURCE=1 forces it).
import { fileURLToPath } from 'node:url';

// `start` serves the web app too: its build (see web-build.mjs) runs beside the server bundle's.
const webBuild =
  process.argv[2] === 'start' ? import('./web-build.mjs').then((m) => m.ensureWebBuild()) : Promise.resolve();

let entry;
if (!process.env.TESSERA_FROM_SOURCE) {
  try {
    const { ensureBundle } = await import('./server-bundle.mjs');
    entry = await ensureBundle();
  } catch (error) {
    process.stderr.write(
      `tessera: running from the sources (the bundle could not be built: ${error.message})\n`,
    );
  }
}
await webBuild.catch((error) => process.stderr.write(`tessera: web app not built (${error.message})\n`));
if (entry) {
  await import(entry);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(fileURLToPath(new URL('./main.ts', import.meta.url)));
}
