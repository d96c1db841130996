import { type Static, Type } from '@sinclair/typebox';
import { APPROVAL_ACTIONS } from '@tessera/schema';
import { Key, Nullable, refTo, Uuid } from './common.schemas';
import { engineChecked } from './engine-checked';
import { FlowDefinitionRef } from './pack-format.components';
import { FieldValueRef, JsonValueRef } from './values.schemas';

/** Route schemas of the inbox, task actions, flow instances and flow design. */
const Label = Type.Record(Type.String(), Type.String());

export const InboxItemOut = Type.Object({
  taskId: Nullable(Type.String()),
  instanceId: Type.String(),
  appKey: Type.String(),
  flowKey: Type.String(),
  formKey: Type.String(),
  recordId: Nullable(Type.String()),
  nodeId: Nullable(Type.String()),
  nodeLabel: Type.Union([Label, Type.Null()]),
  taskKind: Nullable(Type.String()),
  status: Type.String(),
  instanceStatus: Type.String(),
  outcome: Nullable(Type.String()),
  at: Type.String(),
  dueAt: Nullable(Type.String()),
  initiatorId: Nullable(Type.String()),
  initiatorName: Nullable(Type.String()),
  flowTitle: Type.Union([Label, Type.Null()], { description: "The flow's title" }),
  recordTitle: Nullable(Type.String({ description: "The record's title field, as people know it" })),
});
export type InboxItem = Static<typeof InboxItemOut>;
export const InboxPageOut = Type.Object({
  items: Type.Array(InboxItemOut),
  nextCursor: Nullable(Type.String()),
});
export type InboxPage = Static<typeof InboxPageOut>;
export const InstanceListOut = Type.Object({ items: Type.Array(InboxItemOut) });

export const StepOut = Type.Object({
  instanceId: Type.String(),
  status: Type.String(),
  outcome: Nullable(Type.String()),
});
export type StepOut = Static<typeof StepOut>;

/** A task with its record as the step lets its assignee see it (the flow engine's TaskDetail). */
export const TaskDetailOut = Type.Object(
  {
    task: InboxItemOut,
    actions: Type.Array(Type.Union(APPROVAL_ACTIONS.map((a) => Type.Literal(a)))),
    record: Type.Union([
      Type.Object({
        values: Type.Record(Type.String(), FieldValueRef, { description: 'The visible fields by key.' }),
        access: Type.Record(Type.String(), Type.Union([Type.Literal('read'), Type.Literal('edit')])),
      }),
      Type.Null(),
    ]),
  },
  { $id: 'TaskDetail' },
);
export type TaskDetail = Static<typeof TaskDetailOut>;
export const TaskDetailRef = refTo(TaskDetailOut);

/** An instance's tasks and history (the flow engine's Timeline). */
export const TimelineOut = Type.Object(
  {
    instance: Type.Object({
      id: Type.String(),
      appKey: Type.String(),
      flowKey: Type.String(),
      version: Type.Integer(),
      formKey: Type.String(),
      recordId: Nullable(Type.String()),
      initiatorId: Nullable(Type.String()),
      status: Type.String(),
      outcome: Nullable(Type.String()),
      startedAt: Type.String(),
      endedAt: Nullable(Type.String()),
    }),
    tasks: Type.Array(
      Type.Object({
        id: Type.String(),
        nodeId: Type.String(),
        assigneeId: Type.String(),
        status: Type.String(),
        createdAt: Type.String(),
        completedAt: Nullable(Type.String()),
        comment: Nullable(Type.String()),
      }),
    ),
    history: Type.Array(
      Type.Object({
        at: Type.String(),
        kind: Type.String(),
        nodeId: Nullable(Type.String()),
        taskId: Nullable(Type.String()),
        actorId: Nullable(Type.String()),
        detail: JsonValueRef,
      }),
    ),
    users: Type.Record(Type.String(), Type.String(), { description: 'Display names of the users named.' }),
    nodes: Type.Record(Type.String(), Label, { description: 'Names of the nodes named.' }),
  },
  { $id: 'Timeline' },
);
export type Timeline = Static<typeof TimelineOut>;
export const TimelineRef = refTo(TimelineOut);

