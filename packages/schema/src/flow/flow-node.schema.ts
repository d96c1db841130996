import { type Static, type TProperties, Type } from '@sinclair/typebox';
import { ActionSchema, FieldValuesSchema } from '../action/action.schema.js';
import { AssigneeSchema } from '../action/assignee.schema.js';
import {
  FieldPath,
  Identifier,
  IsoDuration,
  JsonLogic,
  KeyedRecord,
  Label,
  StableId,
  StringEnum,
} from '../common/index.js';

/** The id an element had in an imported BPMN diagram, when it is not a valid node / edge id. */
export const BpmnId = Type.String({
  minLength: 1,
  maxLength: 256,
  description:
    "The element's id in the BPMN diagram the flow was imported from, when that id is not a valid flow id (a leading '_', a '.', over 64 characters…): the BPMN export writes it back.",
});

/** Properties every node has. */
const nodeBase = {
  id: { ...StableId, description: 'The node id: unique in the flow, referenced by edges; never changes.' },
  label: Type.Optional(Label),
  typeVersion: Type.Optional(
    Type.Integer({ minimum: 1, description: 'Version of the node type semantics (default 1).' }),
  ),
  position: Type.Optional(
    Type.Object(
      { x: Type.Number(), y: Type.Number() },
      { additionalProperties: false, description: 'Where the designer draws the node.' },
    ),
  ),
  bpmnId: Type.Optional(BpmnId),
} satisfies TProperties;

function node<T extends string, P extends TProperties>(type: T, properties: P, description: string) {
  return Type.Object(
    { type: Type.Literal(type), ...nodeBase, ...properties },
    { additionalProperties: false, description },
  );
}

export const APPROVAL_ACTIONS = [
  'approve',
  'reject',
  'return',
  'transfer',
  'add_signer_before',
  'add_signer_after',
  'cc',
  'withdraw',
  'remind',
  'comment',
  'resubmit',
] as const;
export const ApprovalActionSchema = StringEnum(APPROVAL_ACTIONS, {
  description:
    'approve, reject (驳回), return to an earlier node or to the initiator (退回), transfer (转交), add signer before/after (加签), cc (抄送), withdraw (撤回), remind (催办), comment; resubmit (重新提交): the initiator sends a returned request on again.',
});

/** Who sees and edits which field at this node. */
export const FieldAccessSchema = StringEnum(['hidden', 'read', 'edit'], {
  description: 'hidden: not shown; read: shown read-only; edit: may be changed at this node.',
});

const taskProperties = {
  assignees: Type.Array(AssigneeSchema, { minItems: 1, description: 'Who must act.' }),
  mode: Type.Optional(
    StringEnum(['any', 'all', 'sequential', 'vote'], {
      description:
        'any: one of them (或签); all: every one (会签); sequential: one after another (依次); vote: a share.',
    }),
  ),
  passRatio: Type.Optional(
    Type.Number({
      exclusiveMinimum: 0,
      maximum: 1,
      description: 'With mode "vote": the share of approvals that passes (e.g. 0.5).',
    }),
  ),
  fallback: Type.Optional(
    StringEnum(['admin', 'auto_pass', 'error'], {
      description:
        'When no assignee resolves: give it to an admin, pass automatically, or stop with an error.',
    }),
  ),
  actions: Type.Optional(
    Type.Array(ApprovalActionSchema, {
      uniqueItems: true,
      description: 'Actions offered at this node; default: all.',
    }),
  ),
  returnTo: Type.Optional(
    Type.Array(StableId, {
      uniqueItems: true,
      description:
        'Node ids a "return" may send the task back to; the start node\'s id means the initiator (退回发起人).',
    }),
  ),
  onReject: Type.Optional(
    Type.Object(
      {
        action: StringEnum(['end', 'return_to_initiator', 'return'], {
          description:
            'end: the instance ends with outcome "rejected" (default); return_to_initiator: back to the initiator, who edits and resubmits (退回发起人); return: back to the node `to`.',
        }),
        to: Type.Optional({
          ...StableId,
          description: 'With action "return": an approval or user-task node before this one.',
        }),
        set: Type.Optional({
          ...FieldValuesSchema,
          description:
            'Values written to the record when the node rejects, whatever the action (e.g. { "status": "rejected" }), like a service node\'s update_record.',
        }),
      },
      {
        additionalProperties: false,
        description: 'What a rejection (驳回) at this node does, also an overdue auto-reject.',
      },
    ),
  ),
  cc: Type.Optional(
    Type.Array(AssigneeSchema, { description: 'Who is copied (抄送) when the node completes.' }),
  ),
  due: Type.Optional(
    Type.Object(
      {
        after: IsoDuration,
        remindEvery: Type.Optional(IsoDuration),
        action: Type.Optional(
          StringEnum(['remind', 'approve', 'reject', 'return'], {
            description: 'What happens when the task is overdue (default: remind).',
          }),
        ),
      },
      { additionalProperties: false, description: 'Due time and what happens when it passes.' },
    ),
  ),
  fields: Type.Optional(
    KeyedRecord(FieldAccessSchema, {
      description: 'Per-field access at this node: { "<field key>": "hidden" | "read" | "edit" }.',
    }),
  ),
} satisfies TProperties;

