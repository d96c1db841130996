import { type Config, loadConfig } from '../config/config';
import { CliError } from './cli-error';

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = loadConfig(env);
  if (!result.ok) throw new CliError(`invalid configuration: ${result.errors.join('; ')}`);
  return result.config;
}
