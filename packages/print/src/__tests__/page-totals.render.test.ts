import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PrintTemplateDefinition } from '@tessera/schema';
import { describe, expect, it } from 'vitest';
import { erpCatalog, erpTemplate, slipWithLines } from '../__fixtures__/erp-print.fixture';
import { buildDocument } from '../document/document.builder';
import { printFonts } from '../fonts/print-fonts';
import { planPrint } from '../layout/print.planner';
import { renderPdf } from '../render/pdf.renderer';

/**
 * Per-page totals of the 60-line outbound slip, read back from the PDF's text: each page's
 * subtotal (本页小计) is the sum of the rows printed on it, or the sums so far end a page (过次页)
 * and open the next (承上页); the grand total (合计) stays on the last page.
 */
const ctx = {
  timeZone: 'Asia/Shanghai',
  userName: () => undefined,
  now: new Date('2027-03-07T08:00:00Z'),
  printedBy: '李仓管',
};
const record = slipWithLines(60);
const items = record.items as { product: { code: string }; amount: number; quantity: number }[];
const cents = (n: number) => Math.round(n * 100);

/** The pack's slip (which asks for subtotals) with another per-page mode, or none. */
function withPerPage(mode: 'subtotal' | 'carry' | undefined): PrintTemplateDefinition {
  const template = erpTemplate('outbound_slip');
  return {
    ...template,
    body: template.body.map((b) => {
      if (b.type !== 'table') return b;
      const { perPage: _, ...totals } = b.totals ?? {};
      return { ...b, totals: mode ? { ...totals, perPage: mode } : totals };
    }),
  };
}

async function pagesOf(template: PrintTemplateDefinition): Promise<string[]> {
  const fonts = printFonts();
  const plan = planPrint(buildDocument(template, record, erpCatalog, ctx), fonts.measure);
  const pdf = await renderPdf(plan, { fonts, createdAt: ctx.now });
  const file = join(mkdtempSync(join(tmpdir(), 'print-totals-')), 'slip.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
    .split('\f')
    .filter((p) => p.trim());
}

/** The line of `label` on a page: its figures (quantity, then amount), as cents for the amount. */
function sumsOn(page: string, label: string): { quantity: number; amount: number } | null {
  const line = page.split('\n').find((l) => l.replace(/\s/g, '').includes(label));
  if (!line) return null;
  const figures = [...line.matchAll(/[\d,]+(?:\.\d+)?/g)].map((m) => Number(m[0].replace(/,/g, '')));
  return { quantity: figures.at(-2)!, amount: cents(figures.at(-1)!) };
}

/** The rows printed on a page (by product code), their quantity and amount. */
function rowsOn(page: string) {
  const on = items.filter((r) => page.includes(r.product.code));
  return {
    quantity: on.reduce((s, r) => s + r.quantity, 0),
    amount: on.reduce((s, r) => s + cents(r.amount), 0),
    count: on.length,
  };
}

describe('per-page totals of a line table over several pages', () => {
  it('subtotal: each page ends with the sums of its own rows, the last one before the grand total', async () => {
    const pages = await pagesOf(withPerPage('subtotal'));
    expect(pages.length).toBeGreaterThanOrEqual(2);
    let printedRows = 0;
    for (const page of pages) {
      const own = rowsOn(page);
      printedRows += own.count;
      expect(sumsOn(page, '本页小计'), page).toEqual({ quantity: own.quantity, amount: own.amount });
    }
    expect(printedRows).toBe(60);
    const grand = sumsOn(pages.at(-1)!, '合计');
    expect(grand?.amount).toBe(cents(Number(record.total)));
    for (const page of pages.slice(0, -1)) expect(sumsOn(page, '合计')).toBeNull();
  });

  it('carry: a page ends with the sums so far (过次页) and the next opens with them (承上页)', async () => {
    const pages = await pagesOf(withPerPage('carry'));
    expect(pages.length).toBeGreaterThanOrEqual(2);
    let soFar = { quantity: 0, amount: 0 };
    for (const [i, page] of pages.entries()) {
      const brought = sumsOn(page, '承上页');
      if (i === 0) expect(brought).toBeNull();
      else expect(brought).toEqual(soFar);
      const own = rowsOn(page);
      soFar = { quantity: soFar.quantity + own.quantity, amount: soFar.amount + own.amount };
      const carried = sumsOn(page, '过次页');
      if (i === pages.length - 1) expect(carried).toBeNull();
      else expect(carried).toEqual(soFar);
    }
    expect(sumsOn(pages.at(-1)!, '合计')).toEqual(soFar);
    expect(soFar.amount).toBe(cents(Number(record.total)));
  });

  it('without perPage a page shows no subtotal rows (the grand total only)', async () => {
    const pages = await pagesOf(withPerPage(undefined));
    const text = pages.join('\n');
    for (const label of ['本页小计', '过次页', '承上页']) expect(text).not.toContain(label);
    expect(sumsOn(pages.at(-1)!, '合计')?.amount).toBe(cents(Number(record.total)));
  });
});
