/**
 * The one source of "now" for every engine. Engines and job handlers read the time only through a
 * `Clock` they are given, so tests and demos can move it instead of waiting.
 */
export interface Clock {
  now(): Date;
}

/** The wall clock of the host. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock that can be moved: set to an instant, or advanced by a number of milliseconds. */
export interface MovableClock extends Clock {
  set(at: Date | string): void;
  advance(ms: number): void;
}

/** A clock that stands still until it is moved (tests: nothing happens "meanwhile"). */
export function movableClock(start: Date | string): MovableClock {
  let now = new Date(start).getTime();
  return {
    now: () => new Date(now),
    set(at) {
      now = new Date(at).getTime();
    },
    advance(ms) {
      now += ms;
    },
  };
}

/** A running clock `offsetMs` ahead of (or behind) another: a demo server's movable clock. */
export interface ShiftedClock extends MovableClock {
  /** How far it is from the clock it runs on. */
  offsetMs(): number;
}

/** Runs with `base` (default the system clock), shifted by an offset that `set`/`advance` change. */
export function shiftedClock(offsetMs = 0, base: Clock = systemClock): ShiftedClock {
  let offset = offsetMs;
  return {
    now: () => new Date(base.now().getTime() + offset),
    set(at) {
      offset = new Date(at).getTime() - base.now().getTime();
    },
    advance(ms) {
      offset += ms;
    },
    offsetMs: () => offset,
  };
}
