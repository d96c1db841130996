import { hash, verify } from '@node-rs/argon2';
import { isCommonPassword } from './common-passwords';

// argon2id (the @node-rs default algorithm) with OWASP's recommended cost: 19 MiB, 2 passes.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash of a random password: verifying against it costs the same as a real one (no user enumeration by timing). */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(`dummy-${Math.random()}`);
  return dummyHash;
}

/**
 * The password policy: returns what is wrong, in words a user can act on (empty when fine) —
 * at least 10 characters, letters and digits, not the user name, not a common password.
 */
export async function passwordProblems(password: string, username: string): Promise<string[]> {
  const problems: string[] = [];
  if (password.length < 10) problems.push('must be at least 10 characters long');
  if (password.length > 256) problems.push('must be at most 256 characters long');
  if (!/[A-Za-z]/.test(password) || !/[0-9]/.test(password)) problems.push('must contain letters and digits');
  if (username && password.toLowerCase().includes(username.toLowerCase()))
    problems.push('must not contain the user name');
  if (await isCommonPassword(password))
    problems.push('is too common: it is on the list of passwords attackers try first');
  return problems;
}
