import { MESSAGE_SEND_TASK } from '@tessera/store';
import { runRuleAction } from '../actions/action.runner';
import { ACTION_TASK } from '../firing/rule-firing';
import { MAIL_SEND_TASK } from '../mail/mail-outbox.repository';
import { sendQueuedMail } from '../mail/mail-send.job';
import { sendQueuedMessage } from '../messaging/message-send.job';
import type { RulesDeps } from '../rules-context';
import { ruleTickTask, TICK_TASK } from './rule-tick.job';

type Task = (payload: unknown) => Promise<void>;

function idOf(payload: unknown, key: string): number {
  const value = (payload as Record<string, unknown> | null)?.[key];
  if (typeof value !== 'number') throw new Error(`job payload has no numeric "${key}"`);
  return value;
}

/** The queue tasks of the rule engine (the record-event handler is dispatched by the server). */
export function ruleJobTasks(deps: RulesDeps): Record<string, Task> {
  return {
    [TICK_TASK]: () => ruleTickTask(deps),
    [ACTION_TASK]: async (payload) => {
      await runRuleAction(deps, idOf(payload, 'actionId'));
    },
    [MAIL_SEND_TASK]: async (payload) => {
      await sendQueuedMail(deps, idOf(payload, 'mailId'));
    },
    [MESSAGE_SEND_TASK]: async (payload) => {
      await sendQueuedMessage(deps, idOf(payload, 'messageId'));
    },
  };
}
