import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { resolve } from 'node:path';

/**
 * The real server as a child process (`tessera start`), for tests and benchmarks that need
 * several processes or a SIGKILL: nothing is mocked, the process is the one operators run.
 * No vitest import here — the scale-out check and benchmark use it too.
 */

const ROOT = resolve(import.meta.dirname, '../../../..');
const CLI = ['--import', 'tsx/esm', 'apps/server/src/cli/main.ts'];

export interface ServerProcess {
  readonly child: ChildProcessWithoutNullStreams;
  readonly url: string;
  readonly pid: number;
  /** Everything the process printed so far (banner, warnings, errors). */
  output(): string;
  /** Resolves with the first match of `pattern` in what the process prints (or has printed). */
  waitForOutput(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray>;
  /** SIGKILL: no shutdown hook runs, connections just drop. Resolves when the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM: the graceful shutdown operators use. Resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Starts `tessera start` on a free port and resolves once it serves (its banner is printed). */
export async function startServerProcess(
  env: Record<string, string>,
  options: { timeoutMs?: number } = {},
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...CLI, 'start'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      LOG_LEVEL: 'warn',
      PORT: '0',
      HOST: '127.0.0.1',
      TESSERA_DEMO: 'false',
      ...env,
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
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start within ${options.timeoutMs ?? 60_000} ms:\n${printed}`));
    }, options.timeoutMs ?? 60_000);
    const check = () => {
      const match = /running at (http:\/\/\S+)/.exec(printed);
      if (match && printed.includes('API docs')) {
        clearTimeout(timer);
        resolveUrl(match[1]!);
      }
    };
    child.stdout.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before serving:\n${printed}`));
    });
  });
  return {
    child,
    url,
    pid: child.pid!,
    output: () => printed,
    waitForOutput: (pattern, timeoutMs) =>
      new Promise((resolveMatch, reject) => {
        const check = () => {
          const match = pattern.exec(printed);
          if (!match) return;
          clearTimeout(timer);
          child.stdout.off('data', check);
          resolveMatch(match);
        };
        const timer = setTimeout(() => {
          child.stdout.off('data', check);
          reject(new Error(`the server did not print ${pattern} within ${timeoutMs} ms:\n${printed}`));
        }, timeoutMs);
        child.stdout.on('data', check);
        void exited.then((code) => {
          clearTimeout(timer);
          reject(new Error(`the server exited (${code}) before printing ${pattern}:\n${printed}`));
        });
        check();
      }),
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

export interface HttpAnswer {
  readonly status: number;
  readonly body: any;
}

/** A logged-in API client; the session is a database row, so it works against every node. */
export interface ApiSession {
  request(base: string, method: string, path: string, body?: unknown): Promise<HttpAnswer>;
}

export async function loginTo(base: string, username: string, password: string): Promise<ApiSession> {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) throw new Error(`login failed: ${response.status} ${await response.text()}`);
  const cookie = (response.headers.getSetCookie?.() ?? [])
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('tessera_session='));
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  if (!cookie) throw new Error('login answered without a session cookie');
  return {
    async request(target, method, path, body) {
      const answer = await fetch(`${target}${path}`, {
        method,
        headers: {
          cookie,
          'x-csrf-token': csrfToken,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await answer.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        // not JSON: keep the text
      }
      return { status: answer.status, body: parsed };
    },
  };
}
