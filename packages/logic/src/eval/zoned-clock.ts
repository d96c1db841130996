import { LogicContextError } from '../logic.error';
import type { EvalContext } from '../logic.types';

/**
 * Wall clocks of IANA time zones, for `today`, `now` and datetime calendar arithmetic. A "wall"
 * value is the local date-time encoded as if it were UTC milliseconds (what Postgres calls a
 * `timestamp without time zone`).
 */
const dateFormatters = new Map<string, Intl.DateTimeFormat>();
const wallFormatters = new Map<string, Intl.DateTimeFormat>();

function cached(
  map: Map<string, Intl.DateTimeFormat>,
  timeZone: string,
  withTime: boolean,
): Intl.DateTimeFormat {
  let f = map.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      ...(withTime
        ? { hour: 'numeric', minute: 'numeric', second: 'numeric', hourCycle: 'h23' as const }
        : {}),
    });
    map.set(timeZone, f);
  }
  return f;
}

function wallParts(f: Intl.DateTimeFormat, ms: number): number {
  let y = 0;
  let mo = 1;
  let d = 1;
  let h = 0;
  let mi = 0;
  let s = 0;
  for (const part of f.formatToParts(new Date(ms))) {
    const n = Number(part.value);
    if (part.type === 'year') y = n;
    else if (part.type === 'month') mo = n;
    else if (part.type === 'day') d = n;
    else if (part.type === 'hour') h = n;
    else if (part.type === 'minute') mi = n;
    else if (part.type === 'second') s = n;
  }
  const wall = new Date(0);
  wall.setUTCFullYear(y, mo - 1, d);
  wall.setUTCHours(h, mi, s, 0);
  return wall.getTime();
}

/** UTC offset of `timeZone` at instant `ms`, in milliseconds. */
export function offsetAt(ms: number, timeZone: string): number {
  return wallParts(cached(wallFormatters, timeZone, true), ms) - Math.floor(ms / 1000) * 1000;
}

/** Instant → wall clock of the zone. */
export function toWall(ms: number, timeZone: string): number {
  return ms + offsetAt(ms, timeZone);
}

/**
 * Wall clock of the zone → instant, resolved like Postgres' `timestamp AT TIME ZONE`: a time in
 * a spring-forward gap uses the offset before the transition, an ambiguous fall-back time the
 * offset after it.
 */
export function fromWall(wall: number, timeZone: string): number {
  const before = offsetAt(wall - 36 * 3_600_000, timeZone);
  const after = offsetAt(wall + 36 * 3_600_000, timeZone);
  if (before === after) return wall - before;
  const t1 = wall - before;
  const t2 = wall - after;
  const valid1 = offsetAt(t1, timeZone) === before;
  const valid2 = offsetAt(t2, timeZone) === after;
  if (valid2) return t2;
  if (valid1) return t1;
  return t1;
}

/** The zone of the context, for operators whose result depends on it. */
export function zoneOf(ctx: EvalContext | undefined, operator: string): string {
  if (!ctx) throw new LogicContextError(operator);
  return ctx.timeZone;
}

/** The calendar date (`YYYY-MM-DD`) of `ctx.now` in `ctx.timeZone`. */
export function todayIn(ctx: EvalContext | undefined): string {
  if (!ctx) throw new LogicContextError('today');
  const wall = wallParts(cached(dateFormatters, ctx.timeZone, false), ctx.now.getTime());
  return new Date(wall).toISOString().slice(0, 10);
}

/** `ctx.now` as an ISO timestamp (UTC, milliseconds). */
export function nowIn(ctx: EvalContext | undefined): string {
  if (!ctx) throw new LogicContextError('now');
  return ctx.now.toISOString();
}
