// The embedded PGlite in a worker thread (node:worker_threads), so a long statement blocks this
// thread, never the server's event loop. Plain JavaScript on purpose: Node loads it as it is from
// the sources, the tests and the start-up bundle alike. The wire server (pglite-wire-server.ts)
// sends it whole batches of protocol messages and gets each batch's output back in one message.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

const TIMEOUT_TEXT = Buffer.from('statement_timeout');
/** Query ('Q') and Parse ('P') carry SQL text; only those can change statement_timeout. */
const mentionsTimeout = (messages) =>
  messages.some(
    (m) =>
      (m[0] === 0x51 || m[0] === 0x50) &&
      Buffer.from(m.buffer, m.byteOffset, m.byteLength).includes(TIMEOUT_TEXT),
  );

const pglite = await PGlite.create(workerData.dir);
/** The backend's statement_timeout (ms, 0: none), read again whenever it may have changed. */
let timeoutMs = 0;
let timeoutMayReset = false;

const readTimeout = async () => {
  try {
    const result = await pglite.query("select current_setting('statement_timeout') as v");
    timeoutMs = parseDuration(String(result.rows[0]?.v ?? '0'));
  } catch {
    // an aborted transaction refuses every query until its ROLLBACK; keep the last value
  }
};

// one request at a time, in arrival order: PGlite's protocol calls must not interleave
let chain = Promise.resolve();
parentPort.on('message', (request) => {
  chain = chain.then(() => handle(request));
});

async function handle(request) {
  try {
    if (request.kind === 'run') {
      const output = [];
      let size = 0;
      const before = pglite.isInTransaction();
      for (const message of request.messages) {
        await pglite.execProtocolRawStream(message, {
          onRawData: (data) => {
            if (data.length === 0) return;
            output.push(data.slice());
            size += data.length;
          },
        });
      }
      const inTransaction = pglite.isInTransaction();
      // after a whole turn (Sync or Query) the backend is idle and may be asked
      if (request.closesTurn) {
        if (mentionsTimeout(request.messages)) {
          await readTimeout();
          timeoutMayReset = true;
        } else if (timeoutMayReset && !inTransaction && before) {
          await readTimeout(); // SET LOCAL ends with its transaction
          timeoutMayReset = timeoutMs !== 0;
        }
      }
      const joined = new Uint8Array(size);
      let at = 0;
      for (const chunk of output) {
        joined.set(chunk, at);
        at += chunk.length;
      }
      parentPort.postMessage({ id: request.id, ok: true, output: joined, inTransaction, timeoutMs }, [
        joined.buffer,
      ]);
    } else if (request.kind === 'copy') {
      // one step of a COPY … FROM STDIN the wire server collected (pglite-copy-in.ts)
      let rows = 0;
      let error = null;
      try {
        if (request.begin) await pglite.exec('BEGIN');
        if (request.data && request.data.length > 0) {
          const result = await pglite.query(request.statement, [], { blob: new Blob([request.data]) });
          rows = result.affectedRows ?? 0;
        } else if (request.fail) {
          // the client gave up (CopyFail): its transaction is aborted, as on a server
          await pglite.exec(
            "do $$ begin raise exception 'COPY from stdin failed' using errcode = '57014'; end $$",
          );
        }
        if (request.end === 'commit') await pglite.exec('COMMIT');
      } catch (e) {
        error = {
          code: typeof e?.code === 'string' ? e.code : 'XX000',
          message: e instanceof Error ? e.message : String(e),
          detail: typeof e?.detail === 'string' ? e.detail : undefined,
        };
      }
      if (request.end === 'rollback' || (error && request.endOnError))
        await pglite.exec('ROLLBACK').catch(() => undefined);
      parentPort.postMessage({
        id: request.id,
        ok: true,
        rows,
        error,
        inTransaction: pglite.isInTransaction(),
      });
    } else if (request.kind === 'reset') {
      // a connection left mid-turn: end its half-sent query and its transaction
      await pglite.execProtocolRaw(new Uint8Array([0x53, 0, 0, 0, 4])).catch(() => undefined);
      if (pglite.isInTransaction()) await pglite.exec('ROLLBACK').catch(() => undefined);
      await readTimeout();
      parentPort.postMessage({ id: request.id, ok: true, inTransaction: false, timeoutMs });
    } else if (request.kind === 'close') {
      await pglite.close();
      parentPort.postMessage({ id: request.id, ok: true });
    }
  } catch (error) {
    parentPort.postMessage({
      id: request.id,
      ok: false,
      message: error instanceof Error ? error.message : String(error),
    });
  }
}
parentPort.postMessage({ ready: true });

/** Postgres' duration text (`0`, `1500ms`, `30s`, `2min`, `1h`) in ms. */
function parseDuration(text) {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|min|h|d)?$/.exec(text.trim());
  if (!match) return 0;
  const unit = { ms: 1, s: 1000, min: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] ?? 'ms'];
  return Math.round(Number(match[1]) * unit);
}
