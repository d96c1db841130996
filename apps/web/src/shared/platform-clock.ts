import type { EvalContext } from '@tessera/logic/browser';

/**
 * The platform's time zone (TESSERA_TIME_ZONE, told by /api/auth/me): "today" of defaults and
 * formulas in the browser is the server's "today", whatever zone the user's computer is set to.
 * Until the server has said, the browser's own zone.
 */
let platformZone: string = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export function setPlatformTimeZone(timeZone: string | undefined): void {
  if (timeZone) platformZone = timeZone;
}

/** The evaluation context of expressions run in the browser: now, in the platform's zone. */
export function platformClock(): EvalContext {
  return { now: new Date(), timeZone: platformZone };
}
