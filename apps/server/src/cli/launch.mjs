// What `pnpm start` and `pnpm tessera` run: the CLI from its bundle (see server-bundle.mjs), or from
// the TypeScript sources through tsx when the bundle cannot be built (TESSERA_FROM_SOURCE=1 forces it).
import { fileURLToPath } from 'node:url';

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
if (entry) {
  await import(entry);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(fileURLToPath(new URL('./main.ts', import.meta.url)));
}
