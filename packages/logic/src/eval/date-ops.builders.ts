import type { DateAddUnit, TruncUnit } from '../validate/operator.registry';
import type { Fn, OperatorBuilder } from './compiled-node';
import { isNil } from './compiled-node';
import { dateAdd, dateDiff, endOf, formatTemporal, parseTemporal, startOf } from './date-math';
import { nowIn, todayIn, zoneOf } from './zoned-clock';

const DAY_MS = 86_400_000;

export const DATE_BUILDERS: Readonly<Record<string, OperatorBuilder>> = {
  today: () => (_d, ctx) => todayIn(ctx),
  now: () => (_d, ctx) => nowIn(ctx),
  date_add: (args, c) => {
    const [date, n] = args.map(c) as [Fn, Fn];
    const unit = args[2] as DateAddUnit;
    return (d, ctx) => {
      const zone = () => zoneOf(ctx, 'date_add');
      const t = parseTemporal(date(d, ctx));
      const k = n(d, ctx);
      if (!t || isNil(k) || !Number.isFinite(Number(k))) return null;
      return formatTemporal(dateAdd(t, Number(k), unit, zone));
    };
  },
  date_diff: (args, c) => {
    const [a, b] = args.map(c) as [Fn, Fn];
    const unit = args[2] as DateAddUnit;
    return (d, ctx) => {
      const ta = parseTemporal(a(d, ctx));
      const tb = parseTemporal(b(d, ctx));
      return ta && tb ? dateDiff(ta, tb, unit, () => zoneOf(ctx, 'date_diff')) : null;
    };
  },
  start_of: (args, c) => {
    const date = c(args[0]);
    const unit = args[1] as TruncUnit;
    return (d, ctx) => {
      const t = parseTemporal(date(d, ctx));
      return t ? formatTemporal(startOf(t, unit, () => zoneOf(ctx, 'start_of'))) : null;
    };
  },
  end_of: (args, c) => {
    const date = c(args[0]);
    const unit = args[1] as TruncUnit;
    return (d, ctx) => {
      const t = parseTemporal(date(d, ctx));
      return t ? formatTemporal(endOf(t, unit, () => zoneOf(ctx, 'end_of'))) : null;
    };
  },
  /** Whole days from the value to today (a date) or to now (a datetime). */
  days_since: (args, c) => {
    const date = c(args[0]);
    return (d, ctx) => {
      const t = parseTemporal(date(d, ctx));
      if (!t) return null;
      if (t.kind === 'date')
        return dateDiff(parseTemporal(todayIn(ctx))!, t, 'day', () => zoneOf(ctx, 'days_since'));
      return Math.trunc((Date.parse(nowIn(ctx)) - t.ms) / DAY_MS) + 0;
    };
  },
};
