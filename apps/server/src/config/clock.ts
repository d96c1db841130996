import type { Clock } from '@tessera/forms';

export type { Clock };

/**
 * The wall clock. Every engine context and job handler of the server reads the time through one
 * `Clock` given to `buildApp` / `jobTasks`, so tests can move it (rules, timers, "today" fields).
 */
export const systemClock: Clock = { now: () => new Date() };