export const ActionBody = Type.Object(
  {
    comment: Type.Optional(Type.String({ maxLength: 4000 })),
    userIds: Type.Optional(Type.Array(Uuid, { maxItems: 50 })),
    returnTo: Type.Optional(Type.String({ maxLength: 64 })),
    // the step's editable fields as the editor holds them; the forms engine validates them
    values: Type.Optional(Type.Record(Type.String(), Type.Unsafe<unknown>(engineChecked(FieldValueRef)))),
  },
  { additionalProperties: false },
);
export type ActionBody = Static<typeof ActionBody>;
/** What a task offers (the node's `actions`), and the initiator's instance actions. */
export type TaskAction = (typeof APPROVAL_ACTIONS)[number];
export const TaskActionParams = Type.Object({
  id: Uuid,
  action: Type.Union(APPROVAL_ACTIONS.map((a) => Type.Literal(a))),
});
export const FlowIdParams = Type.Object({ id: Uuid });
export const FlowParams = Type.Object({ app: Key, flow: Key });
export const BoxQuery = Type.Object({
  box: Type.Optional(
    Type.Union([Type.Literal('todo'), Type.Literal('done'), Type.Literal('cc'), Type.Literal('started')]),
  ),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  cursor: Type.Optional(Type.String({ maxLength: 200, description: 'The previous page’s nextCursor.' })),
});
export type BoxQuery = Static<typeof BoxQuery>;
export const CountsOut = Type.Object({
  todo: Type.Integer(),
  done: Type.Integer(),
  cc: Type.Integer(),
  started: Type.Integer(),
});
export type InboxCounts = Static<typeof CountsOut>;

export const InstancesQuery = Type.Object({
  app: Type.Optional(Key),
  flow: Type.Optional(Key),
  form: Type.Optional(Key),
  recordId: Type.Optional(Uuid),
  status: Type.Optional(
    Type.Union([
      Type.Literal('running'),
      Type.Literal('completed'),
      Type.Literal('withdrawn'),
      Type.Literal('failed'),
    ]),
  ),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
});
export type InstancesQuery = Static<typeof InstancesQuery>;

export const StartBody = Type.Object(
  { recordId: Type.Optional(Nullable(Type.String({ maxLength: 64 }))) },
  { additionalProperties: false },
);
export const WithdrawBody = Type.Object(
  { comment: Type.Optional(Type.String({ maxLength: 4000 })) },
  { additionalProperties: false },
);

/** A flow draft: the flow engine validates it (its errors point into the body). */
export const FlowDraftBody = engineChecked(FlowDefinitionRef);
export const FlowSavedOut = Type.Object({ ok: Type.Literal(true) });
export const FlowPublishedOut = Type.Object({ version: Type.Integer() });

export const BpmnImportBody = Type.Object(
  {
    xml: Type.String({ minLength: 1, maxLength: 2_000_000 }),
    form: Type.Optional(Key),
    key: Type.Optional(Key),
    process: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 256,
        description: 'Which process of a diagram with several pools: its id or name, or the pool’s',
      }),
    ),
  },
  { additionalProperties: false },
);
export const BpmnImportedOut = Type.Object({
  key: Type.String(),
  warnings: Type.Array(
    Type.Object({
      element: Type.Optional(Type.String({ description: 'The BPMN id of the element (none: the diagram).' })),
      message: Type.String(),
    }),
  ),
});
/** BPMN 2.0 XML, for the OpenAPI document. */
export const BpmnXmlOut = {
  description: 'The published flow as BPMN 2.0 XML.',
  content: { 'application/xml': { schema: { type: 'string' } } },
} as const;

const MonitoredFlow = Type.Object({
  app: Type.String(),
  flow: Type.String(),
  title: Type.Union([Type.Record(Type.String(), Type.String()), Type.Null()]),
});
export const MonitoredOut = Type.Object({
  all: Type.Boolean({ description: 'An administrator: every flow of every app' }),
  flows: Type.Array(MonitoredFlow),
});
export type MonitoredOut = Static<typeof MonitoredOut>;