export const StartNodeSchema = node(
  'start',
  {
    on: Type.Optional(
      Type.Array(StringEnum(['manual', 'record_created', 'record_submitted', 'rule', 'api']), {
        uniqueItems: true,
        minItems: 1,
        description:
          'What starts the flow (default: ["manual"]): manual (a person on a record), record_created, record_submitted (see submitWhen), rule (a rule\'s start_flow action), api.',
      }),
    ),
    submitWhen: Type.Optional({
      ...JsonLogic,
      description:
        'With "record_submitted": the record counts as submitted when a create or an update makes this condition true (e.g. status becomes "pending_approval"); without it, creating the record submits it.',
    }),
    fields: Type.Optional(
      KeyedRecord(FieldAccessSchema, {
        description:
          'When a request is returned to the initiator: which fields they see and may edit before resubmitting (default: every field editable).',
      }),
    ),
  },
  'Where the flow starts.',
);
export const EndNodeSchema = node(
  'end',
  {
    outcome: Type.Optional(StringEnum(['completed', 'approved', 'rejected', 'cancelled'])),
    terminate: Type.Optional(
      Type.Boolean({
        description:
          'Ends the whole instance when a path reaches it (a BPMN terminate end event): the open tasks and timers of the other paths are cancelled. Default: only this path ends.',
      }),
    ),
  },
  'Where a path of the flow ends, with its outcome.',
);
export const ApprovalNodeSchema = node(
  'approval',
  taskProperties,
  'An approval: assignees approve or reject.',
);
export const UserTaskNodeSchema = node(
  'user_task',
  taskProperties,
  'A task a person does (fills fields, confirms).',
);
export const ServiceNodeSchema = node('service', { action: ActionSchema }, 'The system does an action.');
export const ExclusiveGatewayNodeSchema = node(
  'exclusive_gateway',
  {},
  'Takes the first outgoing edge whose condition holds, else the default edge.',
);
export const ParallelGatewayNodeSchema = node(
  'parallel_gateway',
  {},
  'With several outgoing edges: runs them all (fork); with several incoming edges: waits for all (join).',
);
export const TimerNodeSchema = node(
  'timer',
  {
    duration: Type.Optional({ ...IsoDuration, description: 'Wait this long (e.g. "P3D").' }),
    until: Type.Optional({
      ...FieldPath,
      description: 'Or wait until the date/time in this field of the record.',
    }),
    offset: Type.Optional({
      ...IsoDuration,
      description: 'With `until`: this much before (-) or after the date.',
    }),
    before: Type.Optional(
      Type.Boolean({ description: 'With `until` and `offset`: offset is before the date.' }),
    ),
  },
  'Waits for a duration, or until a date of the record. Exactly one of duration / until.',
);
export const WaitNodeSchema = node(
  'wait',
  {
    condition: JsonLogic,
    timeout: Type.Optional(IsoDuration),
  },
  'Waits until a condition on the record holds (re-checked when the record changes).',
);
export const SubflowNodeSchema = node(
  'subflow',
  { flow: { ...Identifier, description: 'Key of the flow to run.' } },
  'Runs another flow of the pack and waits for it to end.',
);

export const FlowNodeSchema = Type.Union(
  [
    StartNodeSchema,
    EndNodeSchema,
    ApprovalNodeSchema,
    UserTaskNodeSchema,
    ServiceNodeSchema,
    ExclusiveGatewayNodeSchema,
    ParallelGatewayNodeSchema,
    TimerNodeSchema,
    WaitNodeSchema,
    SubflowNodeSchema,
  ],
  { description: 'A node, told apart by `type`.' },
);
export type FlowNode = Static<typeof FlowNodeSchema>;
export type FlowNodeType = FlowNode['type'];
