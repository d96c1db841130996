import { ISO_DURATION_PATTERN } from '@tessera/schema';

const PATTERN = new RegExp(ISO_DURATION_PATTERN);

/**
 * Adds an ISO 8601 duration (`P3D`, `PT4H`, `P1M`) to an instant, in UTC: years and months are
 * calendar units (Jan 31 + P1M = the last day of February), the rest fixed lengths. `sign` -1
 * subtracts. Returns null for a malformed duration.
 */
export function addDuration(at: Date, duration: string, sign: 1 | -1 = 1): Date | null {
  const match = PATTERN.exec(duration);
  if (!match) return null;
  const n = (i: number) => Number.parseFloat(match[i] ?? '0') * sign;
  const result = new Date(at.getTime());
  const years = n(1);
  const months = n(2);
  if (years !== 0 || months !== 0) {
    const day = result.getUTCDate();
    result.setUTCDate(1);
    result.setUTCMonth(result.getUTCMonth() + Math.trunc(years * 12 + months));
    const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
    result.setUTCDate(Math.min(day, lastDay));
  }
  const ms = n(3) * 7 * 86_400_000 + n(4) * 86_400_000 + n(6) * 3_600_000 + n(7) * 60_000 + n(8) * 1000;
  return new Date(result.getTime() + ms);
}
