/**
 * Exact decimal strings as scaled integers (BigInt): money amounts arrive as "12345.67" and their
 * totals and Chinese capitals must be exact to the fen, which floating point cannot promise.
 */

export interface ScaledDecimal {
  /** The value × 10^scale. */
  readonly units: bigint;
  readonly scale: number;
}

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?$/;

/** "1,234.50" / "-0.5" / 12.3 → a scaled decimal; null for anything else (NaN, "abc", 1e21). */
export function parseDecimal(value: string | number): ScaledDecimal | null {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    text = String(value);
    // 1e-7 and 1e21 print in exponent form: write them out, then drop the padding zeros
    if (/e/i.test(text))
      text = value
        .toFixed(20)
        .replace(/(\.\d*?)0+$/, '$1')
        .replace(/\.$/, '');
  } else text = value.trim().replace(/,/g, '');
  const m = DECIMAL.exec(text);
  if (!m) return null;
  const fraction = m[3] ?? '';
  const units = BigInt(`${m[2]}${fraction}`) * (m[1] === '-' ? -1n : 1n);
  return { units, scale: fraction.length };
}

function rescale(d: ScaledDecimal, scale: number): bigint {
  return d.units * 10n ** BigInt(scale - d.scale);
}

/** Rounds half away from zero to `scale` digits (as the form engine stores formulas). */
export function roundDecimal(d: ScaledDecimal, scale: number): ScaledDecimal {
  if (d.scale <= scale) return { units: rescale(d, scale), scale };
  const divisor = 10n ** BigInt(d.scale - scale);
  const negative = d.units < 0n;
  const abs = negative ? -d.units : d.units;
  let q = abs / divisor;
  if ((abs % divisor) * 2n >= divisor) q += 1n;
  return { units: negative ? -q : q, scale };
}

/** The exact sum; the scale is the largest of the terms'. */
export function sumDecimals(values: readonly ScaledDecimal[]): ScaledDecimal {
  const scale = values.reduce((s, d) => Math.max(s, d.scale), 0);
  return { units: values.reduce((sum, d) => sum + rescale(d, scale), 0n), scale };
}

/** "-1234.50" for a scaled decimal at its scale. */
export function decimalToString(d: ScaledDecimal): string {
  const negative = d.units < 0n;
  const digits = (negative ? -d.units : d.units).toString().padStart(d.scale + 1, '0');
  const whole = digits.slice(0, digits.length - d.scale);
  const fraction = d.scale > 0 ? `.${digits.slice(digits.length - d.scale)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/** Groups the whole part by thousands: "-1234567.5" → "-1,234,567.5". */
export function groupThousands(text: string): string {
  const [whole = '', fraction] = text.split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const digits = sign ? whole.slice(1) : whole;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}
