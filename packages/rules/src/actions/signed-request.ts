import { createHmac } from 'node:crypto';
import { RulesError } from '../rules.error';
import type { RulesDeps } from '../rules-context';

export const SIGNATURE_HEADER = 'x-tessera-signature';
export const TIMESTAMP_HEADER = 'x-tessera-timestamp';
export const DELIVERY_HEADER = 'x-tessera-delivery';

/** `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">` — what a receiver recomputes to verify. */
export function signature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * Sends a JSON request, signed when a secret is given, with a delivery id receivers use to
 * drop repeats (a retry after a lost response sends the same id). Any non-2xx answer, a
 * network error or a timeout throws, so the action is retried with backoff.
 */
export async function sendSigned(
  deps: RulesDeps,
  request: {
    url: string;
    method: string;
    headers?: Readonly<Record<string, string>> | undefined;
    body: unknown;
    secret: string | undefined;
    deliveryId: string;
    now: Date;
  },
): Promise<void> {
  const body = JSON.stringify(request.body);
  const timestamp = String(Math.floor(request.now.getTime() / 1000));
  const headers: Record<string, string> = {
    ...request.headers,
    'content-type': 'application/json',
    [DELIVERY_HEADER]: request.deliveryId,
    [TIMESTAMP_HEADER]: timestamp,
  };
  if (request.secret) headers[SIGNATURE_HEADER] = signature(request.secret, timestamp, body);
  const doFetch = deps.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(request.url, {
      method: request.method,
      headers,
      body,
      signal: AbortSignal.timeout(deps.httpTimeoutMs ?? 10_000),
    });
  } catch (error) {
    throw new RulesError(
      'RULE_ACTION_FAILED',
      `request to ${request.url} failed: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  await response.arrayBuffer().catch(() => undefined);
  if (!response.ok) throw new RulesError('RULE_ACTION_FAILED', `${request.url} answered ${response.status}`);
}

/** The secret named by an environment variable, or an error when the variable is unset. */
export function secretFrom(deps: RulesDeps, name: string | undefined): string | undefined {
  if (!name) return undefined;
  const value = (deps.env ?? process.env)[name];
  if (!value) throw new RulesError('RULE_ACTION_FAILED', `the signing secret variable ${name} is not set`);
  return value;
}
