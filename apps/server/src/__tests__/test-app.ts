import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FileStorage } from '@tessera/files';
import { createTestDatabase, type TestDatabase } from '@tessera/store/testing';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createUser } from '../auth/user.store';
import type { Clock } from '../config/clock';
import { loadConfig } from '../config/config';
import { fileStorageFrom } from '../files/file-storage.config';
import { buildApp } from '../http/app';

export interface TestApp {
  readonly app: FastifyInstance;
  readonly database: TestDatabase;
  /** The app's file storage (attachments, a pack's print images). */
  readonly files: FileStorage;
  close(): Promise<void>;
}

export async function createTestApp(
  env: Record<string, string> = {},
  options: { clock?: Clock; webRoot?: string } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  // attachment files of a test app live in a folder of its own, removed with it
  const filesDir = env.TESSERA_FILES_DIR ? undefined : await mkdtemp(join(tmpdir(), 'tessera-test-files-'));
  const result = loadConfig({
    LOG_LEVEL: 'silent',
    ...(filesDir ? { TESSERA_FILES_DIR: filesDir } : {}),
    ...env,
  });
  if (!result.ok) throw new Error(result.errors.join('; '));
  const files = fileStorageFrom(result.config);
  const app = await buildApp({
    fileStorage: files,
    config: result.config,
    db: database.db,
    databaseKind: database.kind,
    ...(database.busyForMs ? { databaseBusyForMs: () => database.busyForMs?.() } : {}),
    logger: false,
    ...(options.clock ? { clock: options.clock } : {}),
    webRoot: options.webRoot ?? false,
  });
  return {
    app,
    database,
    files,
    async close() {
      await app.close();
      await database.close();
      if (filesDir) await rm(filesDir, { recursive: true, force: true });
    },
  };
}

export async function addUser(
  t: TestApp,
  username: string,
  password: string,
  isAdmin = false,
): Promise<void> {
  const result = await createUser(t.database.db, { username, password, isAdmin });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
}

/** A logged-in client: sends the session cookie and the CSRF token like the web app does. */
export interface Client {
  readonly cookie: string;
  readonly csrfToken: string;
  request(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    body?: unknown,
  ): Promise<LightMyRequestResponse>;
}

export async function login(t: TestApp, username: string, password: string): Promise<Client> {
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'tessera_session')!;
  const { csrfToken } = res.json();
  return {
    cookie: `${cookie.name}=${cookie.value}`,
    csrfToken,
    request: (method, url, body) =>
      t.app.inject({
        method,
        url,
        headers: { cookie: `${cookie.name}=${cookie.value}`, 'x-csrf-token': csrfToken },
        ...(body === undefined ? {} : { payload: body as object }),
      }),
  };
}
