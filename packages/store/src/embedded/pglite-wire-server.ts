import { createServer, type Server, type Socket } from 'node:net';
import { CopyIn, commandComplete, copyInResponse, isCopyFromStdin } from './pglite-copy-in';
import type { PgliteWorkerHost } from './pglite-worker.host';

/**
 * Serves one PGlite over the Postgres wire protocol to many connections.
 *
 * PGlite is a single backend session, so connections must take turns — and a turn is longer than
 * one message: an extended-protocol query (Parse, Bind, Describe, Execute … Sync) and a whole
 * transaction both belong to one connection. @electric-sql/pglite-socket only keeps transactions
 * together; two connections' Parse/Bind messages outside a transaction interleave there (seen
 * here: empty results and `portal "" does not exist` under concurrent HTTP load). Here a
 * connection owns the backend from its first message until the backend is idle again: after a
 * Sync or simple Query, outside a transaction. Other connections' batches wait in arrival order.
 *
 * PGlite runs in a worker thread (pglite-worker.host.ts): a batch past the backend's
 * statement_timeout is stopped there, and its connection gets what Postgres sends for a cancelled
 * statement (57014), so the client's error handling and the pool work as on a server.
 *
 * `COPY … FROM STDIN` is answered here and loaded in segments (pglite-copy-in.ts); the connection
 * owns the backend from the query to its CopyDone.
 */
export interface PgliteWireServer {
  readonly port: number;
  /** How long the running batch has been running (ms), undefined when the backend is idle. */
  busyForMs(): number | undefined;
  stop(): Promise<void>;
}

const SSL_REQUEST = 80877103;
const CANCEL_REQUEST = 80877102;
const SYNC = 0x53; // 'S'
const QUERY = 0x51; // 'Q'
const FLUSH = 0x48; // 'H'
const TERMINATE = 0x58; // 'X'
const COPY_DATA = 0x64; // 'd'
const COPY_DONE = 0x63; // 'c'
const COPY_FAIL = 0x66; // 'f'

interface Batch {
  readonly conn: Connection;
  readonly messages: Uint8Array[];
  /** Ends with Sync or a simple Query: the backend may be idle afterwards. */
  readonly closesTurn: boolean;
  /** A step of a COPY FROM STDIN instead of messages. */
  readonly copy?: { readonly state: CopyIn; readonly step: CopyStep };
}

type CopyStep =
  | { readonly kind: 'start' }
  | { readonly kind: 'segment'; readonly data: Buffer }
  | { readonly kind: 'end'; readonly failedByClient: boolean };

interface Connection {
  readonly socket: Socket;
  buffer: Buffer;
  started: boolean;
  pending: Uint8Array[];
  closed: boolean;
  /** From a COPY FROM STDIN query to its CopyDone or CopyFail. */
  copy: CopyIn | null;
}

