import type { Action } from '@tessera/schema';
import type { Kysely } from 'kysely';
import type { FiringContext } from '../firing/rule-firing';
import type { RulesDeps } from '../rules-context';

export type ActionOf<T extends Action['type']> = Extract<Action, { type: T }>;

/** What an action runs with: the firing's snapshot of the record, the rule, the clock. */
export interface ActionContext<A extends Action = Action> {
  readonly deps: RulesDeps;
  readonly action: A;
  readonly actionId: number;
  readonly rule: { readonly id: string; readonly appKey: string; readonly key: string };
  readonly firing: FiringContext & { readonly occurrence: string };
  readonly now: Date;
}

/**
 * One action type. `send` does outside I/O (HTTP) outside any transaction and may throw to be
 * retried; `apply` writes to the database in the transaction that marks the action done, so
 * database effects happen exactly once. Outside effects are at-least-once with a stable
 * delivery id (`X-Tessera-Delivery`, Message-ID) receivers can de-duplicate on.
 */
export interface ActionHandler<A extends Action = Action> {
  /** Attempts before the action is dead-lettered (default: the engine's retry policy). */
  maxAttempts?(action: A): number | undefined;
  send?(ctx: ActionContext<A>): Promise<void>;
  apply?(trx: Kysely<any>, ctx: ActionContext<A>): Promise<void>;
}
