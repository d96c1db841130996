import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, expectAccessible, setUpDemoBrowser, shot } from './e2e-kit';

/**
 * Saved views, the mail outbox and the import wizard in Chromium against a real server with the
 * Customer ERP demo: a sales director saves a filtered view and finds it after a reload (from the
 * server, not the browser's memory), the administrator shares a view the director then sees, the
 * outbox shows the mail the demo's rules and flows wrote (every mail for the admin, their own for
 * the director), and a CSV with one bad row is imported with that row reported. Both languages,
 * laptop and phone widths; a screenshot of every step in e2e/artifacts.
 */
const ADMIN = { username: 'admin', password: 'Tessera-Owner-2026' };
const CUSTOMERS = '/apps/customer_erp/forms/customer';

let page: Page;
let base: string;

setUpDemoBrowser(
  {
    prefix: 'views',
    server: { env: { TESSERA_ADMIN_USER: ADMIN.username, TESSERA_ADMIN_PASSWORD: ADMIN.password } },
  },
  (b) => ({ page, base } = b),
);

/**
 * Signs in (the login page speaks the language last used in this browser) and switches the user
 * to Chinese if they use English.
 */
async function signInAs(username: string, password = DEMO_PASSWORD) {
  await page.context().clearCookies();
  await page.goto(`${base}/login`);
  await page.getByLabel(/^(用户名|User name)$/).fill(username);
  await page.getByLabel(/^(密码|Password)$/).fill(password);
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  const locale = async () => (await (await page.request.get(`${base}/api/auth/me`)).json()).user.locale;
  if ((await locale()) !== 'zh-CN') {
    // the page follows the user's saved language once it has read it
    await page.locator('html[lang="en"]').waitFor({ state: 'attached' });
    await page.getByRole('button', { name: /Language/ }).click();
    await page.getByRole('menuitem', { name: '简体中文' }).click();
    await page.locator('html[lang="zh-CN"]').waitFor({ state: 'attached' });
    // saved on the user: the next page load (and the mail they get) is in Chinese
    await expect.poll(locale).toBe('zh-CN');
  }
}

/** Waits until no CSS animation runs (antd's dialogs zoom in): screenshots and axe see the end state. */
async function settled() {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
}

/** The list's "N records" line, once it is shown. */
async function total(): Promise<string> {
  const line = page.locator('.tabular[aria-live="polite"]');
  await line.filter({ hasText: /\d/ }).waitFor();
  return (await line.textContent()) ?? '';
}

async function waitForTotalChange(from: string) {
  await page.waitForFunction((before) => {
    const text = document.querySelector('.tabular[aria-live="polite"]')?.textContent ?? '';
    return /\d/.test(text) && text !== before;
  }, from);
}

const searchBox = () => page.getByPlaceholder('搜索…');

/** The view switcher (its combobox holds no text; the chosen view shows beside it). */
const viewSelect = () =>
  page.locator('.ant-select').filter({ has: page.getByRole('combobox', { name: '视图' }) });

async function pickView(name: string | RegExp) {
  await page.getByRole('combobox', { name: '视图' }).click();
  await page.locator('.ant-select-item-option', { hasText: name }).first().click();
}

async function saveViewAs(name: string, share = false) {
  await page.getByRole('button', { name: '视图操作' }).click();
  await page.getByRole('menuitem', { name: '另存为新视图…' }).click();
  const dialog = page.getByRole('dialog', { name: '另存为新视图' });
  await dialog.getByLabel('名称').fill(name);
  if (share) await dialog.getByText('共享给所有可查看此列表的人').click();
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await page.getByText(`视图“${name}”已保存`).waitFor();
}

