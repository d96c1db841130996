/**
 * @tessera/rules — the rule engine: record-event, field-change, schedule and date-relative
 * triggers; JSON-Logic conditions over the record, linked records, old values, the user and
 * now; actions (to-dos, notifications, e-mail, SMS/IM, record updates, flows, webhooks) that
 * fire exactly once per (rule, record, occurrence). See README.md.
 */

export { ACTIONS } from './actions/action.registry';
export {
  type ActionOutcome,
  type DeadLetter,
  listDeadLetters,
  runDueActions,
  runRuleAction,
} from './actions/action.runner';
export type { ActionContext, ActionHandler } from './actions/action-handler';
export { type ResolvedRecipients, resolveRecipients } from './actions/recipients.resolver';
export { DELIVERY_HEADER, SIGNATURE_HEADER, signature, TIMESTAMP_HEADER } from './actions/signed-request';
export { FLOW_START_TASK } from './actions/start-flow.action';
export { renderTemplate } from './eval/template.renderer';
export { ACTION_TASK, type FiringContext, fireOnce } from './firing/rule-firing';
export type { RunLogEntry, RunOutcome } from './firing/run-log';
export { ruleJobTasks } from './jobs/rule-job-tasks';
export {
  ruleTickTask,
  runRuleTick,
  scheduleRuleTick,
  TICK_INTERVAL_MS,
  TICK_TASK,
  type TickReport,
} from './jobs/rule-tick.job';
export { listMail, MAIL_SEND_TASK, type MailStatus, type OutboxMail } from './mail/mail-outbox.repository';
export { sendQueuedMail } from './mail/mail-send.job';
export { closeSmtpTransports } from './mail/smtp.sender';
export { type RequeueResult, requeueMessage } from './messaging/message-requeue';
export {
  listMessages,
  type MessageOutcome,
  type OutboxMessageRow,
  sendQueuedMessage,
} from './messaging/message-send.job';
export { MESSENGERS } from './messaging/messenger.registry';
export type { MessengerAdapter, VendorRequest } from './messaging/messenger-adapter';
export { checkRule } from './model/rule-definition.checker';
export { validateRuleDefinition } from './model/rule-definition.validator';
export {
  listNotifications,
  markNotificationDone,
  type Notification,
  type NotificationKind,
} from './notifications/notification.service';
export { createRuleService, type RuleService, type RuleSummary, type SaveRuleResult } from './rule.service';
export { RulesError, type RulesErrorCode } from './rules.error';
export {
  type Actor,
  backoffMs,
  type Clock,
  DEFAULT_RETRY,
  type MessagingAdapter,
  type RetryPolicy,
  type RulesDeps,
} from './rules-context';
export { sweepIndexName } from './triggers/date-relative.sweep';
export type { DryRunResult } from './triggers/dry-run';
export { type EventReport, handleRecordEvent } from './triggers/record-event.handler';
export { cronInstants } from './triggers/schedule.trigger';
export { type SweepColumn, sweepColumn } from './triggers/sweep-column.resolver';
