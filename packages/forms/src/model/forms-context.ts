import type { Kysely } from 'kysely';

/** Who acts: a user of tessera.users, or null for the system (pack install, migrations). */
export interface Actor {
  readonly id: string | null;
}

/** The clock, movable in tests. */
export interface Clock {
  now(): Date;
}

/** What every forms service call runs with (the architecture's `{ db, actor, clock }`). */
export interface FormsContext {
  readonly db: Kysely<any>;
  readonly actor: Actor;
  readonly clock: Clock;
}

export type FormVersionStatus = 'draft' | 'published' | 'superseded';
