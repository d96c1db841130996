import type { Clock } from '@tessera/logic';
import type { Kysely } from 'kysely';

/** The clock (one definition, in @tessera/logic), movable in tests. */
export type { Clock };

/** Which record an instance runs on. */
export interface RecordRef {
  readonly appKey: string;
  readonly formKey: string;
  readonly recordId: string | null;
}

/**
 * How the runner reads and writes records. `load` runs on the database handle just before a
 * step's transaction opens, and again inside it (`executor`) after the step's writes (the record
 * as stored: formulas, rollups, lookups); the writes run inside the step's transaction, so they
 * commit or roll back with the step. The server wires it to the form engine; tests use a small
 * table.
 */
export interface RecordGateway {
  load(db: Kysely<any>, ref: RecordRef): Promise<Record<string, unknown> | null>;
  update(
    executor: Kysely<any>,
    ref: RecordRef,
    set: Readonly<Record<string, unknown>>,
    actorId: string | null,
  ): Promise<void>;
  /**
   * How people name the record, per language (`报价单 QT-2026-0012 · 华东精密`): the flow's
   * messages say it instead of the flow's title. Optional: without it (or null) they name the flow.
   */
  describe?(executor: Kysely<any>, ref: RecordRef): Promise<Readonly<Record<string, string>> | null>;
  /** Records of another form matching a JSON-Logic filter. */
  updateWhere(
    executor: Kysely<any>,
    target: { appKey: string; formKey: string; where: unknown },
    set: Readonly<Record<string, unknown>>,
  ): Promise<void>;
  create(
    executor: Kysely<any>,
    target: { appKey: string; formKey: string },
    values: Readonly<Record<string, unknown>>,
    lineItems: Readonly<Record<string, readonly Readonly<Record<string, unknown>>[]>>,
  ): Promise<string>;
}

/** What the flow services run with (the architecture's `{ db, actor, clock }` + the record port). */
export interface FlowContext {
  readonly db: Kysely<any>;
  readonly clock: Clock;
  readonly records: RecordGateway;
  readonly timeZone?: string;
  /**
   * SMTP is configured: e-mails of the flow are `queued` for sending; otherwise they are `held`
   * in the mail outbox (readable through the API), like the rules engine's.
   */
  readonly smtpConfigured?: boolean;
}

/** Job-queue task names the flow engine enqueues; the server registers their handlers. */
export const FLOW_JOBS = {
  timer: 'flows.timer',
  webhook: 'flows.webhook',
  notify: 'flows.notify',
  startFlow: 'flows.start',
} as const;
