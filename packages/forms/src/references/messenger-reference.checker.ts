import { type Action, MESSENGER_CHANNEL } from '@tessera/schema';
import type { ReferenceReport, ReferenceScope } from './reference-scope';

type Notify = Extract<Action, { type: 'notify' }>;

const vendorsOf = (channel: 'im' | 'sms') =>
  Object.entries(MESSENGER_CHANNEL)
    .filter(([, c]) => c === channel)
    .map(([vendor]) => vendor)
    .join(', ');

/**
 * A notify action's `via`: each names a messenger of the app (pack.json `messaging`) of the
 * right kind — an IM robot for `im`, an SMS vendor for `sms` — for a channel the action uses,
 * and `im` / `sms` options come with their `via`. Messengers are checked when the scope knows them.
 */
export function checkMessengers(
  scope: ReferenceScope,
  report: ReferenceReport,
  path: string,
  action: Notify,
): void {
  for (const channel of ['im', 'sms'] as const) {
    const key = action.via?.[channel];
    if (action[channel] && !key)
      report(
        `${path}/${channel}`,
        `'${channel}' options need 'via.${channel}': the messenger of pack.json "messaging" to send through`,
        'invalid_definition',
      );
    if (!key) continue;
    if (!action.channels.includes(channel))
      report(
        `${path}/via/${channel}`,
        `'via.${channel}' is set but '${channel}' is not in 'channels'`,
        'invalid_definition',
      );
    if (!scope.messaging) continue;
    const messenger = scope.messaging[key];
    const known = Object.keys(scope.messaging).sort();
    if (!messenger) {
      report(
        `${path}/via/${channel}`,
        `pack.json has no messenger '${key}' under "messaging" (${known.length ? `it has: ${known.join(', ')}` : 'it has none'})`,
      );
      continue;
    }
    if (MESSENGER_CHANNEL[messenger.vendor] !== channel)
      report(
        `${path}/via/${channel}`,
        `messenger '${key}' is ${messenger.vendor}, which does not send ${channel}: use one of ${vendorsOf(channel)}`,
        'invalid_reference',
      );
  }
}
