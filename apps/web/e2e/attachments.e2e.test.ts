import type { APIRequestContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, type DemoBrowser, json, setUpDemoBrowser, shot, signIn } from './e2e-kit';

/**
 * Attachment fields in Chromium: a photo chosen on a new record uploads for that field of that
 * form and previews before the record exists; once saved it still shows (same address); a file in
 * a line-items row uploads for `<rows>.<field>`; a file the field refuses says why. The form is
 * published into the demo app by the administrator first (the Customer ERP has no attachment).
 */
/** The smallest valid PNG (1×1). */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const label = (en: string) => ({ en, 'zh-CN': en });
const SITE_PHOTO = {
  key: 'site_photo',
  title: label('Site photo'),
  fields: [
    { id: 's1', key: 'title', type: 'text', label: label('Title'), required: true },
    { id: 's2', key: 'photos', type: 'attachment', label: label('Photos'), accept: ['image/*'], maxFiles: 3 },
    {
      id: 's3',
      key: 'lines',
      type: 'line_items',
      label: label('Lines'),
      fields: [
        { id: 's4', key: 'what', type: 'text', label: label('What') },
        { id: 's5', key: 'scan', type: 'attachment', label: label('Scan'), accept: ['image/*'] },
      ],
    },
  ],
};

let b: DemoBrowser;
let page: Page;
setUpDemoBrowser(
  {
    prefix: 'attach',
    server: { env: { TESSERA_ADMIN_USER: 'admin', TESSERA_ADMIN_PASSWORD: DEMO_PASSWORD } },
  },
  (ready) => {
    b = ready;
    page = ready.page;
  },
);

/** Whether the first thumbnail in `scope` loaded real image bytes (a 404 leaves it 0 × 0). */
async function thumbnailLoaded(scope: ReturnType<Page['locator']>): Promise<boolean> {
  const img = scope.locator('img').first();
  await img.waitFor();
  return img.evaluate(async (el: HTMLImageElement) => {
    if (!el.complete) await new Promise((r) => el.addEventListener('load', r, { once: true }));
    return el.naturalWidth > 0;
  });
}

describe('attachment fields in Chromium', () => {
  let admin: APIRequestContext;

  it('the administrator publishes a form with attachments into the demo app', async () => {
    admin = await b.api('admin');
    const draft = await json(
      admin.post('/api/apps/customer_erp/forms/site_photo/versions', { data: SITE_PHOTO }),
      201,
    );
    await json(admin.post(`/api/apps/customer_erp/forms/site_photo/versions/${draft.version}/publish`));
  });

  it('uploads a photo on a new record, previews it, saves it and still shows it', async () => {
    await signIn(page, b.base, 'admin', { user: '用户名', password: '密码' });
    await page.goto(`${b.base}/apps/customer_erp/forms/site_photo/new`);
    await page.locator('#field-title').fill('North gate');
    const uploads = page.waitForResponse((r) => r.url().includes('/forms/site_photo/files?field=photos'));
    await page
      .locator('#field-photos')
      .setInputFiles({ name: 'gate.png', mimeType: 'image/png', buffer: PNG });
    expect((await uploads).status()).toBe(201);
    const photos = page.locator('.ant-upload-list').first();
    expect(await thumbnailLoaded(photos)).toBe(true);
    await shot(page, 'attach-01-preview');

    await page.getByRole('button', { name: /Add row|添加一行/ }).click();
    await page.locator('#field-lines-0-what').fill('Fence');
    const rowUpload = page.waitForResponse((r) => r.url().includes('field=lines.scan'));
    await page
      .locator('input[type=file]')
      .last()
      .setInputFiles({ name: 'fence.png', mimeType: 'image/png', buffer: PNG });
    expect((await rowUpload).status()).toBe(201);

    await page.getByRole('button', { name: /Save|保存/ }).click();
    await page.waitForURL(/\/records\/[0-9a-f-]{36}$/);
    await page.reload();
    expect(await thumbnailLoaded(page.locator('.ant-upload-list').first())).toBe(true);
    await shot(page, 'attach-02-saved');

    const id = page.url().split('/').pop()!;
    const record = await json(admin.get(`/api/apps/customer_erp/forms/site_photo/records/${id}`));
    expect(record.photos).toEqual([
      { id: expect.any(String), name: 'gate.png', size: PNG.length, contentType: 'image/png' },
    ]);
    expect(record.lines[0].scan).toEqual([expect.objectContaining({ name: 'fence.png' })]);
  });

  it('a file the field refuses is not attached, and the message says why', async () => {
    await page.goto(`${b.base}/apps/customer_erp/forms/site_photo/new`);
    await page
      .locator('#field-photos')
      .setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('just words') });
    await page.getByText(/notes\.txt (was not uploaded: |未上传：)/).waitFor();
    await shot(page, 'attach-03-refused');
    expect(await page.locator('.ant-upload-list-item').count()).toBe(0);
  });
});
