import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, setUpDemoBrowser, shot, signIn } from './e2e-kit';

/**
 * Printing as the warehouse does it, in Chromium against a real server: the Print button on an
 * outbound slip opens a preview of the PDF the server rendered (framed as the object URL of the
 * fetched bytes, which the page's CSP must allow), its page count, the download of those bytes; the same in
 * English; then two slips selected in the list printed as one PDF. Screenshots in e2e/artifacts.
 */
const APP = 'customer_erp';
const FORM = 'outbound_slip';
let page: Page;
let base: string;
let slipIds: string[] = [];

setUpDemoBrowser({ prefix: 'print', server: { customers: 12 }, height: 860 }, (b) => {
  ({ page, base } = b);
  // a frame the page's CSP refuses is only a console message (and an empty frame) to the user
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to (frame|load)/i.test(m.text()))
      b.problems.push(`csp: ${m.text()}`);
  });
});

/** pdfkit writes each page object uncompressed: `/Type /Page` (not `/Pages`). */
const pageCount = (pdf: string) => (pdf.match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;

/** What the page gets from the server at `url` (same origin, the session's cookie). */
async function pdfAt(url: string): Promise<{ status: number; head: string; pages: number; type: string }> {
  const answer = await page.evaluate(async (u) => {
    const res = await fetch(u, { credentials: 'same-origin' });
    const bytes = new Uint8Array(await res.arrayBuffer());
    return {
      status: res.status,
      type: res.headers.get('content-type') ?? '',
      text: new TextDecoder('latin1').decode(bytes),
    };
  }, url);
  return {
    status: answer.status,
    type: answer.type,
    head: answer.text.slice(0, 5),
    pages: pageCount(answer.text),
  };
}

/**
 * The preview's frame is shown and holds the PDF viewer (not an error page or nothing), and its
 * bytes — saved through the download link, which offers the same object URL — are a PDF with the
 * page count the footer names. (The page's CSP keeps scripts from fetching blob: URLs.)
 */
async function expectPdfShown(): Promise<{ src: string; pages: number; fileName: string }> {
  const frame = page.getByTestId('print-preview');
  await frame.waitFor({ state: 'visible' });
  // the modal zooms in: its frame reaches full height once the opening animation ends
  await expect.poll(async () => (await frame.boundingBox())?.height ?? 0).toBeGreaterThan(400);
  const src = (await frame.getAttribute('src')) ?? '';
  expect(src).toMatch(/^blob:/);
  const shownPages = Number(/\d+/.exec((await page.getByTestId('print-pages').textContent()) ?? '')?.[0]);
  expect(shownPages).toBeGreaterThanOrEqual(1);
  // the browser loaded it as a PDF document (a frame the CSP refuses stays empty or shows an error)
  const child = page.frames().find((f) => f.url() === src);
  expect(child, 'the preview frame navigated to the PDF').toBeDefined();
  await expect
    .poll(() => child!.evaluate(() => document.contentType).catch(() => ''), { timeout: 30_000 })
    .toBe('application/pdf');
  const link = page.getByTestId('print-download');
  expect(await link.getAttribute('href')).toBe(src);
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const bytes = readFileSync(await download.path()).toString('latin1');
  expect(bytes.slice(0, 5)).toBe('%PDF-');
  expect(pageCount(bytes)).toBe(shownPages);
  // off the button just clicked: axe should judge its resting colours, not the hover state
  await page.mouse.move(1, 1);
  return { src, pages: shownPages, fileName: download.suggestedFilename() };
}

/** Switches the UI language through the header's switch (saved on the user) unless it is shown already. */
async function showLanguage(locale: 'en' | 'zh-CN'): Promise<void> {
  const now = await page.locator('html').getAttribute('lang');
  if (now === locale) return;
  await page.getByRole('button', { name: now === 'en' ? /^Language/ : /^语言/ }).click();
  await page.getByRole('menuitem', { name: locale === 'en' ? 'English' : '简体中文' }).click();
  await page.locator(`html[lang="${locale}"]`).waitFor({ state: 'attached' });
}

describe('print preview in Chromium', () => {
  it('opens the print preview of an outbound slip from its record page (zh-CN)', async () => {
    await signIn(page, base, 'warehouse1', { user: '用户名', password: '密码' });
    const list = await page.evaluate(
      async ([app, form]) =>
        (await (await fetch(`/api/apps/${app}/forms/${form}/records?limit=5&sort=-created_at`)).json()) as {
          items: { id: string }[];
        },
      [APP, FORM],
    );
    slipIds = list.items.map((r) => r.id);
    expect(slipIds.length).toBeGreaterThanOrEqual(2);
    await page.goto(`${base}/apps/${APP}/forms/${FORM}/records/${slipIds[0]}`);
    await page.getByRole('heading', { name: /OUT-/ }).waitFor();
    await showLanguage('zh-CN');
    await page.getByRole('button', { name: /(^|\s)打\s*印$/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('销售出库单 —').waitFor();
    const { pages, fileName } = await expectPdfShown();
    expect(await dialog.getByTestId('print-pages').textContent()).toBe(`共 ${pages} 页`);
    // saved under the record's number, not a generic name
    expect(fileName).toMatch(/^.*OUT-.*\.pdf$/);
    // the server's own address for this print gives the same document
    const direct = await pdfAt(`/api/apps/${APP}/forms/${FORM}/records/${slipIds[0]}/print/${FORM}`);
    expect(direct).toMatchObject({ status: 200, type: 'application/pdf', head: '%PDF-', pages });
    await shot(page, 'print-01-preview-zh');
    await expectAccessible(page);
    await page.keyboard.press('Escape');
    await page.getByTestId('print-preview').waitFor({ state: 'detached' });
  });

  it('shows the preview in English', async () => {
    await showLanguage('en');
    await page.getByRole('button', { name: 'Print' }).click();
    await page.getByRole('dialog').getByText('Outbound slip —').waitFor();
    const { pages } = await expectPdfShown();
    expect(await page.getByTestId('print-pages').textContent()).toBe(
      pages === 1 ? '1 page' : `${pages} pages`,
    );
    await shot(page, 'print-02-preview-en');
    await expectAccessible(page);
    await page.keyboard.press('Escape');
    await page.getByTestId('print-preview').waitFor({ state: 'detached' });
    await showLanguage('zh-CN');
  });

  it('prints two slips selected in the list as one PDF', async () => {
    await page.goto(`${base}/apps/${APP}/forms/${FORM}`);
    await page.getByRole('heading', { name: '出库单' }).waitFor();
    await page.getByRole('checkbox', { name: '选择第 1 行' }).check();
    await page.getByRole('checkbox', { name: '选择第 2 行' }).check();
    await shot(page, 'print-03-list-selected');
    await page.getByRole('button', { name: /(^|\s)打\s*印$/ }).click();
    await page.getByRole('dialog').getByText('销售出库单 — 2 条记录').waitFor();
    const { pages } = await expectPdfShown();
    expect(pages).toBeGreaterThanOrEqual(2);
    await shot(page, 'print-04-batch-zh');
    await expectAccessible(page);
  });
});
