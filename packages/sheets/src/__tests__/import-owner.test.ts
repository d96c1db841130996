import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@tessera/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  IMPORT_OWNER_LOCK_SPACE,
  ImportOwnerLock,
  INTERRUPTED_MESSAGE,
  insertImportJob,
  interruptOrphanedImports,
  markImportRunning,
  readImportJob,
} from '../index';

// An import whose server process died (SIGKILL, lost machine) must not stay `running` forever: its
// owner's liveness lock is gone, so the next sweep (every server runs one at start-up and every
// minute) marks it `interrupted` with a message saying what happened and what to do.
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

const job = (owner?: string) =>
  insertImportJob(t.db, {
    app: 'a',
    form: 'f',
    fileName: 'x.csv',
    format: 'csv',
    options: {},
    createdBy: null,
    at: new Date(),
    ...(owner ? { owner } : {}),
  });

describe('imports of a process that is gone', () => {
  it('are interrupted by the sweep; those of a live owner are left alone until it lets go', async () => {
    const live = new ImportOwnerLock(t.db, randomUUID());
    await live.hold();
    const mine = await job(live.owner);
    await markImportRunning(t.db, mine);
    const orphan = await job(randomUUID()); // its owner never held (or lost) its lock
    await markImportRunning(t.db, orphan);
    const legacy = await job(); // queued before owners were recorded

    const swept = await interruptOrphanedImports(t.db, new Date());
    expect(new Set(swept)).toEqual(new Set([orphan, legacy]));
    expect(await readImportJob(t.db, orphan)).toMatchObject({
      status: 'interrupted',
      error: INTERRUPTED_MESSAGE,
    });
    expect((await readImportJob(t.db, orphan))!.finishedAt).not.toBeNull();
    expect(await readImportJob(t.db, legacy)).toMatchObject({ status: 'interrupted' });
    expect(await readImportJob(t.db, mine)).toMatchObject({ status: 'running', error: null });

    await live.hold(); // a second import of the same process: one lock, counted
    await live.drop();
    expect(await interruptOrphanedImports(t.db, new Date())).toEqual([]);
    await live.drop(); // the last one gives the lock back
    expect(await interruptOrphanedImports(t.db, new Date())).toEqual([mine]);
  });

  // A real process killed with SIGKILL while it holds the lock: the server drops its connection
  // and with it the lock. (On the embedded PGlite the database lives inside the server process:
  // a crash ends both, and the restarted database holds no lock at all — the case above.)
  it.skipIf(!process.env.TESSERA_TEST_DATABASE_URL)(
    'a server process killed with SIGKILL leaves its running import to be interrupted',
    async () => {
      const owner = randomUUID();
      const child = spawn(
        process.execPath,
        [
          '-e',
          `const pg = require('pg'); const c = new pg.Client({ connectionString: process.argv[1] });
           c.connect().then(() => c.query('select pg_advisory_lock($1, hashtext($2) & 2147483647)', [${IMPORT_OWNER_LOCK_SPACE}, process.argv[2]]))
             .then(() => console.log('locked'));
           setInterval(() => {}, 1000);`,
          t.connectionString,
          owner,
        ],
        { cwd: new URL('../../../store', import.meta.url).pathname }, // where `pg` resolves
      );
      try {
        await new Promise<void>((resolve, reject) => {
          child.stdout.on('data', (d) => String(d).includes('locked') && resolve());
          child.on('exit', (code) => reject(new Error(`child exited ${code}`)));
        });
        const id = await job(owner);
        await markImportRunning(t.db, id);
        expect(await interruptOrphanedImports(t.db, new Date())).toEqual([]);
        const gone = new Promise((r) => child.on('exit', r));
        child.kill('SIGKILL');
        await gone;
        let swept: string[] = [];
        for (let i = 0; i < 50 && swept.length === 0; i++) {
          swept = await interruptOrphanedImports(t.db, new Date()); // the server notices the dead socket at once
          if (swept.length === 0) await new Promise((r) => setTimeout(r, 100));
        }
        expect(swept).toEqual([id]);
        expect(await readImportJob(t.db, id)).toMatchObject({ status: 'interrupted' });
      } finally {
        child.kill('SIGKILL');
      }
    },
    30_000,
  );
});
