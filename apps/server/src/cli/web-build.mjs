// Plain JavaScript on purpose: this runs before any TypeScript loader exists.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The web app's production build (apps/web/dist), made by `pnpm start` on first use and whenever
 * a web source — or a package the browser loads, or the lockfile — is newer than the build, as
 * server-bundle.mjs does for the server. Vite runs in a child process (its memory goes with it)
 * into a fresh folder that replaces dist/ only when complete, so a failed build keeps the last one.
 */
const here = dirname(fileURLToPath(import.meta.url));
const ROOT = join(here, '../../../..');
const WEB = join(ROOT, 'apps/web');
const DIST = join(WEB, 'dist');
const STAMP = join(DIST, '.tessera-build.json');
/** Bumped when the build's options change, so an old build is not reused. */
const FORMAT = 1;

const SOURCES = () => [
  join(WEB, 'src'),
  join(WEB, 'index.html'),
  join(WEB, 'vite.config.ts'),
  join(WEB, 'package.json'),
  ...['schema', 'logic', 'charts', 'api'].map((p) => join(ROOT, 'packages', p, 'src')),
  join(ROOT, 'pnpm-lock.yaml'),
  fileURLToPath(import.meta.url),
];

export function newestWebSourceTime() {
  let newest = 0;
  const visit = (path) => {
    let info;
    try {
      info = statSync(path);
    } catch {
      return;
    }
    if (info.isDirectory()) {
      const name = path.slice(path.lastIndexOf('/') + 1);
      if (name === 'node_modules' || name === '__tests__' || name.startsWith('.')) return;
      for (const entry of readdirSync(path)) visit(join(path, entry));
      return;
    }
    if (info.mtimeMs > newest) newest = info.mtimeMs;
  };
  for (const source of SOURCES()) visit(source);
  return newest;
}

function upToDate() {
  try {
    const stamp = JSON.parse(readFileSync(STAMP, 'utf8'));
    return (
      stamp.format === FORMAT &&
      existsSync(join(DIST, 'index.html')) &&
      newestWebSourceTime() <= stamp.sourceTime
    );
  } catch {
    return false;
  }
}

/** Builds the web app if it is missing or stale; resolves to true when a current build exists. */
export async function ensureWebBuild(log = (line) => process.stderr.write(`${line}\n`)) {
  if (!existsSync(join(WEB, 'package.json'))) return false;
  if (upToDate()) return true;
  let vite;
  try {
    vite = join(
      dirname(createRequire(join(WEB, 'package.json')).resolve('vite/package.json')),
      'bin/vite.js',
    );
  } catch {
    log('tessera: the web app is not built and vite is not installed (pnpm install); serving the API only');
    return existsSync(join(DIST, 'index.html'));
  }
  const sourceTime = newestWebSourceTime();
  const out = join(WEB, `dist.tmp-${process.pid}`);
  const started = Date.now();
  log('tessera: building the web app…');
  const code = await new Promise((resolve) => {
    const child = spawn(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
      cwd: WEB,
      env: { ...process.env, TESSERA_WEB_OUT_DIR: out, NODE_ENV: 'production' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let errors = '';
    child.stderr.on('data', (chunk) => {
      errors += chunk;
    });
    child.on('error', () => resolve(1));
    child.on('exit', (status) => {
      if (status !== 0) log(errors.trim().split('\n').slice(-15).join('\n'));
      resolve(status);
    });
  });
  if (code !== 0) {
    rmSync(out, { recursive: true, force: true });
    log('tessera: the web app build failed (see above); serving the last build, if any');
    return existsSync(join(DIST, 'index.html'));
  }
  writeFileSync(join(out, '.tessera-build.json'), JSON.stringify({ format: FORMAT, sourceTime }));
  const old = join(WEB, `dist.old-${process.pid}`);
  if (existsSync(DIST)) renameSync(DIST, old);
  renameSync(out, DIST);
  rmSync(old, { recursive: true, force: true });
  log(`tessera: web app built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return true;
}
