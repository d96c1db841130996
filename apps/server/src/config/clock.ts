/**
 * The clock every engine context and job handler of the server reads (one definition, in
 * @tessera/logic): the system clock, or with TESSERA_CLOCK=movable a shifted one an admin moves.
 */
export { type Clock, type ShiftedClock, shiftedClock, systemClock } from '@tessera/logic';
