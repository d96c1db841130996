import { parseDecimal, roundDecimal } from './decimal-string';

/**
 * Amounts in Chinese capitals (中文大写金额), as the People's Bank of China's rules for bills and
 * settlement vouchers write them (正确填写票据和结算凭证的基本规定):
 * - digits 零壹贰叁肆伍陆柒捌玖, units 拾佰仟 within a group of four, groups 万 亿 万亿;
 *   a leading ten is 壹拾 (never a bare 拾, which could be altered);
 * - one 零 for a run of zeros between non-zero digits (¥6,007.14 → 陆仟零柒元壹角肆分), also across
 *   a group boundary when the lower group starts with zeros (¥100,070 → 壹拾万零柒拾元);
 *   none when the lower group is full (¥107,000.53 → 壹拾万柒仟元零伍角叁分, the rules' first form);
 * - 元 then 整 when there are no 角 and 分; nothing after 角 (¥1,409.50 → 壹仟肆佰零玖元伍角);
 * - 零 after 元 when the 元 digit is 0 and 角 follows (¥1,680.32 → 壹仟陆佰捌拾元零叁角贰分), and
 *   when 角 is 0 and 分 is not (¥16,409.02 → 壹万陆仟肆佰零玖元零贰分);
 * - under one yuan: only 角 and 分 (¥0.50 → 伍角); zero is 零元整;
 * - amounts are rounded half away from zero to the fen first; a negative one is marked 负.
 */
export type CapitalsResult =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly reason: 'not_a_number' | 'too_large' };

const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const PLACES = ['仟', '佰', '拾', ''] as const;
/** Up to 9999万9999亿 (numeric(18,2) holds 16 whole digits). */
const MAX_WHOLE_DIGITS = 16;

/** One group of up to four digits, with one 零 per inner run of zeros (no leading or trailing 零). */
function groupText(group: string): string {
  const digits = group.padStart(4, '0');
  let out = '';
  let zeros = false;
  for (let i = 0; i < 4; i++) {
    const d = Number(digits[i]);
    if (d === 0) {
      zeros = out !== '';
      continue;
    }
    out += `${zeros ? '零' : ''}${DIGITS[d]}${PLACES[i]}`;
    zeros = false;
  }
  return out;
}

/**
 * A higher and a lower part joined by a unit (万 over four digits, 亿 over eight): 零 between them
 * when the lower part is not zero but shorter than its width (it starts with zeros).
 */
function joined(whole: string, width: number, unit: string, part: (digits: string) => string): string {
  if (whole.length <= width) return part(whole);
  const high = whole.slice(0, whole.length - width);
  const low = whole.slice(whole.length - width);
  const lowText = /^0+$/.test(low) ? '' : `${low.startsWith('0') ? '零' : ''}${part(low.replace(/^0+/, ''))}`;
  return `${part(high)}${unit}${lowText}`;
}

const upTo8 = (digits: string) => joined(digits, 4, '万', groupText);
const wholeText = (digits: string) => joined(digits, 8, '亿', upTo8);

/** `toChineseCapitals("12345.67")` → 壹万贰仟叁佰肆拾伍元陆角柒分. */
export function toChineseCapitals(value: string | number): CapitalsResult {
  const parsed = parseDecimal(value);
  if (!parsed) return { ok: false, reason: 'not_a_number' };
  const fen = roundDecimal(parsed, 2).units;
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  const whole = (abs / 100n).toString();
  if (whole.length > MAX_WHOLE_DIGITS) return { ok: false, reason: 'too_large' };
  const jiao = Number((abs / 10n) % 10n);
  const fenDigit = Number(abs % 10n);
  if (abs === 0n) return { ok: true, text: '零元整' };
  let text = whole === '0' ? '' : `${wholeText(whole)}元`;
  if (jiao === 0 && fenDigit === 0) text += '整';
  else {
    const wholeEndsInZero = whole !== '0' && whole.endsWith('0');
    if (jiao !== 0) text += `${wholeEndsInZero ? '零' : ''}${DIGITS[jiao]}角`;
    else if (whole !== '0') text += '零';
    if (fenDigit !== 0) text += `${DIGITS[fenDigit]}分`;
  }
  return { ok: true, text: negative ? `负${text}` : text };
}
