import { type Clock, type MovableClock, type ShiftedClock, shiftedClock, systemClock } from '@tessera/logic';
import { releaseJobsDueBy } from '@tessera/store';
import type { Kysely } from 'kysely';
import type { Config } from '../config/config';
import { readClockOffset } from './clock-offset.store';

/** Whether an admin may move this clock (a movable one, see @tessera/logic). */
export function isAdjustable(clock: Clock): clock is MovableClock {
  const c = clock as Partial<MovableClock>;
  return typeof c.set === 'function' && typeof c.advance === 'function';
}

/** A movable clock running on the system's, whose offset can be stored and followed. */
export function isShifted(clock: Clock): clock is ShiftedClock {
  return isAdjustable(clock) && typeof (clock as Partial<ShiftedClock>).offsetMs === 'function';
}

/**
 * The clock of a server process: the system clock, or with TESSERA_CLOCK=movable the system
 * clock shifted by the offset stored in the database (0 at the first start).
 */
export async function openServerClock(
  db: Kysely<any>,
  config: Pick<Config, 'TESSERA_CLOCK'>,
): Promise<Clock | ShiftedClock> {
  if (config.TESSERA_CLOCK !== 'movable') return systemClock;
  return shiftedClock(await readClockOffset(db));
}

/**
 * Keeps a movable clock in step with the stored offset (an admin moved it on another node) and
 * releases the queue's jobs its time has made due (scheduled in clock time, run by the database's).
 * Returns the function that stops it.
 */
export function followClock(db: Kysely<any>, clock: ShiftedClock, everyMs = 15_000): () => Promise<void> {
  let running: Promise<void> = Promise.resolve();
  const step = async () => {
    const stored = await readClockOffset(db);
    // moves of a second or more (an offset is stored a few milliseconds off the clock's own)
    if (stored - clock.offsetMs() >= 1000) clock.advance(stored - clock.offsetMs());
    await releaseJobsDueBy(db, clock.now());
  };
  const timer = setInterval(() => {
    running = step().catch(() => {
      // the database may be closing or busy; the next round tries again
    });
  }, everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
