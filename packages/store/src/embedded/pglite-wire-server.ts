import { createServer, type Server, type Socket } from 'node:net';
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

interface Batch {
  readonly conn: Connection;
  readonly messages: Uint8Array[];
  /** Ends with Sync or a simple Query: the backend may be idle afterwards. */
  readonly closesTurn: boolean;
}

interface Connection {
  readonly socket: Socket;
  buffer: Buffer;
  started: boolean;
  pending: Uint8Array[];
  closed: boolean;
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
    const conn: Connection = { socket, buffer: Buffer.alloc(0), started: false, pending: [], closed: false };
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