export async function startPgliteWireServer(
  backend: PgliteWorkerHost,
  host = '127.0.0.1',
): Promise<PgliteWireServer> {
  let inTransaction = false;
  const queue: Batch[] = [];
  let owner: Connection | null = null;
  let running = false;
  const connections = new Set<Connection>();

  const pump = async () => {
    if (running) return;
    running = true;
    try {
      for (;;) {
        const index = queue.findIndex((b) => owner === null || b.conn === owner);
        if (index < 0) break;
        const [batch] = queue.splice(index, 1);
        if (!batch || batch.conn.closed) continue;
        owner = batch.conn;
        await run(batch);
        if (batch.closesTurn && !inTransaction) owner = null;
      }
    } finally {
      running = false;
    }
  };

  const run = async (batch: Batch) => {
    const { socket } = batch.conn;
    if (batch.copy) {
      const out = await runCopyStep(backend, batch.copy.state, batch.copy.step);
      inTransaction = backend.inTransaction();
      if (out.length > 0 && socket.writable) socket.write(out);
      return;
    }
    const outcome = await backend.run(batch.messages, batch.closesTurn);
    if (outcome.kind === 'done') {
      inTransaction = outcome.inTransaction;
      if (outcome.output.length > 0 && socket.writable) socket.write(outcome.output);
      return;
    }
    // stopped: the backend was reopened, so no transaction is open any more
    inTransaction = false;
    if (!batch.closesTurn) {
      socket.destroy(); // mid extended query: no clean place to answer
      return;
    }
    if (socket.writable)
      socket.write(
        Buffer.concat([
          errorResponse(
            '57014',
            `canceling statement due to statement timeout (after ${outcome.afterMs} ms)`,
          ),
          readyForQuery(outcome.wasInTransaction ? 'E' : 'I'),
        ]),
      );
  };

  /** A connection that goes away mid-turn must not leave the backend in its query or transaction. */
  const release = async (conn: Connection) => {
    conn.closed = true;
    connections.delete(conn);
    for (let i = queue.length - 1; i >= 0; i--) if (queue[i]!.conn === conn) queue.splice(i, 1);
    if (owner !== conn) return;
    // end a half-sent extended query and the connection's transaction (in queue order)
    await backend.reset();
    inTransaction = false;
    owner = null;
    void pump();
  };

  const onData = (conn: Connection, chunk: Buffer) => {
    conn.buffer = conn.buffer.length === 0 ? chunk : Buffer.concat([conn.buffer, chunk]);
    for (;;) {
      const buf = conn.buffer;
      if (!conn.started) {
        if (buf.length < 8) return;
        const length = buf.readInt32BE(0);
        if (buf.length < length) return;
        const code = buf.readInt32BE(4);
        conn.buffer = buf.subarray(length);
        if (code === SSL_REQUEST) {
          conn.socket.write('N');
          continue;
        }
        if (code === CANCEL_REQUEST) {
          conn.socket.end();
          return;
        }
        conn.started = true;
        queue.push({ conn, messages: [new Uint8Array(buf.subarray(0, length))], closesTurn: true });
        void pump();
        continue;
      }
      if (buf.length < 5) return;
      const length = 1 + buf.readInt32BE(1);
      if (buf.length < length) return;
      const type = buf[0]!;
      conn.buffer = buf.subarray(length);
      if (conn.copy) {
        const state = conn.copy;
        if (type === COPY_DATA) {
          const segment = state.push(Buffer.from(buf.subarray(5, length)));
          if (segment)
            queue.push({
              conn,
              messages: [],
              closesTurn: false,
              copy: { state, step: { kind: 'segment', data: segment } },
            });
        } else if (type === COPY_DONE || type === COPY_FAIL) {
          conn.copy = null;
          const step: CopyStep = { kind: 'end', failedByClient: type === COPY_FAIL };
          queue.push({ conn, messages: [], closesTurn: true, copy: { state, step } });
        }
        // Flush and Sync during COPY are ignored, as by a server
        void pump();
        continue;
      }
      if (type === QUERY && conn.pending.length === 0) {
        const text = buf.subarray(5, length - 1).toString('utf8');
        if (isCopyFromStdin(text)) {
          const state = new CopyIn(text);
          conn.copy = state;
          queue.push({ conn, messages: [], closesTurn: false, copy: { state, step: { kind: 'start' } } });
          void pump();
          continue;
        }
      }
      if (type === TERMINATE) {
        conn.socket.end();
        return;
      }
      conn.pending.push(new Uint8Array(buf.subarray(0, length)));
      if (type === SYNC || type === QUERY || type === FLUSH) {
        queue.push({ conn, messages: conn.pending, closesTurn: type !== FLUSH });
        conn.pending = [];
        void pump();
      }
    }
  };

  const server: Server = createServer((socket) => {
    socket.setNoDelay(true);
    const conn: Connection = {
      socket,
      buffer: Buffer.alloc(0),
      started: false,
      pending: [],
      closed: false,
      copy: null,
    };
    connections.add(conn);
    socket.on('data', (chunk) => {
      try {
        onData(conn, chunk);
      } catch {
        socket.destroy();
      }
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => void release(conn));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    busyForMs: () => backend.busyForMs(),
    async stop() {
      for (const conn of connections) conn.socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Runs one step of a COPY on the backend and returns what the client is sent: CopyInResponse at
 * the start; at the end CommandComplete (or the first refusal) and ReadyForQuery. Segments after
 * the first run in one transaction: the caller's, or one opened here and committed at the end.
 */
async function runCopyStep(backend: PgliteWorkerHost, copy: CopyIn, step: CopyStep): Promise<Buffer> {
  if (step.kind === 'start') return copyInResponse();
  const load = async (data: Buffer, last: boolean) => {
    if (copy.failed) return;
    const begin = !last && copy.segments === 0 && !backend.inTransaction();
    if (begin) copy.ownTransaction = true;
    copy.segments += 1;
    const result = await backend.copy({
      statement: copy.statement,
      data,
      begin,
      ...(last && copy.ownTransaction ? { end: 'commit' as const } : {}),
      endOnError: copy.ownTransaction,
    });
    copy.rows += result.rows;
    if (result.error) {
      copy.failed = true;
      copy.error = result.error;
    }
  };
  if (step.kind === 'segment') {
    await load(step.data, false);
    return Buffer.alloc(0);
  }
  const rest = copy.finish();
  if (step.failedByClient && !copy.failed) {
    const result = await backend.copy({ statement: '', fail: true, endOnError: copy.ownTransaction });
    copy.failed = true;
    copy.error = result.error ?? { code: '57014', message: 'COPY from stdin failed' };
  } else await load(rest, true);
  const status = backend.inTransaction() ? (copy.failed ? 'E' : 'T') : 'I';
  if (copy.failed) {
    const error = copy.error ?? { code: 'XX000', message: 'COPY failed' };
    return Buffer.concat([errorResponse(error.code, error.message), readyForQuery(status)]);
  }
  return Buffer.concat([commandComplete(`COPY ${copy.rows}`), readyForQuery(status)]);
}

/** An ErrorResponse ('E') with severity, SQLSTATE and message. */
function errorResponse(code: string, message: string): Buffer {
  const fields = Buffer.concat(
    [
      ['S', 'ERROR'],
      ['V', 'ERROR'],
      ['C', code],
      ['M', message],
    ].map(([type, value]) => Buffer.from(`${type}${value}\0`, 'utf8')),
  );
  const head = Buffer.alloc(5);
  head.write('E', 0);
  head.writeInt32BE(4 + fields.length + 1, 1);
  return Buffer.concat([head, fields, Buffer.from([0])]);
}

/** ReadyForQuery ('Z') with the transaction status: I idle, T in a transaction, E failed one. */
function readyForQuery(status: 'I' | 'T' | 'E'): Buffer {
  return Buffer.from([0x5a, 0, 0, 0, 5, status.charCodeAt(0)]);
}
