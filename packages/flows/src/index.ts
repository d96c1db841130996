/**
 * @tessera/flows — the flow engine: versioned BPMN-lite definitions, a pure core
 * `(state, event) → (state, commands)`, one file per node type, a durable runner (one
 * transaction per step), the to-do inbox, and BPMN 2.0 XML import/export. See README.md.
 */
export { type ApprovalMode, type TallyResult, tally } from './approvals/approval-tally';
export { REMIND_THROTTLE_MS } from './approvals/instance-actions';
export { exportBpmn } from './bpmn/bpmn.export';
export {
  type BpmnDirectory,
  type BpmnImportOptions,
  type BpmnImportResult,
  type BpmnWarning,
  importBpmn,
} from './bpmn/bpmn.import';
export { translateCondition } from './bpmn/bpmn-condition.translator';
export { bpmnProblems } from './bpmn/bpmn-problems';
export type { UnsupportedElement } from './bpmn/bpmn-subset';
export type { FlowCommand, FlowCommandType, TimelineEntry } from './core/flow-command';
export type { ApprovalAction, FlowEvent, FlowEventType, TaskActionInput } from './core/flow-event';
export { buildGraph, edgeId, type FlowGraph, type GraphEdge } from './core/flow-graph';
export { type StepEnvironment, type StepResult, step } from './core/flow-step.core';
export {
  type InstanceState,
  type InstanceStatus,
  initialState,
  type TaskState,
  type TaskStatus,
  type TimerState,
  type TokenState,
} from './core/instance-state';
export { addDuration } from './core/iso-duration';
export { StepRefusal, type StepRefusalCode } from './core/step-refusal';
export {
  createFlowDefinitionService,
  type FlowDefinitionService,
  type FlowReferenceScope,
  findPublished,
  type PublishedFlow,
  type PublishFlowResult,
  type SaveFlowResult,
} from './definitions/flow-definition.service';
export { type FlowValidation, validateFlowDefinition } from './definitions/flow-definition.validator';
export { checkFlowReferences } from './definitions/flow-references.checker';
export { applyFieldAccess, type RecordView } from './inbox/field-access';
export {
  createInboxService,
  type InboxBox,
  type InboxCounts,
  type InboxItem,
  type InboxPage,
  type InboxService,
  type InstanceFilter,
  type InstanceViewer,
  type TaskDetail,
  type Timeline,
} from './inbox/inbox.service';
export { NODE_TYPES } from './nodes/node.registry';
export type {
  ConfigIssue,
  NodeBehavior,
  NodeContext,
  NodeOutcome,
  ResumeSignal,
} from './nodes/node-behavior';
export { resolveAdmins, resolveAssignees, resolveRecipients } from './runner/assignee.resolver';
export { FlowError, type FlowErrorCode } from './runner/flow.error';
export {
  createFlowRunner,
  type FlowRunner,
  type RecordEventInput,
  type StartInput,
  type StepOutcome,
  type TimerResult,
} from './runner/flow.runner';
export {
  type Clock,
  FLOW_JOBS,
  type FlowContext,
  type RecordGateway,
  type RecordRef,
} from './runner/flow-context';
export { type FlowJobOptions, flowJobTasks } from './runner/flow-jobs';
export { deliverMessage, type FlowMessage } from './runner/message.delivery';
export { type RecordStartTrigger, recordStartTrigger } from './starts/record-start.plan';
