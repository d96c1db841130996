import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeFormula, unescapeFormula } from '../formula-escape';

describe('escapeFormula (CSV/XLSX formula injection)', () => {
  it.each([
    ['=HYPERLINK("http://evil","click")', `'=HYPERLINK("http://evil","click")`],
    ["+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"],
    ['@SUM(1+1)*cmd|" /C calc"!A0', `'@SUM(1+1)*cmd|" /C calc"!A0`],
    ['-2+3', "'-2+3"],
    ['-', "'-"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', "'\r=1+1"],
    ["'=already quoted", "''=already quoted"],
    // plain numbers carry no formula: negative amounts stay numbers
    ['-12', '-12'],
    ['-1,234.50', '-1,234.50'],
    ['+3', '+3'],
    ['-12.5%', '-12.5%'],
    ['-1e-3', '-1e-3'],
    ['-.5', '-.5'],
    // ordinary text
    ['Acme = best', 'Acme = best'],
    ['星河电子', '星河电子'],
    ["'quoted", "'quoted"],
    ['', ''],
  ])('%j → %j', (text, escaped) => {
    expect(escapeFormula(text)).toBe(escaped);
    expect(unescapeFormula(escaped)).toBe(text);
  });

  it('round-trips any text, and what it writes never starts a formula', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('=', '+', '-', '@', '\t', '\r', "'", '1', ',', '.', 'a') }),
        (text) => {
          const escaped = escapeFormula(text);
          expect(unescapeFormula(escaped)).toBe(text);
          // a cell that still starts like a formula is a number: digits, separators, an exponent, %
          if (/^[=+\-@\t\r]/.test(escaped)) expect(escaped).toMatch(/^[+-][\d,.]+(?:[eE][+-]?\d+)?%?$/);
        },
      ),
    );
  });
});
