import { migrateToLatest, openDatabase } from '@tessera/store';
import { passwordProblems } from '../../auth/password';
import { createUser } from '../../auth/user.store';
import { cliPassword } from '../../config/config';
import { CliError } from '../cli-error';
import { readConfig } from '../read-config';

export interface UserAddOptions {
  readonly password?: string;
  readonly admin?: boolean;
  readonly name?: string;
  readonly email?: string;
}

/** `tessera user add <username> --password … [--admin]` (the password may also come from TESSERA_PASSWORD). */
export async function userAddCommand(username: string, options: UserAddOptions): Promise<void> {
  const password = options.password ?? cliPassword();
  if (!password) throw new CliError('give the password with --password or the TESSERA_PASSWORD variable');
  const problems = await passwordProblems(password, username);
  if (problems.length > 0) throw new CliError(`password ${problems.join('; ')}`);
  const config = readConfig();
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize: 2 });
  try {
    await migrateToLatest(database.db, database.connectionString);
    const result = await createUser(database.db, {
      username,
      password,
      isAdmin: options.admin ?? false,
      displayName: options.name,
      email: options.email ?? null,
    });
    if (!result.ok)
      throw new CliError(result.errors.map((e) => `${e.path.slice(1)} ${e.message}`).join('; '));
    process.stdout.write(`created ${result.user.isAdmin ? 'admin' : 'user'} ${result.user.username}\n`);
  } finally {
    await database.close();
  }
}
