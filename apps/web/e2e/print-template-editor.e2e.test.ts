import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, setUpDemoBrowser, shot } from './e2e-kit';

/**
 * The print template editor in Chromium against a real server, as an administrator uses it: open
 * the outbound slip's template with a real slip in the live preview, drag a field from the
 * palette into the page header (pointer drag through @dnd-kit), see the server's PDF of the edited
 * template replace the previous one, save the draft, publish it — and the slip then prints with
 * the new line. Both languages; screenshots in e2e/artifacts.
 */
const APP = 'customer_erp';
const FORM = 'outbound_slip';
const ADMIN = { username: 'admin', password: 'Tessera-Owner-2026' };
let page: Page;
let base: string;
let slipId = '';

setUpDemoBrowser(
  {
    prefix: 'print-editor',
    server: {
      customers: 12,
      env: { TESSERA_ADMIN_USER: ADMIN.username, TESSERA_ADMIN_PASSWORD: ADMIN.password },
    },
    width: 1440,
    height: 900,
  },
  (b) => {
    ({ page, base } = b);
  },
);

async function showLanguage(locale: 'en' | 'zh-CN'): Promise<void> {
  const now = await page.locator('html').getAttribute('lang');
  if (now === locale) return;
  await page.getByRole('button', { name: now === 'en' ? /^Language/ : /^语言/ }).click();
  await page.getByRole('menuitem', { name: locale === 'en' ? 'English' : '简体中文' }).click();
  await page.locator(`html[lang="${locale}"]`).waitFor({ state: 'attached' });
}

/** The preview frame's PDF: its object URL and size, once one is shown. */
async function shownPdf(): Promise<{ src: string; bytes: number }> {
  const frame = page.getByTestId('preview-frame');
  await frame.waitFor({ state: 'visible', timeout: 60_000 });
  return {
    src: (await frame.getAttribute('src')) ?? '',
    bytes: Number(await frame.getAttribute('data-pdf-bytes')),
  };
}

/** A pointer drag as a hand makes it: press, move in steps (dnd-kit starts after 4 px), release over the target. */
async function drag(from: Locator, to: Locator): Promise<void> {
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 10, a.y + a.height / 2 + 5, { steps: 4 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 16 });
  await page.mouse.up();
}

const stored = () =>
  page.evaluate(
    async ([app, form]) =>
      (await (await fetch(`/api/apps/${app}/forms/${form}/print-templates/${form}`)).json()) as {
        version: number;
        definition: { header: { left: { text?: string }[] } };
        draft?: { definition: { header: { left: { text?: string }[] } } };
      },
    [APP, FORM],
  );

describe('print template editor in Chromium', () => {
  it('opens the outbound slip template with a real slip previewed (zh-CN)', async () => {
    await page.goto(`${base}/login`);
    await page.getByLabel('用户名').fill(ADMIN.username);
    await page.getByLabel('密码').fill(ADMIN.password);
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    const list = await page.evaluate(
      async ([app, form]) =>
        (await (await fetch(`/api/apps/${app}/forms/${form}/records?limit=1&sort=-created_at`)).json()) as {
          items: { id: string }[];
        },
      [APP, FORM],
    );
    slipId = list.items[0]!.id;
    await page.goto(`${base}/design/apps/${APP}/forms/${FORM}/print/${FORM}?record=${slipId}`);
    await page.getByTestId('print-editor').waitFor();
    await showLanguage('zh-CN');
    await page.getByRole('heading', { name: '销售出库单' }).waitFor();
    expect(await page.getByTestId('editor-status').textContent()).toMatch(/已发布/);
    // the palette holds the form's fields, the linked records' and the line items' columns
    await page.getByTestId('palette-warehouse').waitFor();
    // a linked record's group starts folded: the admin unfolds it
    await page.locator('.designer-palette .ant-collapse-header', { hasText: /^销售订单/ }).click();
    await page.getByTestId('palette-sales_order.number').waitFor();
    await page.getByTestId('palette-items.product.code').waitFor();
    const first = await shownPdf();
    expect(first.src).toMatch(/^blob:/);
    expect(first.bytes).toBeGreaterThan(1000);
    await shot(page, 'print-editor-01-open-zh');
    await expectAccessible(page);
  });

  it('drags a field into the header and the preview is rendered anew with it', async () => {
    const before = await shownPdf();
    const header = page.getByTestId('area-header');
    const lines = await header.getByTestId('placed-header').count();
    await drag(page.getByTestId('palette-warehouse'), header);
    await expect.poll(() => header.getByTestId('placed-header').count()).toBe(lines + 1);
    expect(await header.textContent()).toContain('仓库：{{ warehouse }}');
    expect(await page.getByTestId('editor-status').textContent()).toBe('有未保存的修改');
    // a line-item column is refused by the header: only the table takes it
    await drag(page.getByTestId('palette-items.quantity'), header);
    expect(await header.getByTestId('placed-header').count()).toBe(lines + 1);
    // the preview shows the server's PDF of the edited template: a new document, a larger one
    await expect.poll(async () => (await shownPdf()).src, { timeout: 30_000 }).not.toBe(before.src);
    const after = await shownPdf();
    expect(after.bytes).not.toBe(before.bytes);
    await shot(page, 'print-editor-02-dropped-zh');
  });

  it('saves the draft, then publishes it: the slip prints with the new header line', async () => {
    await page.getByTestId('save-draft').click();
    await expect.poll(() => page.getByTestId('editor-status').textContent()).toBe('草稿已保存');
    const drafted = await stored();
    expect(drafted.draft?.definition.header.left.map((l) => l.text)).toContain('仓库：{{ warehouse }}');
    expect(drafted.definition.header.left.map((l) => l.text)).not.toContain('仓库：{{ warehouse }}');
    await page.getByTestId('publish').click();
    await expect
      .poll(() => page.getByTestId('editor-status').textContent())
      .toBe(`已发布 · 第 ${drafted.version + 1} 版`);
    const published = await stored();
    expect(published.draft).toBeUndefined();
    expect(published.definition.header.left.map((l) => l.text)).toContain('仓库：{{ warehouse }}');
    await page.mouse.move(1, 1);
    await shot(page, 'print-editor-03-published-zh');
    await expectAccessible(page);
  });

  it('shows the editor in English, with the page settings', async () => {
    await showLanguage('en');
    await page.getByRole('heading', { name: 'Outbound slip' }).waitFor();
    await page.getByRole('tab', { name: 'Page' }).click();
    await page.getByTestId('page-settings').waitFor();
    await page.getByText('Landscape').click();
    await expect.poll(() => page.getByTestId('editor-status').textContent()).toBe('Unsaved changes');
    await shownPdf();
    await page.mouse.move(1, 1);
    await shot(page, 'print-editor-04-page-en');
    await expectAccessible(page);
    await showLanguage('zh-CN');
  });
});
