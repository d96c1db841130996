// Plain JavaScript on purpose: this runs before any TypeScript loader exists.
import { readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The CLI as one esbuild bundle of the workspace's TypeScript (apps/server and packages/*),
 * built on first use and rebuilt only when a source, a package.json or the lockfile is newer
 * than the bundle. Node then loads a few already-compiled files instead of hundreds of modules
 * through tsx — the biggest part of start-up. Tests keep running from the sources.
 *
 * Dependencies are bundled too (loading one file beats resolving and reading thousands), except
 * the few in EXTERNAL. `import.meta.url`, `__dirname` and friends are replaced by each module's
 * original location, so files found relative to a module (package.json, the demo pack) still are.
 */
const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = join(here, '../../../..');
const OUT = join(ROOT, 'apps/server/dist/cli');
const ENTRY = join(ROOT, 'apps/server/src/cli/main.ts');
const STAMP = join(OUT, 'current.json');
/** Bumped when the build options below change, so an old bundle is not reused. */
const FORMAT = 3;

const SOURCE_DIRS = () => [
  join(ROOT, 'apps/server/src'),
  ...readdirSync(join(ROOT, 'packages')).map((p) => join(ROOT, 'packages', p)),
];

/** Newest modification time (ms) of the bundled sources and what decides dependency versions. */
export function newestSourceTime() {
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
      if (name === 'node_modules' || name === '__tests__' || name === 'dist' || name.startsWith('.')) return;
      for (const entry of readdirSync(path)) visit(join(path, entry));
      return;
    }
    if (/\.(ts|mts|js|mjs|json)$/.test(path) && info.mtimeMs > newest) newest = info.mtimeMs;
  };
  for (const dir of SOURCE_DIRS()) visit(dir);
  visit(join(ROOT, 'pnpm-lock.yaml'));
  visit(join(ROOT, 'package.json'));
  visit(fileURLToPath(import.meta.url));
  return newest;
}

function currentBundle() {
  try {
    const stamp = JSON.parse(readFileSync(STAMP, 'utf8'));
    if (stamp.format !== FORMAT || stamp.node !== process.version) return undefined;
    if (newestSourceTime() > stamp.sourceTime) return undefined;
    const entry = join(OUT, stamp.dir, 'main.mjs');
    statSync(entry);
    return entry;
  } catch {
    return undefined;
  }
}

/**
 * Dependencies kept as files that Node loads itself: native addons, WebAssembly with its data
 * files, static assets served from the package folder, the bundler itself.
 */
const EXTERNAL = [
  /^@electric-sql\//,
  /^@node-rs\//,
  /^esbuild$/,
  /^@fastify\/swagger-ui$/,
  /^@fastify\/static$/,
  /^graphile-worker$/,
  /^pg-native$/,
  /^fsevents$/,
];

/** Replaces a module's own-location expressions by its original location (as strings). */
function pinLocation(source, path) {
  let out = source.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(path).href));
  out = out.replaceAll('import.meta.dirname', JSON.stringify(dirname(path)));
  out = out.replaceAll('import.meta.filename', JSON.stringify(path));
  // CommonJS: unless the module declares its own __dirname / __filename
  if (!/\b(?:const|let|var)\s+__(?:dirname|filename)\b/.test(out)) {
    out = out.replace(/(?<![.\w$])__dirname(?![\w$])/g, JSON.stringify(dirname(path)));
    out = out.replace(/(?<![.\w$])__filename(?![\w$])/g, JSON.stringify(path));
  }
  return out;
}

const workspacePlugin = {
  name: 'tessera-workspace',
  setup(build) {
    // Bare imports are bundled, except the EXTERNAL packages: those are pinned at build time to
    // the file Node would load for the importing package (pnpm keeps each package's dependencies
    // private, so a bare name would not resolve from the bundle's folder).
    build.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData?.pinning || args.path.startsWith('node:')) return undefined;
      const name = args.path.startsWith('@')
        ? args.path.split('/').slice(0, 2).join('/')
        : args.path.split('/')[0];
      const resolved = await build.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        pluginData: { pinning: true },
      });
      // An optional dependency that is not installed (e.g. pg-native) fails only if it is used.
      if (resolved.errors.length > 0) return { path: args.path, external: true };
      if (resolved.external || !resolved.path.startsWith('/')) return { path: args.path, external: true };
      if (EXTERNAL.some((re) => re.test(name))) return { path: resolved.path, external: true };
      return { path: resolved.path };
    });
    build.onLoad({ filter: /\.([cm]?[jt]s)$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const inModules = args.path.includes('/node_modules/');
      const ext = args.path.slice(args.path.lastIndexOf('.') + 1);
      const loader = ext.endsWith('ts') ? 'ts' : 'js';
      if (inModules && loader === 'ts') return undefined;
      return { contents: pinLocation(source, args.path), loader };
    });
  },
};

/**
 * The bundle's entry file, built now if missing or older than a source. Each build goes to its own
 * folder and `current.json` is switched to it atomically: a process that is still loading chunks
 * of the previous build keeps finding them (old builds are removed after ten minutes).
 */
export async function ensureBundle() {
  const existing = currentBundle();
  if (existing) return existing;
  const sourceTime = newestSourceTime();
  const esbuild = await import('esbuild');
  const dir = `b${Date.now()}-${process.pid}`;
  const result = await esbuild.build({
    entryPoints: { main: ENTRY },
    outdir: join(OUT, dir),
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    mainFields: ['main', 'module'],
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    logLevel: 'silent',
    plugins: [workspacePlugin],
    // bundled CommonJS code may require() Node built-ins
    banner: {
      js: "import { createRequire as __tesseraRequire } from 'node:module'; const require = __tesseraRequire(import.meta.url);",
    },
  });
  // esbuild's service process would otherwise stay alive (and resident) as long as the server
  await esbuild.stop();
  if (result.errors.length > 0) throw new Error(result.errors.map((e) => e.text).join('; '));
  const next = `${STAMP}.${process.pid}`;
  writeFileSync(next, JSON.stringify({ format: FORMAT, node: process.version, sourceTime, dir }));
  renameSync(next, STAMP);
  for (const other of readdirSync(OUT)) {
    if (other === dir || !/^b\d+-\d+$/.test(other)) continue;
    const path = join(OUT, other);
    if (Date.now() - statSync(path).mtimeMs > 10 * 60_000) rmSync(path, { recursive: true, force: true });
  }
  return join(OUT, dir, 'main.mjs');
}
