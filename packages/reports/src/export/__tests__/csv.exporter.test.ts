import { describe, expect, it } from 'vitest';
import { toCsv } from '../csv.exporter';

describe('CSV export', () => {
  it('writes a BOM, a header, CRLF rows, quotes where needed and defuses formulas in text', () => {
    const csv = toCsv(
      {
        columns: [
          { key: 'name', role: 'dimension', type: 'text' },
          { key: 'delta', role: 'measure', type: 'number' },
          { key: 'total', role: 'measure', type: 'decimal' },
          { key: '__grouping', role: 'grouping', type: 'integer' },
        ],
        rows: [
          { name: 'Acme, "Ltd"', delta: -1.5, total: '12.30', __grouping: 0 },
          { name: '=HYPERLINK("http://x")', delta: null, total: '0.00', __grouping: 0 },
          { name: '客户\n二', delta: 2, total: null, __grouping: 1 },
        ],
      },
      { name: '客户' },
    );
    expect(csv).toBe(
      '\uFEFF客户,delta,total\r\n' +
        '"Acme, ""Ltd""",-1.5,12.30\r\n' +
        `"'=HYPERLINK(""http://x"")",,0.00\r\n` +
        '"客户\n二",2,\r\n',
    );
  });
});