describe('saved views, the mail outbox and the import wizard', () => {
  it('saves a filtered view that is there after a reload, from the server', async () => {
    await signInAs('director1');
    const listed = await page.request.get(`${base}/api/apps/customer_erp/forms/customer/records?limit=100`);
    const city = ((await listed.json()).items as { city: string | null }[]).find((c) => c.city)?.city;
    expect(city).toBeTruthy();

    await page.goto(`${base}${CUSTOMERS}`);
    await page.getByRole('heading', { name: '客户' }).waitFor();
    const all = await total();
    await page.getByRole('button', { name: /筛选/ }).click();
    await page.getByRole('combobox', { name: '字段' }).click();
    await page.keyboard.type('城市');
    await page.keyboard.press('Enter');
    await page.getByRole('textbox', { name: '值' }).fill(city!);
    await page.getByRole('button', { name: /应\s*用/ }).click();
    await waitForTotalChange(all);
    const filtered = await total();
    await saveViewAs(`${city}的客户`);
    await settled();
    await shot(page, 'views-01-saved-view-zh');
    await expectAccessible(page);

    await page.reload();
    await viewSelect()
      .filter({ hasText: `${city}的客户` })
      .waitFor();
    // forget what this browser remembers: the view comes back from the server
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    expect(await total()).toBe(all);
    await pickView(`${city}的客户`);
    await waitForTotalChange(all);
    expect(await total()).toBe(filtered);
    await page.locator('.ant-badge').filter({ hasText: '1' }).first().waitFor();
    await settled();
    await shot(page, 'views-02-view-after-reload-zh');
  });

  it("the administrator's shared view is offered to the sales director, who may not change it", async () => {
    await signInAs(ADMIN.username, ADMIN.password);
    await page.goto(`${base}${CUSTOMERS}`);
    await total();
    await searchBox().fill('有限公司');
    await saveViewAs('全员：有限公司客户', true);
    await settled();
    await shot(page, 'views-03-admin-shared-view-zh');

    await signInAs('director1');
    await page.goto(`${base}${CUSTOMERS}`);
    await total();
    await page.getByRole('combobox', { name: '视图' }).click();
    await page.locator('.ant-select-item-group', { hasText: '共享视图' }).waitFor();
    await settled();
    await shot(page, 'views-04-director-sees-shared-zh');
    await page.locator('.ant-select-item-option', { hasText: '全员：有限公司客户' }).click();
    await expect.poll(() => searchBox().inputValue()).toBe('有限公司');
    await page.getByRole('button', { name: '视图操作' }).click();
    // the director may save it as a view of their own, not rename, share or delete the admin's
    await page.getByRole('menuitem', { name: '另存为新视图…' }).waitFor();
    expect(await page.getByRole('menuitem', { name: '删除视图' }).count()).toBe(0);
    expect(await page.getByRole('menuitem', { name: '重命名…' }).count()).toBe(0);
    await page.keyboard.press('Escape');
  });

  it('the outbox shows the mail the demo wrote: all of it for the admin, their own for others', async () => {
    await signInAs(ADMIN.username, ADMIN.password);
    // the demo's rules and flows write mail as the workers run; it lands in the outbox (no SMTP)
    await expect
      .poll(
        async () =>
          ((await (await page.request.get(`${base}/api/mail-outbox`)).json()).items as unknown[]).length,
        { timeout: 120_000, interval: 2_000 },
      )
      .toBeGreaterThan(0);
    const mails = (await (await page.request.get(`${base}/api/mail-outbox`)).json()).items as {
      to: string;
      subject: string;
      body: string;
    }[];
    await page.goto(`${base}/mail`);
    await page.getByRole('heading', { name: '邮件发件箱' }).waitFor();
    await page.getByText('系统写出的所有邮件').waitFor();
    const first = page.locator('.ant-table-row').filter({ hasText: mails[0]!.subject }).first();
    await first.waitFor();
    await first.getByText(mails[0]!.to).waitFor();
    await first.getByText('已保留（无 SMTP）').waitFor();
    await first.click();
    const body = page.locator('.ant-table-expanded-row').first();
    await body.waitFor();
    const text = (await body.textContent()) ?? '';
    expect(text).not.toMatch(/^\s*[{[]/);
    expect(text.replace(/\s+/g, '')).toContain(
      mails[0]!.body
        .replace(/<[^>]+>/g, '')
        .replace(/\s+/g, '')
        .slice(0, 20),
    );
    await settled();
    await shot(page, 'outbox-01-admin-zh');
    await expectAccessible(page);

    // the overdue-receivable rule mails the finance manager: they read their own mail, only theirs
    const own = mails.filter((m) => m.to.startsWith('fmanager1@'));
    expect(own.length).toBeGreaterThan(0);
    await signInAs('fmanager1');
    await page.goto(`${base}/mail`);
    await page.getByText('系统写给你的邮件').waitFor();
    await page.locator('.ant-table-row').first().waitFor();
    const recipients = await page.locator('.ant-table-row td:nth-child(2)').allTextContents();
    expect(recipients.length).toBeGreaterThan(0);
    for (const to of recipients) expect(to).toContain('fmanager1@');
    await settled();
    await shot(page, 'outbox-02-own-mail-zh');
  });

  it('the IM and SMS tab shows a held robot message without its webhook, and re-queues it (audited)', async () => {
    await signInAs(ADMIN.username, ADMIN.password);
    const { csrfToken } = (await (await page.request.get(`${base}/api/auth/me`)).json()) as {
      csrfToken: string;
    };
    const post = async (path: string, data: unknown = {}) => {
      const res = await page.request.post(`${base}${path}`, { data, headers: { 'x-csrf-token': csrfToken } });
      expect(res.status(), await res.text()).toBeLessThan(300);
      return res.json();
    };
    // a flow whose notify step posts to the demo's WeCom robot: its webhook variable is unset, so held
    await post('/api/apps/customer_erp/flows', {
      key: 'e2e_heads_up',
      title: { en: 'Delivery heads-up', 'zh-CN': '发货提醒' },
      form: 'sales_order',
      nodes: [
        { id: 'start', type: 'start', on: ['manual'] },
        {
          id: 'tell',
          type: 'service',
          action: {
            type: 'notify',
            channels: ['im'],
            via: { im: 'service_group' },
            to: [{ kind: 'address', address: '13900000002' }],
            subject: { 'zh-CN': '发货提醒 {{ number }}' },
            body: { 'zh-CN': '订单 {{ number }} 即将发货' },
          },
        },
        { id: 'end', type: 'end' },
      ],
      edges: [
        { from: 'start', to: 'tell' },
        { from: 'tell', to: 'end' },
      ],
    });
    await post('/api/apps/customer_erp/flows/e2e_heads_up/publish');
    const orders = await (
      await page.request.get(`${base}/api/apps/customer_erp/forms/sales_order/records?limit=1`)
    ).json();
    const order = orders.items[0] as { id: string; number: string };
    await post('/api/apps/customer_erp/flows/e2e_heads_up/instances', { recordId: order.id });
    const held = async () =>
      (
        (await (await page.request.get(`${base}/api/message-outbox?status=held`)).json()).items as {
          id: number;
          title: string;
          messengerKey: string;
        }[]
      ).filter((m) => m.messengerKey === 'service_group');
    await expect
      .poll(async () => (await held()).length, { timeout: 60_000, interval: 1_000 })
      .toBeGreaterThan(0);
    const [message] = await held(); // the newest

    await page.goto(`${base}/mail`);
    await page.getByRole('tab', { name: '即时消息与短信' }).click();
    await page.waitForURL(/tab=messages/);
    const row = page.locator('.ant-table-row').filter({ hasText: message!.title }).first();
    await row.getByText('企业微信', { exact: true }).waitFor();
    await row.getByText('service_group').waitFor();
    await row.getByText('已保留（未配置）').waitFor();
    await row.click();
    const detail = page.locator('.ant-table-expanded-row').first();
    await detail.getByText('ERP_WECOM_WEBHOOK_URL is not set', { exact: false }).waitFor();
    // where it goes is named, how to reach it is not
    expect(await page.locator('main').textContent()).not.toMatch(/qyapi|webhook\/send|key=/);
    await settled();
    await shot(page, 'outbox-06-messages-zh');
    await expectAccessible(page);

    await page
      .getByRole('button', { name: `重新排队“${message!.title}”` })
      .first()
      .click();
    await page.getByText('已重新排队，稍后发送').waitFor();
    const audit = await (await page.request.get(`${base}/api/audit?action=message.requeued`)).json();
    expect(audit.items).toContainEqual(
      expect.objectContaining({
        action: 'message.requeued',
        target: { type: 'message', id: String(message!.id) },
        detail: expect.objectContaining({ messenger: 'service_group', was: 'held' }),
      }),
    );
    // still no webhook: the worker holds it again, and the tab shows so
    await expect
      .poll(async () => (await held()).some((m) => m.id === message!.id), {
        timeout: 60_000,
        interval: 1_000,
      })
      .toBe(true);
    await page.reload();
    await page
      .locator('.ant-table-row')
      .filter({ hasText: message!.title })
      .first()
      .getByText('已保留（未配置）')
      .waitFor();

    // in English at phone width: cards, with the action on each held message
    await page.getByRole('button', { name: /语言/ }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.locator('html[lang="en"]').waitFor({ state: 'attached' });
    await page.setViewportSize({ width: 375, height: 780 });
    await page.getByText('IM robot and SMS messages of rules and flows', { exact: false }).waitFor();
    const card = page.locator('.ant-card').filter({ hasText: message!.title }).first();
    await card.getByText('WeCom', { exact: true }).waitFor();
    await card.getByRole('button', { name: `Re-queue “${message!.title}”` }).waitFor();
    await settled();
    await shot(page, 'outbox-07-messages-en-375');
    await expectAccessible(page);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('button', { name: /Language/ }).click();
    await page.getByRole('menuitem', { name: '简体中文' }).click();
    await page.locator('html[lang="zh-CN"]').waitFor({ state: 'attached' });
  });

  it('imports a CSV through the wizard: columns matched by name, the bad row reported', async () => {
    await signInAs('director1');
    await page.goto(`${base}${CUSTOMERS}`);
    await total();
    await pickView('全部记录');
    await page.getByRole('button', { name: /导\s*入/ }).click();
    const dialog = page.getByRole('dialog', { name: '导入客户' });
    await dialog.waitFor();
    const csv = [
      '客户名称,客户等级,城市,内部编号',
      '导入测试一号有限公司,key,苏州,A1',
      '导入测试二号有限公司,platinum,苏州,A2',
      '导入测试三号有限公司,normal,无锡,A3',
    ].join('\n');
    await dialog
      .locator('input[type="file"]')
      .setInputFiles({ name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await dialog.getByText('已选择：customers.csv').waitFor();
    await settled();
    await shot(page, 'import-01-file-zh');
    await page.mouse.move(0, 0);
    await expectAccessible(page);
    await dialog.getByRole('button', { name: /下一步/ }).click();

    await dialog.getByRole('combobox', { name: '列 客户名称 对应的字段' }).waitFor();
    expect(await dialog.getByRole('row', { name: /客户等级/ }).textContent()).toContain('客户等级');
    expect(await dialog.getByRole('row', { name: /内部编号/ }).textContent()).toContain('不导入');
    await settled();
    await shot(page, 'import-02-columns-zh');
    // the pointer rests on the button just clicked: antd's hover tint is not what axe should judge
    await page.mouse.move(0, 0);
    await expectAccessible(page);
    await dialog.getByRole('button', { name: /检查各行/ }).click();

    await dialog.getByText('试运行').waitFor();
    const problem = dialog.getByRole('row', { name: /^3\b/ });
    await problem.waitFor();
    expect(await problem.textContent()).toContain('客户等级');
    await settled();
    await shot(page, 'import-03-dry-run-zh');
    await page.mouse.move(0, 0);
    await expectAccessible(page);
    await dialog.getByRole('button', { name: /开始导入/ }).click();

    await dialog.getByText('导入完成').waitFor();
    await dialog.getByText('新建 2 条，更新 0 条，1 行有问题').waitFor();
    await settled();
    await shot(page, 'import-04-done-zh');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: /下载行报告/ }).click(),
    ]);
    const report = readFileSync((await download.path())!, 'utf8');
    expect(report.split(/\r\n/)[0]).toBe('\uFEFF行,列,问题');
    expect(report.split(/\r\n/).filter((l) => l.startsWith('3,'))).toHaveLength(1);
    await dialog
      .locator('.ant-modal-footer')
      .getByRole('button', { name: /关\s*闭/ })
      .click();
    await searchBox().fill('导入测试');
    await page.locator('.tabular[aria-live="polite"]').filter({ hasText: '共 2 条' }).waitFor();
  });

  it('in English at phone width: the view switcher, the outbox and the wizard fit', async () => {
    await page.getByRole('button', { name: /语言/ }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.locator('html[lang="en"]').waitFor({ state: 'attached' });
    await page.goto(`${base}${CUSTOMERS}`);
    await total();
    await settled();
    await shot(page, 'views-05-list-en-1280');
    await page.setViewportSize({ width: 375, height: 780 });
    await page.getByRole('combobox', { name: 'View' }).waitFor();
    await settled();
    await shot(page, 'views-06-list-en-375');
    await expectAccessible(page);
    await page.getByRole('button', { name: /Import/ }).click();
    await page
      .getByRole('dialog', { name: 'Import Customer' })
      .getByText(/CSV or Excel/)
      .waitFor();
    await settled();
    await shot(page, 'import-05-file-en-375');
    await page.keyboard.press('Escape');
    await page.goto(`${base}/mail`);
    await page.getByRole('heading', { name: 'Mail outbox' }).waitFor();
    await page.getByText('E-mails the system wrote to you').waitFor();
    await settled();
    await shot(page, 'outbox-03-en-375');
    await expectAccessible(page);
    await page.setViewportSize({ width: 1280, height: 800 });
    await settled();
    await shot(page, 'outbox-04-en-1280');
    await page.getByRole('button', { name: /Language/ }).click();
    await page.getByRole('menuitem', { name: '简体中文' }).click();
    await page.locator('html[lang="zh-CN"]').waitFor({ state: 'attached' });
    await signInAs('fmanager1');
    await page.setViewportSize({ width: 375, height: 780 });
    await page.goto(`${base}/mail`);
    await page.getByRole('heading', { name: '邮件发件箱' }).waitFor();
    await page.locator('.ant-card').first().waitFor();
    await settled();
    await shot(page, 'outbox-05-zh-375');
    await expectAccessible(page);
  });
});
