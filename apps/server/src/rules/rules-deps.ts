import type { RulesDeps } from '@tessera/rules';
import type { Kysely } from 'kysely';
import { type Clock, systemClock } from '../config/clock';
import { type Config, platformTimeZone } from '../config/config';

/** The settings the rule engine reads (config.ts). */
export type RulesConfig = Pick<
  Config,
  | 'SMTP_URL'
  | 'TESSERA_TIME_ZONE'
  | 'TESSERA_MAIL_FROM'
  | 'TESSERA_MESSAGING_WEBHOOK_URL'
  | 'TESSERA_MESSAGING_SECRET_ENV'
>;

/**
 * The rule engine's dependencies in this process: SMTP from SMTP_URL (unset → the mail outbox),
 * SMS/IM through TESSERA_MESSAGING_WEBHOOK_URL (signed with the secret named by
 * TESSERA_MESSAGING_SECRET_ENV), the time zone of date rules from TESSERA_TIME_ZONE, the clock
 * (default: the system clock). `env` is where secrets are looked up by the names rules and
 * messengers give (default: process.env).
 */
export function rulesDeps(deps: {
  db: Kysely<any>;
  config?: Partial<RulesConfig>;
  env?: Readonly<Record<string, string | undefined>>;
  clock?: Clock;
}): RulesDeps {
  const env = deps.env ?? process.env;
  const config = deps.config ?? {};
  const messagingUrl = config.TESSERA_MESSAGING_WEBHOOK_URL;
  return {
    db: deps.db,
    clock: deps.clock ?? systemClock,
    timeZone: platformTimeZone(config),
    smtpUrl: config.SMTP_URL,
    mailFrom: config.TESSERA_MAIL_FROM,
    env,
    ...(messagingUrl
      ? {
          messaging: {
            url: messagingUrl,
            ...(config.TESSERA_MESSAGING_SECRET_ENV
              ? { secretEnv: config.TESSERA_MESSAGING_SECRET_ENV }
              : {}),
          },
        }
      : {}),
  };
}
