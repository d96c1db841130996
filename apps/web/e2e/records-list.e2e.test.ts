import type { APIRequestContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { type DemoBrowser, expectAccessible, json, setUpDemoBrowser, shot, signIn } from './e2e-kit';

/**
 * The virtualised list with keyset pages, in Chromium against a real server: a list of more than
 * two pages of customers loads its next pages as it is scrolled to the end; rows ticked for a bulk
 * action stay ticked after they left the view and came back (the rows are re-created on the way);
 * a column widened in the header widens its cells; a row opens with Enter. Screenshots in e2e/artifacts.
 */
const LIST = '/apps/customer_erp/forms/customer';
const ADDED = 240;
let session: DemoBrowser;
let page: Page;
let base: string;
let api: APIRequestContext;
let total = 0;

setUpDemoBrowser({ prefix: 'list' }, (b) => {
  session = b;
  ({ page, base } = b);
});

const grid = () => page.locator('[role=table][aria-rowcount]');
const loaded = async () => Number(await grid().getAttribute('aria-rowcount'));
const row = (n: number) => page.getByRole('checkbox', { name: `选择第 ${n} 行` });

describe('the record list in Chromium', () => {
  it('loads the first keyset page of a list longer than two pages', async () => {
    api = await session.api('sales1');
    // the demo users' languages vary: this suite reads the Chinese UI
    await json(api.patch('/api/auth/me', { data: { locale: 'zh-CN' } }));
    await signIn(page, base, 'sales1', { user: '用户名', password: '密码' });
    const stamp = Date.now().toString(36);
    const items = Array.from({ length: ADDED }, (_, i) => ({
      name: `列表滚动测试 ${stamp}-${String(i + 1).padStart(3, '0')}`, // names are unique: a retry adds new ones
      tier: 'normal',
    }));
    await json(api.post(`/api${LIST}/records/bulk`, { data: { action: 'create', items } }));
    total = (await json<{ total: number }>(api.get(`/api${LIST}/records?limit=1&count=exact`))).total;
    expect(total).toBeGreaterThan(200);

    await page.goto(`${base}${LIST}`);
    await page.getByText(`共 ${total.toLocaleString('zh-CN')} 条`).waitFor();
    await row(1).waitFor();
    expect(await loaded()).toBe(100);
  });

  it('keeps ticked rows ticked while they scroll out of view and the next pages load', async () => {
    await row(2).check();
    await row(4).check();
    await page.getByText('已选 2 条').waitFor();
    const box = (await grid().boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    // wheel to the end until every page is in: the next one is asked for before the end is reached
    await expect
      .poll(
        async () => {
          await page.mouse.wheel(0, 4000);
          return loaded();
        },
        { timeout: 60_000, interval: 200 },
      )
      .toBe(total);
    expect(await row(2).count()).toBe(0); // out of view: not in the DOM
    // the last row is the oldest customer (the list's default order is newest first)
    const oldest = (
      await json<{ items: { id: string }[] }>(api.get(`/api${LIST}/records?limit=1&sort=created_at`))
    ).items[0]!.id;
    await row(total).waitFor();
    expect(
      await page.locator('.record-row').last().getAttribute('data-record-id'),
      'the last row shown is the oldest record',
    ).toBe(oldest);
    await shot(page, 'list-01-scrolled-to-the-end');

    await grid().evaluate((el) => el.scrollTo({ top: 0 }));
    await row(1).waitFor();
    expect(await row(2).isChecked()).toBe(true);
    expect(await row(3).isChecked()).toBe(false);
    expect(await row(4).isChecked()).toBe(true);
    expect(await page.locator('.record-row[aria-selected="true"]').count()).toBe(2);
    await page.getByText('已选 2 条').waitFor();
    await shot(page, 'list-02-selection-kept');
    await expectAccessible(page);
    await row(2).uncheck();
    await row(4).uncheck();
    await page.getByText('已选 2 条').waitFor({ state: 'detached' });
  });

  it('widens a column by its header handle, the cells with it', async () => {
    const cell = page.locator('.record-row').first().getByRole('cell').nth(2);
    const before = (await cell.boundingBox())!.width;
    const handle = page.getByRole('columnheader').nth(2).locator('.record-grid-resize');
    const h = (await handle.boundingBox())!;
    await page.mouse.move(h.x + h.width / 2, h.y + h.height / 2);
    await page.mouse.down();
    await page.mouse.move(h.x + h.width / 2 + 40, h.y + h.height / 2, { steps: 4 });
    await page.mouse.move(h.x + h.width / 2 + 80, h.y + h.height / 2, { steps: 4 });
    await page.mouse.up();
    await expect.poll(async () => Math.round((await cell.boundingBox())!.width - before)).toBe(80);
  });

  it('opens a row with Enter', async () => {
    const first = page.locator('.record-row').first();
    const id = await first.getAttribute('data-record-id');
    await first.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/records/${id}$`));
  });
});
