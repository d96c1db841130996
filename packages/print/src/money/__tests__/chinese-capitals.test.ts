import { describe, expect, it } from 'vitest';
import { toChineseCapitals } from '../chinese-capitals';
import { decimalToString, groupThousands, parseDecimal, roundDecimal, sumDecimals } from '../decimal-string';

// The cases of issue 18, and the worked examples of the People's Bank of China's rules for
// writing amounts on bills (正确填写票据和结算凭证的基本规定), each a 零 rule.
const CASES: readonly [string | number, string][] = [
  [0, '零元整'],
  ['0.00', '零元整'],
  [10, '壹拾元整'],
  ['100.05', '壹佰元零伍分'],
  ['1000000.00', '壹佰万元整'],
  ['1,000,000.00', '壹佰万元整'],
  [0.5, '伍角'],
  ['0.05', '伍分'],
  ['0.55', '伍角伍分'],
  ['10000000000.01', '壹佰亿元零壹分'],
  ['12345.67', '壹万贰仟叁佰肆拾伍元陆角柒分'],
  ['1409.50', '壹仟肆佰零玖元伍角'],
  ['6007.14', '陆仟零柒元壹角肆分'],
  ['1680.32', '壹仟陆佰捌拾元零叁角贰分'],
  ['107000.53', '壹拾万柒仟元零伍角叁分'],
  ['16409.02', '壹万陆仟肆佰零玖元零贰分'],
  ['325.04', '叁佰贰拾伍元零肆分'],
  [15, '壹拾伍元整'],
  [1010, '壹仟零壹拾元整'],
  [100070, '壹拾万零柒拾元整'],
  [100000001, '壹亿零壹元整'],
  [100010000, '壹亿零壹万元整'],
  [110000000, '壹亿壹仟万元整'],
  ['1200000000000', '壹万贰仟亿元整'],
  ['9999999999999999.99', '玖仟玖佰玖拾玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分'],
  ['10.5', '壹拾元零伍角'],
  ['200.10', '贰佰元零壹角'],
  // rounded half away from zero to the fen first
  ['0.005', '壹分'],
  ['2.675', '贰元陆角捌分'],
  ['-5', '负伍元整'],
  ['-1234.5', '负壹仟贰佰叁拾肆元伍角'],
];

describe('toChineseCapitals', () => {
  it.each(CASES)('%s → %s', (value, text) => {
    expect(toChineseCapitals(value)).toEqual({ ok: true, text });
  });

  it.each([['abc'], [''], [Number.NaN], [Number.POSITIVE_INFINITY], ['1.2.3']])('refuses %s', (value) => {
    expect(toChineseCapitals(value)).toEqual({ ok: false, reason: 'not_a_number' });
  });

  it('refuses amounts beyond 9999万亿', () => {
    expect(toChineseCapitals('10000000000000000')).toEqual({ ok: false, reason: 'too_large' });
  });
});

describe('decimal strings', () => {
  it('sums exactly where floating point does not', () => {
    const terms = ['0.1', '0.2', '1234567890123.45', '-0.05'].map((t) => parseDecimal(t)!);
    expect(decimalToString(sumDecimals(terms))).toBe('1234567890123.70');
    expect(0.1 + 0.2).not.toBe(0.3);
  });

  it.each([
    ['2.675', 2, '2.68'],
    ['-2.675', 2, '-2.68'],
    ['2.674', 2, '2.67'],
    ['5', 2, '5.00'],
    ['0.5', 0, '1'],
  ])('rounds %s to %i places: %s', (value, scale, out) => {
    expect(decimalToString(roundDecimal(parseDecimal(value)!, scale))).toBe(out);
  });

  it.each([
    ['1234567.5', '1,234,567.5'],
    ['-1000', '-1,000'],
    ['999', '999'],
    ['0.25', '0.25'],
  ])('groups %s as %s', (value, out) => {
    expect(groupThousands(value)).toBe(out);
  });

  it('reads numbers as their shortest decimal', () => {
    expect(decimalToString(parseDecimal(12.3)!)).toBe('12.3');
    expect(decimalToString(parseDecimal(1e-7)!)).toBe('0.0000001');
  });
});
