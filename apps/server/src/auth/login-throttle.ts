import { type Kysely, sql } from 'kysely';

/** The login throttle's settings (TESSERA_LOGIN_*; see docs/deployment.md). */
export interface LoginLimits {
  /** Failed logins of one user name from one client address before that pair is refused. */
  readonly perClient: number;
  /** Failed logins of one user name from all clients before every attempt on it is slowed. */
  readonly perUser: number;
  readonly windowMinutes: number;
  /** How long each attempt past the per-user ceiling waits before it is checked. */
  readonly slowdownMs: number;
}

/** The defaults of the TESSERA_LOGIN_* settings. */
export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  perClient: 5,
  perUser: 50,
  windowMinutes: 15,
  slowdownMs: 1000,
};

/** Recent failed logins of a user name: from the asking client, and from everyone. */
export interface LoginFailures {
  readonly fromClient: number;
  readonly fromAll: number;
  /** When the oldest failure from this client that still counts stops counting (for Retry-After). */
  readonly clientClearsAt: Date | null;
}

export type LoginDecision =
  | { readonly kind: 'allow'; readonly delayMs: number }
  | { readonly kind: 'refuse'; readonly retryAfterSeconds: number };

/**
 * Whether a login attempt is checked, pure. Failures count per (user name, client address): five
 * wrong passwords from one place lock out that place only, so an attacker cannot lock the
 * director out from elsewhere. Across all clients a much higher ceiling slows every attempt on
 * the name (a distributed guesser) but never refuses one, so the real user still gets in.
 */
export function decideLogin(failures: LoginFailures, limits: LoginLimits, now: Date): LoginDecision {
  if (failures.fromClient >= limits.perClient) {
    const clears = failures.clientClearsAt?.getTime() ?? now.getTime() + limits.windowMinutes * 60_000;
    return { kind: 'refuse', retryAfterSeconds: Math.max(1, Math.ceil((clears - now.getTime()) / 1000)) };
  }
  return { kind: 'allow', delayMs: failures.fromAll >= limits.perUser ? limits.slowdownMs : 0 };
}

/**
 * The failed logins of a user name within the window, from the audit log (`auth.login_failed`):
 * from this client since its last successful login of that name, and from all clients since the
 * name's last successful login anywhere.
 */
export async function recentLoginFailures(
  db: Kysely<any>,
  key: string,
  ip: string,
  windowMinutes: number,
): Promise<LoginFailures> {
  const result = await sql<{
    from_client: number | string;
    from_all: number | string;
    client_first: Date | null;
  }>`
    with f as (
      select at, ip from tessera.audit_log
      where target_type = 'user' and target_id = ${key} and action = 'auth.login_failed'
        and at > now() - make_interval(mins => ${windowMinutes})),
    ok as (
      select max(at) as any_at, max(at) filter (where ip = ${ip}) as client_at from tessera.audit_log
      where target_type = 'user' and target_id = ${key} and action = 'auth.login')
    select
      count(*) filter (where f.ip = ${ip} and f.at > coalesce(ok.client_at, '-infinity')) as from_client,
      count(*) filter (where f.at > coalesce(ok.any_at, '-infinity')) as from_all,
      min(f.at) filter (where f.ip = ${ip} and f.at > coalesce(ok.client_at, '-infinity')) as client_first
    from f cross join ok`.execute(db);
  const row = result.rows[0];
  const first = row?.client_first ? new Date(row.client_first) : null;
  return {
    fromClient: Number(row?.from_client ?? 0),
    fromAll: Number(row?.from_all ?? 0),
    clientClearsAt: first ? new Date(first.getTime() + windowMinutes * 60_000) : null,
  };
}
