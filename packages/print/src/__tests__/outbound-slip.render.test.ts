import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { erpCatalog, erpTemplate, slipWithLines } from '../__fixtures__/erp-print.fixture';
import { buildDocument } from '../document/document.builder';
import { printFonts } from '../fonts/print-fonts';
import { planPrint } from '../layout/print.planner';
import { renderPdf } from '../render/pdf.renderer';

const ctx = {
  timeZone: 'Asia/Shanghai',
  userName: (id: string) => ({ 'u-clerk': '李仓管' })[id],
  now: new Date('2027-03-07T08:00:00Z'),
  printedBy: '李仓管',
};

describe('the outbound slip of an order with 60 lines', () => {
  it('prints on several pages, the header and table header on each, the total in capitals', async () => {
    const record = slipWithLines(60);
    const doc = buildDocument(erpTemplate('outbound_slip'), record, erpCatalog, ctx);
    const fonts = printFonts();
    const plan = planPrint(doc, fonts.measure);
    const pdf = await renderPdf(plan, { fonts, createdAt: new Date('2027-03-07T08:00:00Z') });
    const dir = mkdtempSync(join(tmpdir(), 'print-'));
    writeFileSync(join(dir, 'slip.pdf'), pdf);
    execFileSync('pdftoppm', ['-r', '60', '-png', join(dir, 'slip.pdf'), join(dir, 'page')]);
    const images = readdirSync(dir).filter((f) => f.endsWith('.png'));
    expect(images.length).toBe(plan.pages.length);
    expect(plan.pages.length).toBeGreaterThanOrEqual(2);
    const pages = execFileSync('pdftotext', ['-layout', join(dir, 'slip.pdf'), '-'], { encoding: 'utf8' })
      .split('\f')
      .filter((p) => p.trim());
    expect(pages.length).toBe(images.length);
    for (const [i, page] of pages.entries()) {
      expect(page).toContain('OUT-20270307-001');
      expect(page).toContain('SO-202703-0042');
      expect(page).toMatch(/产品编码\s+产品名称\s+规格型号/);
      expect(page).toMatch(new RegExp(`第\\s*${i + 1}\\s*页\\s*/\\s*共\\s*${pages.length}\\s*页`));
    }
    const text = pages.join('\n');
    expect(text).toContain('上海华东机电设备有限公司');
    const total = Number(record.total);
    expect(text).toContain('出库金额（大写）：');
    expect(text).toContain(`¥${total.toLocaleString('en-US', { minimumFractionDigits: 2 })}`);
    for (let row = 1; row <= 60; row++) expect(text).toContain(`PRD-${String(row).padStart(5, '0')}`);
    console.log(dir, pdf.length);
  });
});
