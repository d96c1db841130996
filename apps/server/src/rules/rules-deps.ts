import type { RulesDeps } from '@tessera/rules';
import type { Kysely } from 'kysely';
import { type Clock, systemClock } from '../config/clock';
import { type Config, platformTimeZone } from '../config/config';

/**
 * The rule engine's dependencies in this process: SMTP from SMTP_URL (unset → the mail outbox),
 * SMS/IM through TESSERA_MESSAGING_WEBHOOK_URL (signed with the secret named by
 * TESSERA_MESSAGING_SECRET_ENV), the time zone of date rules from TESSERA_TIME_ZONE (default:
 * the process's), the clock (default: the system clock).
 */
export function rulesDeps(deps: {
  db: Kysely<any>;
  config?: Pick<Config, 'SMTP_URL' | 'TESSERA_TIME_ZONE'>;
  env?: Readonly<Record<string, string | undefined>>;
  clock?: Clock;
}): RulesDeps {
  const env = deps.env ?? process.env;
  const messagingUrl = env.TESSERA_MESSAGING_WEBHOOK_URL;
  return {
    db: deps.db,
    clock: deps.clock ?? systemClock,
    timeZone: platformTimeZone({
      TESSERA_TIME_ZONE: deps.config?.TESSERA_TIME_ZONE ?? env.TESSERA_TIME_ZONE,
    }),
    smtpUrl: deps.config?.SMTP_URL,
    mailFrom: env.TESSERA_MAIL_FROM,
    env,
    ...(messagingUrl
      ? {
          messaging: {
            url: messagingUrl,
            ...(env.TESSERA_MESSAGING_SECRET_ENV ? { secretEnv: env.TESSERA_MESSAGING_SECRET_ENV } : {}),
          },
        }
      : {}),
  };
}
