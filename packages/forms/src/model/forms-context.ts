import type { Clock } from '@tessera/logic';
import type { Kysely } from 'kysely';

/** Who acts: a user of tessera.users, or null for the system (pack install, migrations). */
export interface Actor {
  readonly id: string | null;
}

/** The clock (one definition, in @tessera/logic), movable in tests. */
export type { Clock };

/** What every forms service call runs with (the architecture's `{ db, actor, clock }`). */
export interface FormsContext {
  readonly db: Kysely<any>;
  readonly actor: Actor;
  readonly clock: Clock;
  /** The platform's zone (TESSERA_TIME_ZONE) of "today" in formulas a publish recomputes (default UTC). */
  readonly timeZone?: string | undefined;
}

export type FormVersionStatus = 'draft' | 'published' | 'superseded';
