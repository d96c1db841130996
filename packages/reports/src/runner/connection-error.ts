/** Socket-level failures: the server is down, unreachable or dropped the connection. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
]);

/** admin_shutdown, crash_shutdown, cannot_connect_now (a standby still starting up). */
const SERVER_CODES = new Set(['57P01', '57P02', '57P03']);

/** What `pg` and its pool say when a connection could not be made or was lost. */
const DRIVER_MESSAGES = [
  /timeout exceeded when trying to connect/i,
  /connection terminated/i,
  /not queryable/i,
];

/**
 * Whether `error` means the database could not be reached (as opposed to a statement it refused):
 * a socket error, a SQLSTATE of class 08 (connection exception) or 57P0x, or the driver's own
 * connect timeout. `AggregateError`s (one per address tried) count when any inner error does.
 */
export function isConnectionError(error: unknown): boolean {
  if (error instanceof AggregateError && error.errors.some(isConnectionError)) return true;
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (NETWORK_CODES.has(code) || SERVER_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true;
  }
  return DRIVER_MESSAGES.some((pattern) => pattern.test(error.message));
}
