import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type APIRequestContext, type Page, request } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { type ServerProcess, startServerProcess } from '../../server/src/__tests__/server-process';
import { launchBrowser } from './browser';

export const ARTIFACTS = new URL('./artifacts/', import.meta.url).pathname;
export const DEMO_PASSWORD = 'Tessera-Demo-2026';

/**
 * `tessera start` on a free port with a fresh embedded database and the Customer ERP demo, resolved
 * once the demo data is written: while it is generated the data (and the dashboards' figures)
 * still change, and on the embedded database its batches compete with the browser's requests.
 */
export async function startDemoServer(
  options: { customers?: number; env?: Readonly<Record<string, string>> } = {},
): Promise<{ server: ServerProcess; stop: () => Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tessera-e2e-'));
  const server = await startServerProcess(
    {
      DATA_DIR: dataDir,
      TESSERA_DEMO: 'true',
      TESSERA_DEMO_CUSTOMERS: String(options.customers ?? 24),
      WORKERS: '1',
      ...options.env,
    },
    { timeoutMs: 180_000 },
  );
  await server.waitForOutput(/demo data generated/, 600_000);
  return {
    server,
    stop: async () => {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * What went wrong in the page that a user would not see in a screenshot: uncaught errors and API
 * answers with a 5xx status (a 500 behind a generic "something went wrong" message). Assert it
 * stays empty.
 */
export function watchPage(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 500 && new URL(r.url()).pathname.startsWith('/api/'))
      problems.push(`${r.status()} ${r.request().method()} ${r.url()}`);
  });
  return problems;
}

/** What a browser suite works with once its `beforeAll` ran: the page, the server's base URL. */
export interface DemoBrowser {
  page: Page;
  base: string;
  server: ServerProcess;
  /** What went wrong unseen in the current step (see watchPage); more watchers may push to it. */
  problems: string[];
  /**
   * An API session of a demo user (its own cookies, the CSRF token on every change), for reading
   * back what the UI did or for setting up what a step does not show; disposed with the suite.
   */
  api(username: string, password?: string): Promise<APIRequestContext>;
}

/**
 * The set-up every browser suite shares: a demo server (startDemoServer), one Chromium page at the
 * viewport given, a step failing on a 5xx or an uncaught page error, a screenshot of the page a failed
 * step left (`failed-<prefix>-<step>`), and everything closed afterwards. `ready` hands the suite its
 * page and base URL once they exist.
 */
export function setUpDemoBrowser(
  options: {
    prefix: string;
    server?: Parameters<typeof startDemoServer>[0];
    width?: number;
    height?: number;
    locale?: string;
  },
  ready: (browser: DemoBrowser) => void,
): void {
  let demo: Awaited<ReturnType<typeof startDemoServer>> | undefined;
  let browser: Awaited<ReturnType<typeof launchBrowser>> | undefined;
  let session: DemoBrowser | undefined;
  const apis = new Map<string, APIRequestContext>();
  beforeAll(async () => {
    demo = await startDemoServer(options.server);
    browser = await launchBrowser({
      width: options.width ?? 1280,
      height: options.height ?? 800,
      locale: options.locale ?? 'zh-CN',
    });
    const page = await browser.context.newPage();
    session = {
      page,
      base: demo.server.url.replace('localhost', '127.0.0.1'),
      server: demo.server,
      problems: watchPage(page),
      async api(username, password = DEMO_PASSWORD) {
        const known = apis.get(username);
        if (known) return known;
        const context = await apiSession(this.base, username, password);
        apis.set(username, context);
        return context;
      },
    };
    ready(session);
  });
  afterEach(async (context) => {
    if (!session) return;
    if (context.task.result?.state === 'fail')
      await shot(session.page, `failed-${options.prefix}-${context.task.name.slice(0, 40)}`);
    expect(session.problems.splice(0)).toEqual([]);
  });
  afterAll(async () => {
    for (const context of apis.values()) await context.dispose();
    await browser?.close();
    await demo?.stop();
  });
}

async function apiSession(base: string, username: string, password: string): Promise<APIRequestContext> {
  const login = await request.newContext({ baseURL: base });
  const res = await login.post('/api/auth/login', { data: { username, password } });
  expect(res.status(), `login ${username}`).toBe(200);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const state = await login.storageState();
  await login.dispose();
  return request.newContext({
    baseURL: base,
    storageState: state,
    extraHTTPHeaders: { 'x-csrf-token': csrfToken },
  });
}

/** The JSON body of an API answer, failing with the body unless the status is the one expected. */
export async function json<T = any>(
  res: Promise<{ status(): number; json(): Promise<unknown>; text(): Promise<string> }>,
  status = 200,
): Promise<T> {
  const r = await res;
  if (r.status() !== status) throw new Error(`expected ${status}, got ${r.status()}: ${await r.text()}`);
  return (await r.json()) as T;
}

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: false });
}

/** No serious or critical accessibility violation on the page as it stands. */
export async function expectAccessible(page: Page): Promise<void> {
  // judge the page at rest: no pointer hovering a control, no fade or slide half-way through
  await page.mouse.move(0, 0);
  await page.evaluate(() => {
    const running = document.getAnimations().filter((a) => a.effect?.getTiming().iterations !== Infinity);
    const settled = Promise.all(running.map((a) => a.finished.catch(() => undefined)));
    return Promise.race([settled, new Promise((resolve) => setTimeout(resolve, 2000))]);
  });
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id}: ${v.help} (${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')})`,
    );
  expect(bad).toEqual([]);
}

export async function signIn(
  page: Page,
  base: string,
  username: string,
  labels: { user: string; password: string },
) {
  await page.goto(`${base}/login`);
  await fillLogin(page, username, labels);
}

/** Signs in on the login page already shown (keeping its `next`), and waits to leave it. */
export async function fillLogin(page: Page, username: string, labels: { user: string; password: string }) {
  await page.getByLabel(labels.user).fill(username);
  await page.getByLabel(labels.password).fill(DEMO_PASSWORD);
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}
