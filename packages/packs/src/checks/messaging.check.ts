import { type Action, MESSENGER_CHANNEL, type Messenger } from '@tessera/schema';
import type { PackDocument } from '../model/pack.js';
import type { CheckContext, ErrorSink } from './check-context.js';

type Notify = Extract<Action, { type: 'notify' }>;

const VENDORS_OF: Record<'im' | 'sms', string> = {
  im: Object.entries(MESSENGER_CHANNEL)
    .filter(([, c]) => c === 'im')
    .map(([v]) => v)
    .join(', '),
  sms: Object.entries(MESSENGER_CHANNEL)
    .filter(([, c]) => c === 'sms')
    .map(([v]) => v)
    .join(', '),
};

function checkNotify(
  messaging: Readonly<Record<string, Messenger>>,
  sink: ErrorSink,
  doc: PackDocument<unknown>,
  path: string,
  action: Notify,
): void {
  const report = sink.at(doc);
  const known = Object.keys(messaging);
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
    const messenger = messaging[key];
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
        `messenger '${key}' is ${messenger.vendor}, which does not send ${channel}: use one of ${VENDORS_OF[channel]}`,
        'invalid_reference',
      );
  }
}

/**
 * Every notify action (rules, flow service nodes) that sends through a messenger names one of
 * pack.json's `messaging`, of the right kind (an IM robot for `im`, an SMS vendor for `sms`).
 */
export function checkMessaging(ctx: CheckContext, sink: ErrorSink): void {
  const messaging = ctx.pack.manifest.messaging ?? {};
  for (const doc of ctx.pack.rules)
    doc.value.actions.forEach((action, i) => {
      if (action.type === 'notify') checkNotify(messaging, sink, doc, `/actions/${i}`, action);
    });
  for (const doc of ctx.pack.flows)
    doc.value.nodes.forEach((node, i) => {
      if (node.type === 'service' && node.action.type === 'notify')
        checkNotify(messaging, sink, doc, `/nodes/${i}/action`, node.action);
    });
}
