import { createServer, type Server, type Socket } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';

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
 */
export interface PgliteWireServer {
  readonly port: number;
  stop(): Promise<void>;
}

const SSL_REQUEST = 80877103;
const CANCEL_REQUEST = 80877102;
const SYNC = 0x53; // 'S'
const QUERY = 0x51; // 'Q'
const FLUSH = 0x48; // 'H'
const TERMINATE = 0x58; // 'X'
const SYNC_MESSAGE = new Uint8Array([SYNC, 0, 0, 0, 4]);

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

export async function startPgliteWireServer(pglite: PGlite, host = '127.0.0.1'): Promise<PgliteWireServer> {
  const db = pglite as PGlite & { isInTransaction(): boolean };
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
        if (batch.closesTurn && !db.isInTransaction()) owner = null;
      }
    } finally {
      running = false;
    }
  };

  const run = async (batch: Batch) => {
    const { socket } = batch.conn;
    await db.runExclusive(async () => {
      for (const message of batch.messages) {
        await db.execProtocolRawStream(message, {
          onRawData: (data: Uint8Array) => {
            if (data.length > 0 && socket.writable) socket.write(data);
          },
        });
      }
    });
  };

  /** A connection that goes away mid-turn must not leave the backend in its query or transaction. */
  const release = async (conn: Connection) => {
    conn.closed = true;
    connections.delete(conn);
    for (let i = queue.length - 1; i >= 0; i--) if (queue[i]!.conn === conn) queue.splice(i, 1);
    if (owner !== conn) return;
    // end a half-sent extended query; `exec` takes PGlite's lock itself, so it runs after
    await db.runExclusive(() => db.execProtocolRaw(SYNC_MESSAGE).catch(() => undefined));
    if (db.isInTransaction()) await db.exec('ROLLBACK').catch(() => undefined);
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
    async stop() {
      for (const conn of connections) conn.socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
