import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, setUpDemoBrowser, shot, signIn } from './e2e-kit';

/**
 * Dashboards and the 360° customer page as management uses them, in Chromium against a real
 * server with the Customer ERP demo: the customer health dashboard's figures equal what the
 * reports API answers for the same shared filter, a filter change goes to the URL and changes
 * them, a figure and a table row open the records behind them (names, links to the records), and
 * a customer's 360° page shows that customer's figures. Both languages, laptop and phone widths.
 */
let page: Page;
let base: string;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/;
const APP = 'customer_erp';

setUpDemoBrowser({ prefix: 'dash', height: 900 }, (b) => ({ page, base } = b));

/**
 * A widget's figures as the reports API gives them for these shared filter values, asked with the
 * page's own session (management may open the dashboards, not run their reports one by one).
 */
async function widgetRow(dashboard: string, widget: string, values: Record<string, string>) {
  const query = new URLSearchParams(values);
  const response = await page.request.get(`${base}/api/apps/${APP}/dashboards/${dashboard}?${query}`);
  expect(response.status()).toBe(200);
  const body = (await response.json()) as {
    widgets: { id: string; result?: { rows: Record<string, unknown>[] } }[];
  };
  return body.widgets.find((w) => w.id === widget)?.result?.rows[0] ?? {};
}

const figure = (widget: string, kpi: string) => page.locator(`[data-widget="${widget}"] [data-kpi="${kpi}"]`);
const zhInteger = (n: unknown) => new Intl.NumberFormat('zh-CN').format(Number(n));

async function useLanguage(locale: 'zh-CN' | 'en') {
  // once the user is known (their name in the user menu), the page speaks the language saved on them
  await page.getByRole('button', { name: /吴刚/ }).waitFor();
  const lang = await page.locator('html').getAttribute('lang');
  if (lang === locale) return;
  // on a loaded machine a click can land while the menu still opens: try again, a few times
  for (let attempt = 0; ; attempt++) {
    const item = page.getByRole('menuitem', { name: locale === 'en' ? 'English' : '简体中文' });
    if (!(await item.isVisible()))
      await page.getByRole('button', { name: lang === 'en' ? 'Language' : '语言' }).click();
    await item.click();
    const switched = await page
      .locator(`html[lang="${locale}"]`)
      .waitFor({ state: 'attached', timeout: 10_000 })
      .then(
        () => true,
        () => false,
      );
    if (switched) break;
    if (attempt === 3) throw new Error(`the language did not switch to ${locale}`);
  }
  await page.locator('.ant-dropdown').first().waitFor({ state: 'hidden' }); // the language menu closed
}

