import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { type DemoBrowser, expectAccessible, json, setUpDemoBrowser, shot, signIn } from './e2e-kit';

/**
 * The quote approval through the inbox, in Chromium against a real server with the Customer ERP
 * demo: sales submits a quote over the pack's limit (500,000, flows/quote_to_order.json), the sales
 * director — the one demo user with the sales_director role, director1, as the API confirms
 * before any UI step — approves it in the inbox, and the quote's status changes; then the same
 * approval at phone width in English. Every step leaves a screenshot in e2e/artifacts.
 */
const APP = 'customer_erp';
const QUOTE_LIMIT = 500_000;
let page: Page;
let base: string;
let apiAs: DemoBrowser['api'];
const quotes: { id: string; number: string }[] = [];

setUpDemoBrowser({ prefix: 'inbox' }, (b) => {
  ({ page, base } = b);
  apiAs = (username) => b.api(username);
});

/** A draft quote by sales1 of one line worth 600,000 (over the limit), on one of their customers. */
async function draftQuote(): Promise<{ id: string; number: string; version: number }> {
  const sales = await apiAs('sales1');
  const customers = await json<{ items: { id: string }[] }>(
    sales.get(`/api/apps/${APP}/forms/customer/records?limit=1`),
  );
  const products = await json<{ items: { id: string }[] }>(
    sales.get(`/api/apps/${APP}/forms/product/records?limit=1`),
  );
  const quote = await json<{ id: string; number: string; version: number; total: number }>(
    sales.post(`/api/apps/${APP}/forms/quote/records`, {
      data: {
        customer: customers.items[0]!.id,
        items: [{ product: products.items[0]!.id, quantity: 100, unit_price: { amount: '6000' } }],
        status: 'draft',
      },
    }),
    201,
  );
  expect(quote.total).toBeGreaterThan(QUOTE_LIMIT);
  return quote;
}

/** Who holds an open task on the quote, asked of every demo user who might (the API, not the UI). */
async function holdersOf(recordId: string): Promise<string[]> {
  const out: string[] = [];
  for (const user of ['director1', 'manager1', 'sales1', 'fmanager1']) {
    const page = await json<{ items: { recordId: string; nodeId: string }[] }>(
      (await apiAs(user)).get('/api/tasks?box=todo'),
    );
    for (const item of page.items.filter((i) => i.recordId === recordId)) out.push(`${user}:${item.nodeId}`);
  }
  return out;
}

