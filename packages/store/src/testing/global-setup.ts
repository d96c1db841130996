import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../database';
import { migrateToLatest } from '../migrator';
import { TEST_DATABASE_KEY, type TestDatabaseInfo, withDatabaseName } from './test-database-info';

/**
 * Prepares one migrated template per test run, so each test file gets a fresh database cheaply:
 * PGlite's initdb costs seconds and ~1 GB, copying a prepared data folder costs milliseconds;
 * on a server, CREATE DATABASE … TEMPLATE does the same.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const serverUrl = process.env.TESSERA_TEST_DATABASE_URL;
  if (serverUrl) {
    const templateName = `tessera_tpl_${process.pid}_${Date.now()}`;
    await adminQuery(serverUrl, `create database ${templateName}`);
    const database = await openDatabase({ url: withDatabaseName(serverUrl, templateName), poolSize: 2 });
    await migrateToLatest(database.db, database.connectionString);
    await database.close();
    const info: TestDatabaseInfo = { kind: 'postgres', adminUrl: serverUrl, templateName };
    project.provide(TEST_DATABASE_KEY, info);
    return async () => {
      await adminQuery(serverUrl, `drop database if exists ${templateName} with (force)`);
    };
  }
  const templateDir = await mkdtemp(join(tmpdir(), 'tessera-test-template-'));
  const database = await openDatabase({ dataDir: templateDir, poolSize: 2 });
  await migrateToLatest(database.db, database.connectionString);
  await database.close();
  const info: TestDatabaseInfo = { kind: 'pglite', templateDir };
  project.provide(TEST_DATABASE_KEY, info);
  return async () => {
    await rm(templateDir, { recursive: true, force: true });
  };
}

/** Runs one statement on the server's maintenance connection (names here are generated, not user input). */
export async function adminQuery(url: string, statement: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