describe('dashboards and the 360° customer page', () => {
  it('opens the customer health dashboard from the navigation; a figure equals the API', async () => {
    await signIn(page, base, 'manager1', { user: '用户名', password: '密码' });
    await useLanguage('zh-CN');
    await page.goto(`${base}/apps/${APP}`);
    await page.getByRole('menuitem', { name: '客户健康度' }).click();
    await page.waitForURL(/\/dashboards\/customer_health$/);
    await page.getByRole('heading', { name: '客户健康度' }).waitFor();
    const api = await widgetRow('customer_health', 'sales', { period: 'this_year' });
    await expect
      .poll(() => figure('sales', 'orders').textContent(), { timeout: 60_000 })
      .toBe(zhInteger(api.orders));
    // money as a sum of the orders, in yuan
    expect(await figure('sales', 'order_total').textContent()).toContain(
      new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2 }).format(Number(api.order_total)),
    );
    await page.locator('[data-widget="trend"] canvas').waitFor();
    expect(await page.locator('main, .ant-layout-content').first().textContent()).not.toMatch(UUID);
    await shot(page, 'dash-01-customer-health-zh');
    await expectAccessible(page);
  });

  it('changes the shared period: the URL keeps it and the figures follow', async () => {
    const before = await widgetRow('customer_health', 'sales', { period: 'this_year' });
    const after = await widgetRow('customer_health', 'sales', { period: 'last_year' });
    expect(after.orders).not.toBe(before.orders); // the demo spreads orders over the last 12 months
    await page.getByLabel('期间').click();
    await page.getByRole('option', { name: '去年' }).click();
    await page.waitForURL(/period=last_year/);
    await expect
      .poll(() => figure('sales', 'orders').textContent(), { timeout: 60_000 })
      .toBe(zhInteger(after.orders));
    await shot(page, 'dash-02-period-last-year');
    // the URL alone restores it
    await page.reload();
    await expect
      .poll(() => figure('sales', 'orders').textContent(), { timeout: 60_000 })
      .toBe(zhInteger(after.orders));
    await page.goto(`${base}/apps/${APP}/dashboards/customer_health`);
    await expect
      .poll(() => figure('sales', 'orders').textContent(), { timeout: 60_000 })
      .toBe(zhInteger(before.orders));
  });

  it('drills from a figure into its records: names, not ids, each linking to its record', async () => {
    const api = await widgetRow('customer_health', 'sales', { period: 'this_year' });
    await figure('sales', 'orders').click();
    const drawer = page.getByRole('dialog');
    await drawer.getByRole('link', { name: /^SO-/ }).first().waitFor();
    const rows = await drawer.locator('tbody tr.ant-table-row').count();
    expect(rows).toBe(Math.min(20, Number(api.orders)));
    if (Number(api.orders) > 20) await drawer.getByRole('button', { name: '显示更多' }).waitFor();
    expect(await drawer.textContent()).not.toMatch(UUID);
    await shot(page, 'dash-03-drill-orders');
    await expectAccessible(page);
    const first = drawer.getByRole('link', { name: /^SO-/ }).first();
    const number = (await first.textContent()) ?? '';
    await first.click();
    await page.waitForURL(/\/forms\/sales_order\/records\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: number }).waitFor();
  });

  it('drills from a table row (a customer of the value table) into that customer', async () => {
    await page.goto(`${base}/apps/${APP}/dashboards/customer_health`);
    const table = page.locator('[data-widget="customers"]');
    const firstCustomer = table.locator('tbody tr.ant-table-row button').first();
    const name = (await firstCustomer.textContent()) ?? '';
    await firstCustomer.click();
    const drawer = page.getByRole('dialog');
    await drawer.getByRole('link', { name }).waitFor();
    expect(await drawer.locator('tbody tr.ant-table-row').count()).toBe(1);
    await shot(page, 'dash-04-drill-customer');
    await page.keyboard.press('Escape');
  });

  it("opens a customer's 360° page from its record: that customer's figures", async () => {
    const list = await page.request.get(
      `${base}/api/apps/${APP}/forms/customer/records?limit=1&sort=-order_total`,
    );
    const customer = ((await list.json()) as { items: Record<string, string>[] }).items[0]!;
    await page.goto(`${base}/apps/${APP}/forms/customer/records/${customer.id}`);
    await page.getByRole('heading', { name: customer.name }).waitFor();
    await page.getByRole('link', { name: '360° 视图' }).click();
    await page.waitForURL(/\/records\/[0-9a-f-]{36}\/overview$/);
    const api = await widgetRow('customer_360', 'sales', { customer: customer.code! });
    expect(Number(api.orders)).toBeGreaterThan(0);
    await expect
      .poll(() => figure('sales', 'orders').textContent(), { timeout: 60_000 })
      .toBe(zhInteger(api.orders));
    await page.getByRole('heading', { name: '相关记录' }).waitFor();
    await page.getByText('销售订单').first().waitFor();
    expect(await page.locator('.ant-layout-content').textContent()).not.toMatch(UUID);
    await shot(page, 'dash-05-customer-360-zh');
    await expectAccessible(page);
  });

  it('reads in English and fits a phone', async () => {
    await useLanguage('en');
    await page.getByRole('heading', { name: 'Related records' }).waitFor();
    await shot(page, 'dash-06-customer-360-en');
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(`${base}/apps/${APP}/dashboards/customer_health`);
    await page.getByRole('heading', { name: 'Customer health' }).waitFor();
    await figure('sales', 'orders').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(overflow).toBeLessThanOrEqual(375);
    await shot(page, 'dash-07-phone-dashboard-en');
    await expectAccessible(page);
    await page.setViewportSize({ width: 1280, height: 900 });
    await shot(page, 'dash-08-customer-health-en');
  });
});
