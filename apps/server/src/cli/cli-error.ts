import { StoreError } from '@tessera/store';
import { BootstrapError } from '../bootstrap/first-admin';
import { diagnostics } from '../config/config';

/** A failure the user can fix, reported as one line and a non-zero exit — never a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export function reportAndExit(error: unknown): never {
  const known = error instanceof CliError || error instanceof StoreError || error instanceof BootstrapError;
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`tessera: ${message}\n`);
  const { debug } = diagnostics();
  if (!known && debug) process.stderr.write(`${(error as Error).stack}\n`);
  if (!known && !debug) process.stderr.write('tessera: set TESSERA_DEBUG=1 for details\n');
  process.exit(error instanceof CliError ? error.exitCode : 1);
}
