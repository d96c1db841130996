import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { type ServerProcess, startServerProcess } from '../../server/src/__tests__/server-process';

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