/** Waits until the flow (run by the job worker) has given the quote to someone. */
async function waitForHolder(recordId: string): Promise<string[]> {
  const until = Date.now() + 60_000;
  for (;;) {
    const holders = await holdersOf(recordId);
    if (holders.length > 0 || Date.now() > until) return holders;
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function quoteStatus(id: string): Promise<string> {
  const record = await json<{ status: string }>(
    (await apiAs('director1')).get(`/api/apps/${APP}/forms/quote/records/${id}`),
  );
  return record.status;
}

async function signOut() {
  await page.context().clearCookies();
}

/** Signs in through the login form and makes the user's saved language the one given. */
async function signInSpeaking(username: string, locale: 'zh-CN' | 'en') {
  const labels =
    (await page.locator('html').getAttribute('lang')) === 'en'
      ? { user: 'User name', password: 'Password' }
      : { user: '用户名', password: '密码' };
  await signIn(page, base, username, labels);
  const me = (await (await page.request.get(`${base}/api/auth/me`)).json()) as { csrfToken: string };
  const saved = await page.request.patch(`${base}/api/auth/me`, {
    data: { locale },
    headers: { 'x-csrf-token': me.csrfToken },
  });
  expect(saved.status()).toBe(200);
  await page.reload();
  await page.locator(`html[lang="${locale}"]`).waitFor({ state: 'attached' });
}

describe('a quote over the limit is approved in the inbox', () => {
  it('sales submits the quote on its page; the flow gives it to the sales director', async () => {
    const draft = await draftQuote();
    quotes.push(draft);
    await signInSpeaking('sales1', 'zh-CN');
    await page.goto(`${base}/apps/${APP}/forms/quote/records/${draft.id}`);
    await page.getByRole('heading', { name: draft.number }).waitFor();
    await page.locator('#field-status').click();
    await page.locator('.ant-select-item-option', { hasText: '待审批' }).click();
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已保存').first().waitFor();
    await shot(page, 'inbox-01-sales-submits-quote');
    // checked through the API before any inbox step: the director's to-do holds it, nobody else's
    expect(await waitForHolder(draft.id)).toEqual(['director1:director']);
    expect(await quoteStatus(draft.id)).toBe('pending_approval');
  });

  it("the quote is in the director's to-do, with its number, form, step and who submitted it", async () => {
    await signOut();
    await signInSpeaking('director1', 'zh-CN');
    await page.goto(`${base}/inbox`);
    const row = page.locator('.inbox-row', { hasText: quotes[0]!.number });
    await row.waitFor();
    expect(await row.textContent()).toContain('销售总监审批');
    expect(await row.textContent()).toContain('王小明 (sales)');
    expect(await row.textContent()).toContain('报价单');
    expect(await page.locator('.ant-layout-content').textContent()).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    await page.getByRole('tab', { name: /待办/ }).waitFor();
    await shot(page, 'inbox-02-director-todo');
    await expectAccessible(page);
  });

  it('the task shows the quote with the step’s field permissions: the discount editable, the rest read-only', async () => {
    await page.getByRole('link', { name: quotes[0]!.number }).click();
    await page.waitForURL(/\/inbox\/tasks\//);
    await page.getByRole('heading', { name: quotes[0]!.number }).waitFor();
    await page.getByText('王小明 (sales) 提交了申请').waitFor();
    // discount is "edit" at the director's step: an input; the status is "read": shown, not editable
    await page.locator('[data-field="discount"] input').first().waitFor();
    expect(await page.locator('[data-field="status"] .ant-select').count()).toBe(0);
    expect(await page.locator('[data-field="customer"] .ant-select').count()).toBe(0);
    await shot(page, 'inbox-03-director-task');
    await expectAccessible(page);
  });

  it('a reject without a comment is held in the dialog; approving with a comment moves the quote on', async () => {
    await page.getByRole('button', { name: /驳\s*回/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: /驳\s*回/ }).click();
    await dialog.getByText('请填写意见').waitFor();
    await shot(page, 'inbox-04-reject-needs-comment');
    await dialog.getByRole('button', { name: /取\s*消/ }).click();
    await dialog.waitFor({ state: 'hidden' });

    await page.getByRole('button', { name: /同\s*意/ }).click();
    await page.getByRole('dialog').getByLabel(/意见/).fill('价格可以，尽快签约');
    await shot(page, 'inbox-05-approve-dialog');
    await expectAccessible(page);
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /同\s*意/ })
      .click();
    await page.waitForURL((u) => u.pathname === '/inbox');
    await page.getByText('已同意').first().waitFor();
    await page.locator('.inbox-row', { hasText: quotes[0]!.number }).waitFor({ state: 'detached' });
    await shot(page, 'inbox-06-approved-back-in-inbox');
  });

  it("the quote's status changed, and its page shows who approved it, when, with the comment", async () => {
    const until = Date.now() + 30_000;
    while ((await quoteStatus(quotes[0]!.id)) !== 'approved' && Date.now() < until)
      await new Promise((r) => setTimeout(r, 300));
    expect(await quoteStatus(quotes[0]!.id)).toBe('approved');
    await page.getByRole('tab', { name: /已办/ }).click();
    await page.locator('.inbox-row', { hasText: quotes[0]!.number }).getByText('已同意').waitFor();
    await shot(page, 'inbox-07-done-box');
    await expectAccessible(page);

    await page.goto(`${base}/apps/${APP}/forms/quote/records/${quotes[0]!.id}`);
    await page.getByRole('heading', { name: quotes[0]!.number }).waitFor();
    await page.locator('[data-field="status"]').getByText('已批准').waitFor();
    await page.getByRole('tab', { name: '审批记录' }).click();
    const timeline = page.locator('.flow-timeline');
    await timeline.getByText('张伟 (sales director) 同意').waitFor();
    expect(await timeline.textContent()).toContain('价格可以，尽快签约');
    expect(await timeline.textContent()).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    await shot(page, 'inbox-08-quote-timeline');
    await expectAccessible(page);
  });

  it('the flow monitor lists the running quote at its current step for the director, who monitors the flow', async () => {
    await page.getByRole('menuitem', { name: '流程监控' }).click();
    await page.getByRole('heading', { name: '流程监控' }).waitFor();
    const row = page.locator('.inbox-row', { hasText: quotes[0]!.number });
    await row.waitFor();
    expect(await row.textContent()).toContain('销售与客户确认');
    expect(await row.textContent()).toContain('报价转订单');
    await shot(page, 'inbox-08b-flow-monitor');
    await expectAccessible(page);
  });
});

describe('a quote returned to sales and resubmitted through the inbox', () => {
  it('the director returns it with a reason; sales sees the reason, lowers it by a discount and resubmits', async () => {
    const draft = await draftQuote();
    quotes.push(draft);
    await json(
      (await apiAs('sales1')).patch(`/api/apps/${APP}/forms/quote/records/${draft.id}`, {
        data: { version: draft.version, status: 'pending_approval' },
      }),
    );
    expect(await waitForHolder(draft.id)).toEqual(['director1:director']);
    await page.goto(`${base}/inbox`);
    await page.locator('.inbox-row', { hasText: draft.number }).getByRole('link').click();
    await page.getByRole('button', { name: /退\s*回/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('radio', { name: /发起人/ }).waitFor();
    expect(await dialog.getByRole('radio', { name: /发起人/ }).isChecked()).toBe(true);
    await dialog.getByLabel(/意见/).fill('请给一点整单优惠再提交');
    await shot(page, 'inbox-08c-return-dialog');
    await dialog.getByRole('button', { name: /退\s*回/ }).click();
    await page.waitForURL((u) => u.pathname === '/inbox');
    expect(await waitForHolder(draft.id)).toEqual(['sales1:start']);
    expect(await quoteStatus(draft.id)).toBe('draft');

    await signOut();
    await signInSpeaking('sales1', 'zh-CN');
    await page.goto(`${base}/inbox`);
    await page.locator('.inbox-row', { hasText: draft.number }).getByRole('link').click();
    await page.getByText('请给一点整单优惠再提交').waitFor();
    await page.locator('#field-discount').fill('1000');
    await shot(page, 'inbox-08d-sales-resubmits');
    await expectAccessible(page);
    await page.getByRole('button', { name: '重新提交' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '重新提交' }).click();
    await page.waitForURL((u) => u.pathname === '/inbox');
    // the edit went with the resubmission, and the quote (still over the limit) is the director's again
    expect(await waitForHolder(draft.id)).toEqual(['director1:director']);
    const quote = await json<{ discount: { amount: string } | null; status: string }>(
      (await apiAs('director1')).get(`/api/apps/${APP}/forms/quote/records/${draft.id}`),
    );
    expect(Number(quote.discount?.amount)).toBe(1000);
    expect(quote.status).toBe('pending_approval');
  });
});

describe('the same approval at phone width, in English', () => {
  it('the to-do is a list of cards and the decisions stay in reach', async () => {
    const draft = await draftQuote();
    quotes.push(draft);
    const sales = await apiAs('sales1');
    await json(
      sales.patch(`/api/apps/${APP}/forms/quote/records/${draft.id}`, {
        data: { version: draft.version, status: 'pending_approval' },
      }),
    );
    expect(await waitForHolder(draft.id)).toEqual(['director1:director']);

    await page.setViewportSize({ width: 375, height: 780 });
    await signOut();
    await signInSpeaking('director1', 'en');
    await page.goto(`${base}/inbox`);
    const card = page.locator('.inbox-card', { hasText: draft.number });
    await card.waitFor();
    expect(await card.textContent()).toContain('Sales director approves');
    await shot(page, 'inbox-09-phone-todo-en');
    await expectAccessible(page);

    await card.getByRole('link', { name: draft.number }).click();
    await page.getByRole('heading', { name: draft.number }).waitFor();
    const bar = page.getByRole('toolbar', { name: 'Decisions' });
    await bar.getByRole('button', { name: 'Approve' }).waitFor();
    const box = await bar.boundingBox();
    expect(box && box.y + box.height).toBeLessThanOrEqual(780);
    await shot(page, 'inbox-10-phone-task-en');
    await expectAccessible(page);

    await bar.getByRole('button', { name: 'More' }).click();
    await page.getByRole('menuitem', { name: 'Transfer' }).waitFor();
    await shot(page, 'inbox-11-phone-more-actions-en');
    await page.keyboard.press('Escape');

    await bar.getByRole('button', { name: 'Approve' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Approve' }).click();
    await page.waitForURL((u) => u.pathname === '/inbox');
    await page.locator('.inbox-card', { hasText: draft.number }).waitFor({ state: 'detached' });
    const until = Date.now() + 30_000;
    while ((await quoteStatus(draft.id)) !== 'approved' && Date.now() < until)
      await new Promise((r) => setTimeout(r, 300));
    expect(await quoteStatus(draft.id)).toBe('approved');
    await shot(page, 'inbox-12-phone-approved-en');
  });

  it('a decision on a task already decided elsewhere is refused in the dialog, saying why', async () => {
    const draft = await draftQuote();
    quotes.push(draft);
    await json(
      (await apiAs('sales1')).patch(`/api/apps/${APP}/forms/quote/records/${draft.id}`, {
        data: { version: draft.version, status: 'pending_approval' },
      }),
    );
    expect(await waitForHolder(draft.id)).toEqual(['director1:director']);
    await page.goto(`${base}/inbox`);
    await page.locator('.inbox-card', { hasText: draft.number }).getByRole('link').click();
    const bar = page.getByRole('toolbar', { name: 'Decisions' });
    await bar.getByRole('button', { name: 'Approve' }).waitFor();
    // meanwhile the director decides it in another window
    const director = await apiAs('director1');
    const todo = await json<{ items: { taskId: string; recordId: string }[] }>(
      director.get('/api/tasks?box=todo'),
    );
    const task = todo.items.find((i) => i.recordId === draft.id)!;
    await json(director.post(`/api/tasks/${task.taskId}/actions/approve`, { data: {} }));

    await bar.getByRole('button', { name: 'Approve' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Approve' }).click();
    await dialog.getByRole('alert').getByText('This task was already decided').waitFor();
    await shot(page, 'inbox-13-phone-already-decided-en');
    await expectAccessible(page);
  });
});
