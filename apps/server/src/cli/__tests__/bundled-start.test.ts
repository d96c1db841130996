import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@tessera/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../../../..');

let database: TestDatabase | undefined;
let dataDir: string | undefined;
let env: Record<string, string>;
beforeAll(async () => {
  if (process.env.TESSERA_TEST_DATABASE_URL) {
    database = await createTestDatabase({ poolSize: 1 });
    env = { DATABASE_URL: database.connectionString };
  } else {
    dataDir = await mkdtemp(join(tmpdir(), 'tessera-bundled-'));
    env = { DATA_DIR: dataDir };
  }
});
afterAll(async () => {
  await database?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('pnpm start (the bundled CLI)', () => {
  it('builds the bundle, serves the API with its native, WebAssembly and static-file dependencies, and stops cleanly', async () => {
    const child = spawn(process.execPath, ['apps/server/src/cli/launch.mjs', 'start'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        ...env,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        TESSERA_DEMO: 'false',
        TESSERA_ADMIN_USER: 'boss',
        TESSERA_ADMIN_PASSWORD: 'bundled-start-42',
      },
    });
    let printed = '';
    child.stdout.on('data', (d) => {
      printed += d;
    });
    child.stderr.on('data', (d) => {
      printed += d;
    });
    const exited = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
    try {
      const url = await new Promise<string>((ok, fail) => {
        const check = () => {
          const match = /running at (http:\/\/\S+)/.exec(printed);
          if (match && printed.includes('API docs')) ok(match[1]!);
        };
        child.stdout.on('data', check);
        void exited.then((code) => fail(new Error(`exited ${code}:\n${printed}`)));
      });
      // the bundle ran, not the tsx fallback
      expect(printed).not.toMatch(/running from the sources/);
      const health = await fetch(`${url}/api/health`);
      expect(await health.json()).toMatchObject({ status: 'ok' });
      // argon2 (a native addon, kept external) verifies the first admin's password
      const login = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'boss', password: 'bundled-start-42' }),
      });
      expect(login.status).toBe(200);
      const doc = (await (await fetch(`${url}/api/openapi.json`)).json()) as { paths: object };
      expect(Object.keys(doc.paths)).toContain('/api/audit');
      // Swagger UI serves its files from its package folder
      const ui = await fetch(`${url}/api/docs/static/index.html`);
      expect(ui.status).toBe(200);
      expect(await ui.text()).toMatch(/swagger/i);
    } finally {
      if (child.exitCode === null) child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 180_000);
});
