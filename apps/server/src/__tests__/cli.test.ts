import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@tessera/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../../..');
const CLI = ['--import', 'tsx/esm', 'apps/server/src/cli/main.ts'];

function run(args: string[], env: Record<string, string>): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [...CLI, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', ...env },
  });
}

async function finish(
  child: ChildProcessWithoutNullStreams,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => {
    stdout += d;
  });
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const code = await new Promise<number | null>((r) => child.on('close', r));
  return { code, stdout, stderr };
}

/** Starts `tessera start` and resolves with its URL once it prints it. */
async function start(
  env: Record<string, string>,
): Promise<{ child: ChildProcessWithoutNullStreams; url: string; banner: string }> {
  const child = run(['start'], { PORT: '0', HOST: '127.0.0.1', WORKERS: '1', ...env });
  let banner = '';
  const url = await new Promise<string>((resolveUrl, reject) => {
    child.stdout.on('data', (d) => {
      banner += d;
      const match = /running at (http:\/\/\S+)/.exec(banner);
      if (match && banner.includes('API docs')) resolveUrl(match[1]!);
    });
    child.stderr.on('data', (d) => {
      banner += d;
    });
    child.on('close', (code) => reject(new Error(`exited ${code}: ${banner}`)));
  });
  return { child, url, banner };
}

async function stop(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  const closed = new Promise<number | null>((r) => child.on('close', r));
  child.kill('SIGTERM');
  return closed;
}

describe('tessera CLI', () => {
  it('a bad setting is one line on stderr and exit code 1', async () => {
    const result = await finish(run(['start'], { PORT: 'abc', WORKERS: '-3' }));
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      'tessera: invalid configuration: PORT must be a whole number (got "abc"); WORKERS must be ≥ 0 (got "-3")',
    ]);
  });

  it('an unreachable DATABASE_URL is one line on stderr and exit code 1', async () => {
    const result = await finish(
      run(['migrate'], { DATABASE_URL: 'postgres://tessera:secret@127.0.0.1:1/none' }),
    );
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^tessera: cannot connect to the database at postgres:\/\/tessera:\*\*\*@127\.0\.0\.1:1\/none/,
    );
  });

  it('user add refuses a weak password with the policy in words', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'tessera-cli-'));
    try {
      const result = await finish(run(['user', 'add', 'bob', '--password', 'short'], { DATA_DIR: dataDir }));
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/password must be at least 10 characters long/);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('tessera pack validate', () => {
  const fixture = join(ROOT, 'packages/packs/src/__tests__/fixtures/valid-pack');

  it('accepts a valid pack with exit code 0', async () => {
    const result = await finish(run(['pack', 'validate', fixture], {}));
    expect(result.stdout).toMatch(/valid pack mini-crm@/);
    expect(result.code).toBe(0);
  });

  it('lists every error with its file and JSON path and exits 1', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tessera-badpack-'));
    try {
      await cp(fixture, dir, { recursive: true });
      const customer = join(dir, 'forms/customer.json');
      const form = JSON.parse(await readFile(customer, 'utf8'));
      form.fields[0].type = 'strnig';
      await writeFile(customer, JSON.stringify(form, null, 2));
      await writeFile(join(dir, 'rules/broken.json'), '{ "name": ');
      const result = await finish(run(['pack', 'validate', dir], {}));
      expect(result.code).toBe(1);
      const lines = result.stdout.trim().split('\n');
      expect(lines).toEqual([
        expect.stringMatching(
          /^forms\/customer\.json \/fields\/0\/type: must be one of: text, .* \(got "strnig"\)$/,
        ),
        expect.stringMatching(/^rules\/broken\.json:\d+:\d+: invalid JSON/),
      ]);
      expect(result.stderr).toMatch(/2 error\(s\)/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('tessera start', () => {
  let database: TestDatabase | undefined;
  let env: Record<string, string>;
  let dataDir: string | undefined;

  beforeAll(async () => {
    const admin = { TESSERA_ADMIN_USER: 'boss', TESSERA_ADMIN_PASSWORD: 'first-admin-42' };
    if (process.env.TESSERA_TEST_DATABASE_URL) {
      database = await createTestDatabase({ poolSize: 1 });
      env = { ...admin, DATABASE_URL: database.connectionString };
    } else {
      dataDir = await mkdtemp(join(tmpdir(), 'tessera-start-'));
      env = { ...admin, DATA_DIR: dataDir };
    }
  });
  afterAll(async () => {
    await database?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('serves health, creates the first admin from the environment, installs the demo, stops cleanly and keeps data across restarts', async () => {
    const first = await start(env);
    try {
      expect(first.banner).toMatch(/first admin created — user: boss {2}password: first-admin-42/);
      expect(first.banner).toMatch(
        /Customer ERP demo installed \(app customer_erp\) — demo users, password (\S+):/,
      );
      expect(first.banner).toMatch(/ {4}director1 +sales_director/);
      const health = await fetch(`${first.url}/api/health`).then((r) => r.json());
      expect(health).toMatchObject({
        status: 'ok',
        database: process.env.TESSERA_TEST_DATABASE_URL ? 'postgres' : 'pglite',
      });
    } finally {
      expect(await stop(first.child)).toBe(0);
    }

    const second = await start(env);
    try {
      expect(second.banner).not.toMatch(/first admin created|demo installed/);
      const res = await fetch(`${second.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'boss', password: 'first-admin-42' }),
      });
      expect(res.status).toBe(200);
      const demo = await fetch(`${second.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'director1', password: 'Tessera-Demo-2026' }),
      });
      expect(demo.status).toBe(200);
    } finally {
      expect(await stop(second.child)).toBe(0);
    }
  }, 300_000);
});
