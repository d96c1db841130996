import type { Clock } from '@tessera/logic';
import type { Kysely } from 'kysely';

/** The clock (one definition, in @tessera/logic), movable in tests. */
export type { Clock };

/** Who acts: a user of tessera.users, or null for the system. */
export interface Actor {
  readonly id: string | null;
}

/** How a failed action or e-mail is retried: exponential backoff from `baseMs`, capped. */
export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly baseMs: number;
  readonly maxMs: number;
}

/** Where SMS / IM messages go: an HTTP endpoint of a gateway, signed like a webhook. */
export interface MessagingAdapter {
  readonly url: string;
  /** Environment variable holding the HMAC secret. */
  readonly secretEnv?: string;
}

/**
 * Everything the engine's I/O needs. Built once per process (server) or per test; the clock is
 * the only source of "now" so tests move it instead of sleeping.
 */
export interface RulesDeps {
  readonly db: Kysely<any>;
  readonly clock: Clock;
  /** Default time zone of rules that name none (date-relative days, cron, today). */
  readonly timeZone: string;
  /** smtp(s)://… — unset: e-mails are held in tessera.mail_outbox. */
  readonly smtpUrl?: string | undefined;
  readonly mailFrom?: string | undefined;
  readonly messaging?: MessagingAdapter | undefined;
  /** Environment for webhook secrets (default process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly fetch?: typeof fetch;
  readonly retry?: Partial<RetryPolicy>;
  /** Milliseconds before an HTTP request of an action is abandoned. */
  readonly httpTimeoutMs?: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 5, baseMs: 30_000, maxMs: 3_600_000 };

export function retryPolicy(deps: RulesDeps, maxAttempts?: number): RetryPolicy {
  return { ...DEFAULT_RETRY, ...deps.retry, ...(maxAttempts === undefined ? {} : { maxAttempts }) };
}

/** Delay before attempt `attempts + 1` (after `attempts` failures): base·2^(n−1), capped. */
export function backoffMs(policy: RetryPolicy, attempts: number): number {
  return Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
}
