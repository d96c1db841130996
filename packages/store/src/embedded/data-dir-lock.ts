import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { StoreError } from '../errors';

/**
 * PGlite is a single backend: two processes opening one data folder would corrupt it.
 * A pid file refuses the second one with a clear message; a stale file (dead pid) is taken over.
 */
const openInThisProcess = new Set<string>();

export function lockDataDir(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const key = resolve(dir);
  const file = join(dir, 'tessera.pid');
  const holder = openInThisProcess.has(key) ? process.pid : readPid(file);
  if (holder !== undefined && (openInThisProcess.has(key) || (holder !== process.pid && isAlive(holder)))) {
    throw new StoreError(
      'DATA_DIR_LOCKED',
      `the data folder ${dir} is in use by another Tessera process (pid ${holder}); stop it or set DATA_DIR`,
    );
  }
  writeFileSync(file, String(process.pid));
  openInThisProcess.add(key);
  return () => {
    openInThisProcess.delete(key);
    if (readPid(file) === process.pid) rmSync(file, { force: true });
  };
}

function readPid(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
