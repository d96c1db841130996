import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, fillLogin, setUpDemoBrowser, shot, signIn } from './e2e-kit';
import { installRenderProbe, renderedCells, startRenderCount } from './render-probe';

/**
 * The runtime as a sales clerk uses it, in Chromium against a real server: sign in (errors on
 * the form), home, the language switch (saved on the user), a list, a new record through the
 * generated form (defaults, required check, save), editing it, its history, a session that ends
 * mid-way, and the phone width. Every step leaves a screenshot in e2e/artifacts.
 */
let page: Page;
let base: string;
// a 500 or an uncaught error fails the step it happened in, whatever the screen showed
setUpDemoBrowser({ prefix: 'shell' }, (b) => ({ page, base } = b));

describe('the web app in Chromium', () => {
  it('serves the app at / and refuses a wrong password on the form', async () => {
    await page.goto(`${base}/`);
    await page.waitForURL(/\/login\?next=/);
    await page.getByLabel('用户名').fill('sales1');
    await page.getByLabel('密码').fill('wrong-password-1');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').filter({ hasText: '用户名或密码错误' }).waitFor();
    await shot(page, '01-login-error-zh');
    await expectAccessible(page);
  });

  it('signs in to the home page with the apps the user may open', async () => {
    await signIn(page, base, 'sales1', { user: '用户名', password: '密码' });
    await page.getByText('Customer ERP').first().waitFor();
    await shot(page, '02-home');
    await expectAccessible(page);
  });

  it('switches the language without a reload and keeps it on the user', async () => {
    const lang = await page.locator('html').getAttribute('lang');
    await page.getByRole('button', { name: lang === 'en' ? 'Language' : '语言' }).click();
    await page.getByRole('menuitem', { name: lang === 'en' ? '简体中文' : 'English' }).click();
    const now = lang === 'en' ? 'zh-CN' : 'en';
    await page.locator(`html[lang="${now}"]`).waitFor({ state: 'attached' });
    await page.reload();
    await page.getByRole('button', { name: now === 'en' ? 'Language' : '语言' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe(now);
    if (now !== 'zh-CN') {
      await page.getByRole('button', { name: 'Language' }).click();
      await page.getByRole('menuitem', { name: '简体中文' }).click();
      await page.locator('html[lang="zh-CN"]').waitFor({ state: 'attached' });
    }
  });

  it('lists customers with a total and opens the filter builder', async () => {
    await page.goto(`${base}/apps/customer_erp/forms/customer`);
    await page.getByRole('heading', { name: '客户' }).waitFor();
    await page.getByRole('button', { name: /筛选/ }).click();
    await page.getByText('添加条件').waitFor();
    await shot(page, '03-customer-list-filter');
    await page.keyboard.press('Escape');
    await expectAccessible(page);
  });

  it('creates a customer through the generated form: required fields are checked first', async () => {
    await page.goto(`${base}/apps/customer_erp/forms/customer/new`);
    await page.getByRole('heading', { name: '新建客户' }).waitFor();
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.locator('[data-field="name"] [role="alert"]').waitFor();
    await shot(page, '04-new-customer-required');
    await page.locator('#field-name').fill('杭州测试浏览器有限公司');
    await page.locator('#field-city').fill('杭州');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.waitForURL(/\/records\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: /CUS-|杭州测试浏览器有限公司/ }).waitFor();
    await shot(page, '05-customer-saved');
    await expectAccessible(page);
  });

  it('edits the record and shows the change in the history, by field label and user name', async () => {
    await page.locator('#field-city').fill('宁波');
    await page.getByText('有未保存的修改').waitFor();
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已保存').first().waitFor();
    await page.getByRole('tab', { name: '变更历史' }).click();
    await page.getByText('宁波').waitFor();
    const history = await page.locator('.ant-timeline').textContent();
    expect(history).toContain('城市');
    expect(history).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    await shot(page, '06-customer-history');
  });

  it('after the session ends, goes to the login with the place kept, and comes back to it', async () => {
    await page.getByRole('tab', { name: '详情' }).click();
    const url = page.url();
    await page.context().clearCookies();
    await page.reload();
    await page.waitForURL(/\/login\?next=/);
    await fillLogin(page, 'sales1', { user: '用户名', password: '密码' });
    expect(page.url()).toBe(url);
  });

  it('types a quote line key by key: the cell keeps the focus, the amount and the total follow', async () => {
    await page.goto(`${base}/apps/customer_erp/forms/quote/new`);
    await page.getByRole('heading', { name: '新建报价单' }).waitFor();
    await page.getByRole('button', { name: '添加一行' }).click();
    // typed as a user types — one key at a time, each re-computing the row's formula
    await page.locator('#field-items-0-quantity').click();
    await page.keyboard.type('12', { delay: 30 });
    await page.locator('#field-items-0-unit_price').click();
    await page.keyboard.type('3.5', { delay: 30 });
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('field-items-0-unit_price');
    await expect.poll(() => page.locator('#field-items-0-unit_price').inputValue()).toBe('3.5');
    await page.locator('[data-field="total"]', { hasText: '42.00' }).waitFor();
    await shot(page, '06b-quote-line-typed');
  });

  it('200 quote lines pasted from Excel: typing in line 150 renders that line only, its amount and the total follow', async () => {
    await installRenderProbe(page);
    await page.goto(`${base}/apps/customer_erp/forms/quote/new`);
    await page.getByRole('heading', { name: '新建报价单' }).waitFor();
    await page.getByRole('button', { name: '添加一行' }).click();
    // quantity and unit price of 200 lines, as Excel puts them on the clipboard
    const qty = (i: number) => (i % 4) + 1;
    const price = (i: number) => 10 + (i % 3);
    const lines = Array.from({ length: 200 }, (_, i) => `${qty(i)}\t${price(i)}`).join('\r\n');
    await page.locator('#field-items-0-quantity').evaluate((input, text) => {
      const clipboardData = new DataTransfer();
      clipboardData.setData('text/plain', text);
      input.dispatchEvent(new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true }));
    }, lines);
    const sum = Array.from({ length: 200 }, (_, i) => qty(i) * price(i)).reduce((a, b) => a + b, 0);
    const money = (n: number) => n.toLocaleString('en-US', { minimumFractionDigits: 2 });
    await page.locator('[data-field="total"]', { hasText: money(sum) }).waitFor();

    // only the rows in view are rendered: scroll line 150 (index 149: 2 × 12) into view
    await page.locator('#field-items [style*="max-height"]').evaluate((el) => {
      el.scrollTop = 149 * 40 - 120;
    });
    const cell = page.locator('#field-items-149-quantity');
    await cell.click();
    await page.keyboard.press('End');
    await page.locator('#field-items-147-quantity').evaluate((el) => {
      (el as unknown as Record<string, boolean>).__kept = true;
    });
    await startRenderCount(page);
    await page.keyboard.press('0'); // 2 → 20
    await page.locator('[data-field="total"]', { hasText: money(sum + 18 * 12) }).waitFor();
    await expect
      .poll(() => page.locator('[data-field="items"] [role=row]', { has: cell }).textContent())
      .toContain('240.00');
    // the line typed in: the row itself, its quantity cell and its amount — not its other cells, not its buttons, no other line
    expect(await renderedCells(page)).toEqual([
      'field-items-149:-1',
      'field-items-149:2',
      'field-items-149:5',
    ]);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('field-items-149-quantity');
    expect(await cell.inputValue()).toBe('20');
    // a neighbour's editor is the same element: not re-mounted
    expect(
      await page
        .locator('#field-items-147-quantity')
        .evaluate((el) => (el as unknown as Record<string, boolean>).__kept),
    ).toBe(true);
    await shot(page, '06c-quote-200-lines');
  });

  it('works at phone width', async () => {
    await page.setViewportSize({ width: 375, height: 780 });
    await page.goto(`${base}/apps/customer_erp/forms/sales_order/new`);
    await page.getByRole('heading', { name: '新建销售订单' }).waitFor();
    await shot(page, '07-phone-new-order');
    await page.getByRole('button', { name: '打开菜单' }).click();
    await page.getByRole('menuitem', { name: /客户$/ }).waitFor(); // the form, not the customer dashboards
    await shot(page, '08-phone-menu');
  });
});
