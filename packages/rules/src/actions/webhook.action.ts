import { compile } from '@tessera/logic';
import type { ActionHandler, ActionOf } from './action-handler';
import { secretFrom, sendSigned } from './signed-request';

/**
 * A signed HTTP request (HMAC-SHA256 in `X-Tessera-Signature`), retried with exponential
 * backoff up to `retries` times, then dead-lettered. The body is the action's JSON-Logic body
 * evaluated over the record, or by default the rule, the occurrence and the record.
 */
export const webhookAction: ActionHandler<ActionOf<'webhook'>> = {
  maxAttempts: (action) => (action.retries === undefined ? undefined : action.retries + 1),
  async send(ctx) {
    const { action, firing } = ctx;
    // the names a message prints for user fields are for templates, not part of the record
    const { $names: _names, ...record } = firing.data as Record<string, unknown>;
    const body =
      action.body === undefined
        ? {
            rule: ctx.rule.key,
            app: firing.app,
            form: firing.form,
            occurrence: firing.occurrence,
            record,
          }
        : compile(action.body)(firing.data, { now: ctx.now, timeZone: ctx.deps.timeZone });
    await sendSigned(ctx.deps, {
      url: action.url,
      method: action.method ?? 'POST',
      headers: action.headers,
      body,
      secret: secretFrom(ctx.deps, action.secretEnv),
      deliveryId: `rule-action-${ctx.actionId}`,
      now: ctx.now,
    });
  },
};
