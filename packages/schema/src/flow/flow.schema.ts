import { type Static, Type } from '@sinclair/typebox';
import { FieldValuesSchema } from '../action/action.schema.js';
import {
  Description,
  documentOptions,
  Identifier,
  JsonLogic,
  Label,
  SchemaPointer,
  StableId,
  StringEnum,
} from '../common/index.js';
import { BpmnId, FlowNodeSchema } from './flow-node.schema.js';

export const FlowEdgeSchema = Type.Object(
  {
    id: Type.Optional(StableId),
    from: { ...StableId, description: 'Id of the node the edge leaves.' },
    to: { ...StableId, description: 'Id of the node the edge enters.' },
    label: Type.Optional(Label),
    condition: Type.Optional({
      ...JsonLogic,
      description: 'On edges leaving an exclusive gateway: taken when this JSON-Logic condition holds.',
    }),
    default: Type.Optional(
      Type.Boolean({ description: 'The edge an exclusive gateway takes when no condition holds.' }),
    ),
    waypoints: Type.Optional(
      Type.Array(Type.Object({ x: Type.Number(), y: Type.Number() }, { additionalProperties: false }), {
        minItems: 2,
        maxItems: 200,
        description: 'Where the designer draws the edge (BPMN diagram waypoints), from source to target.',
      }),
    ),
    bpmnId: Type.Optional(BpmnId),
  },
  { additionalProperties: false, description: 'A sequence flow from one node to another.' },
);
export type FlowEdge = Static<typeof FlowEdgeSchema>;

/** `flows/<key>.json`: a BPMN-lite flow on the records of one form. */
export const FlowSchema = Type.Object(
  {
    $schema: SchemaPointer,
    key: Identifier,
    title: Label,
    description: Type.Optional(Description),
    form: { ...Identifier, description: 'Key of the form whose records the flow runs on.' },
    allowWithdraw: Type.Optional(
      Type.Boolean({ description: 'May the initiator withdraw (撤回) a running instance (default true)?' }),
    ),
    onWithdraw: Type.Optional(
      Type.Object(
        {
          set: {
            ...FieldValuesSchema,
            description:
              'Values written to the record (through the records service, in the step that ends the instance), e.g. { "status": "draft" }: JSON-Logic over the record as it is.',
          },
        },
        {
          additionalProperties: false,
          description:
            "What a withdrawal (撤回) restores on the flow's record, like a service node's update_record.",
        },
      ),
    ),
    onReturn: Type.Optional(
      Type.Object(
        {
          set: {
            ...FieldValuesSchema,
            description:
              'Values written to the record (through the records service, in the step that returns it) when the request goes back to the initiator, e.g. { "status": "draft" }: JSON-Logic over the record as it is.',
          },
        },
        {
          additionalProperties: false,
          description:
            "What a return to the initiator (退回发起人) restores on the flow's record — by a task's return action, a rejection that returns to the initiator, or an overdue auto-return. A node's own onReject.set is written after it.",
        },
      ),
    ),
    messageChannels: Type.Optional(
      Type.Array(StringEnum(['in_app', 'email']), {
        uniqueItems: true,
        description:
          "Channels of the flow's own messages — a new task, a reminder (催办), a copy (抄送), the outcome to the initiator (default: in_app and email; [] for none). E-mail goes to users with an address, through the mail outbox.",
      }),
    ),
    nodes: Type.Array(FlowNodeSchema, { minItems: 2 }),
    edges: Type.Array(FlowEdgeSchema),
  },
  documentOptions('flow', 'Tessera flow', 'flows/<key>.json: a BPMN-lite flow — nodes and edges.'),
);
export type FlowDefinition = Static<typeof FlowSchema>;
