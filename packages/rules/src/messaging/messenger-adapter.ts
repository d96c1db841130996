import type { Messenger } from '@tessera/schema';
import type { OutboxMessage } from '@tessera/store';

/** An HTTP request to a vendor, built in pure code (the sender does the I/O). */
export interface VendorRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** Reads an environment variable the messenger names; throws a clear error when it is unset. */
export type EnvReader = (name: string) => string;

/**
 * One vendor: which variable makes it usable at all (unset → the message is held, like mail
 * without SMTP), how a message becomes a signed request, and how the vendor says no — an HTTP
 * error or a body such as `{ "errcode": 310000 }` is a failure, retried like a network error.
 */
export interface MessengerAdapter<M extends Messenger = Messenger> {
  readonly vendor: M['vendor'];
  addressEnv(messenger: M): string;
  build(
    messenger: M,
    message: OutboxMessage,
    env: EnvReader,
    signing: { readonly now: Date; readonly nonce: string },
  ): VendorRequest;
  /** A failure message, or undefined when the vendor accepted the message. */
  refusal(status: number, body: string): string | undefined;
}

/** Parses a JSON answer; undefined when it is not JSON. */
export function jsonAnswer(body: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body);
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Appends query parameters to a webhook address that may already carry some (access_token=…). */
export function withQuery(url: string, params: Readonly<Record<string, string>>): string {
  const u = new URL(url);
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
  return u.toString();
}
