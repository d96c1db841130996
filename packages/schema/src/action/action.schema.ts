import { type Static, Type } from '@sinclair/typebox';
import {
  FieldPath,
  Identifier,
  IsoDuration,
  JsonLogic,
  JsonValue,
  KeyedRecord,
  Label,
  StringEnum,
} from '../common/index.js';
import { AssigneeSchema, RecipientSchema } from './assignee.schema.js';

/**
 * Values to write: `{ "<field key>": <JSON-Logic expression> }`. A plain value (`"pool"`, `3`)
 * is a JSON-Logic literal; `{ "var": "customer" }` copies from the triggering record.
 */
export const FieldValuesSchema = KeyedRecord(JsonValue, {
  description: 'Field values: { "<field key>": <JSON-Logic expression or literal> }.',
});

/** A message text with `{{ field }}` placeholders, in each language. */
const Template = { ...Label, description: 'A text with {{ field.path }} placeholders, in each language.' };

const CreateTodo = Type.Object(
  {
    type: Type.Literal('create_todo'),
    assignees: Type.Array(AssigneeSchema, { minItems: 1 }),
    title: Template,
    body: Type.Optional(Template),
    dueIn: Type.Optional(IsoDuration),
  },
  {
    additionalProperties: false,
    description: "Create a to-do in the assignees' inbox, linked to the record.",
  },
);

const Notify = Type.Object(
  {
    type: Type.Literal('notify'),
    channels: Type.Array(StringEnum(['in_app', 'email', 'sms', 'im']), {
      minItems: 1,
      uniqueItems: true,
      description:
        'How: in-app notification, e-mail (SMTP), SMS or IM (through the messenger named in `via`, else the messaging webhook adapter).',
    }),
    to: Type.Array(RecipientSchema, { minItems: 1 }),
    subject: Type.Optional(Template),
    body: Template,
    via: Type.Optional(
      Type.Object(
        {
          im: Type.Optional({
            ...Identifier,
            description:
              'A dingtalk, wecom or feishu messenger of pack.json `messaging`: the IM robot to post to.',
          }),
          sms: Type.Optional({
            ...Identifier,
            description: 'An aliyun_sms messenger of pack.json `messaging`.',
          }),
        },
        {
          additionalProperties: false,
          minProperties: 1,
          description:
            'The messenger per channel; a channel without one goes to the messaging webhook adapter (TESSERA_MESSAGING_WEBHOOK_URL).',
        },
      ),
    ),
    im: Type.Optional(
      Type.Object(
        {
          format: Type.Optional(
            StringEnum(['text', 'markdown', 'card'], {
              description:
                'markdown (default): `subject` is the title, `body` markdown; card: DingTalk actionCard, Feishu interactive card (WeCom: markdown with the buttons as links); text: plain.',
            }),
          ),
          buttons: Type.Optional(
            Type.Array(
              Type.Object(
                {
                  title: Label,
                  url: Type.String({ minLength: 1, description: 'A link, with {{ field }} placeholders.' }),
                },
                { additionalProperties: false },
              ),
              { maxItems: 5, description: 'Buttons of a card.' },
            ),
          ),
          mentionUserIds: Type.Optional(
            Type.Array(Type.String({ minLength: 1 }), {
              description:
                "The vendor's user ids to @-mention (DingTalk userId, WeCom userid, Feishu open_id / user_id), with {{ field }} placeholders. Phone numbers among the recipients (`to`) are mentioned by mobile (DingTalk, WeCom).",
            }),
          ),
          mentionAll: Type.Optional(Type.Boolean({ description: 'Mention everyone in the group.' })),
        },
        { additionalProperties: false, description: 'How an IM robot message looks (with `via.im`).' },
      ),
    ),
    sms: Type.Optional(
      Type.Object(
        {
          templateCode: Type.Optional(
            Type.String({
              minLength: 1,
              description: "The vendor's approved template; default: the messenger's.",
            }),
          ),
          params: Type.Optional(
            Type.Record(Type.String(), Type.String(), {
              description:
                'Template parameters with {{ field }} placeholders, e.g. { "number": "{{ number }}" }; default { "content": <body> }.',
            }),
          ),
        },
        { additionalProperties: false, description: 'The SMS template and its parameters (with `via.sms`).' },
      ),
    ),
  },
  {
    additionalProperties: false,
    description:
      'Send a message. For `im` and `sms`, `via` picks a messenger configured in pack.json `messaging`; the message goes through the message outbox (retries, dead letters).',
  },
);

const UpdateRecord = Type.Object(
  {
    type: Type.Literal('update_record'),
    form: Type.Optional({
      ...Identifier,
      description: 'Another form to update; default: the triggering record itself.',
    }),
    where: Type.Optional({
      ...JsonLogic,
      description: 'With `form`: JSON-Logic filter choosing the records.',
    }),
    set: FieldValuesSchema,
  },
  {
    additionalProperties: false,
    description: 'Update fields of the record (or of records of another form).',
  },
);

const CreateRecord = Type.Object(
  {
    type: Type.Literal('create_record'),
    form: Identifier,
    values: FieldValuesSchema,
    lineItems: Type.Optional(
      KeyedRecord(
        Type.Object(
          {
            from: { ...FieldPath, description: 'The line-items field of the source record to copy from.' },
            values: FieldValuesSchema,
          },
          { additionalProperties: false },
        ),
        { description: 'Line items of the new record: { "<line field>": { from, values } }.' },
      ),
    ),
    linkBack: Type.Optional({
      ...Identifier,
      description: 'A link field of the new record set to the triggering record.',
    }),
    forEach: Type.Optional(
      Type.Object(
        {
          from: { ...FieldPath, description: 'A line-items field of the triggering record.' },
          where: Type.Optional({
            ...JsonLogic,
            description:
              'Only the rows for which this holds, e.g. { ">": [{ "var": "quantity" }, { "var": "available" }] }; JSON-Logic over the row, the record under `_record`.',
          }),
        },
        {
          additionalProperties: false,
          description:
            'One new record per line item of the triggering record (matching `where`; none matching creates none). `values` are then evaluated over the row — its fields, and the record under `_record`.',
        },
      ),
    ),
  },
  {
    additionalProperties: false,
    description:
      'Create a record by mapping, e.g. a quote becomes a sales order with its line items; with `forEach`, one record per (matching) line item.',
  },
);

const StartFlow = Type.Object(
  {
    type: Type.Literal('start_flow'),
    flow: Identifier,
  },
  { additionalProperties: false, description: 'Start a flow on the record.' },
);

const Webhook = Type.Object(
  {
    type: Type.Literal('webhook'),
    url: Type.String({ format: 'uri', description: 'Where to send the request.' }),
    method: Type.Optional(StringEnum(['POST', 'PUT', 'PATCH'])),
    headers: Type.Optional(Type.Record(Type.String(), Type.String())),
    body: Type.Optional({ ...JsonValue, description: 'The JSON body; default: the record and the event.' }),
    secretEnv: Type.Optional(
      Type.String({
        pattern: '^[A-Z][A-Z0-9_]*$',
        patternErrorMessage: 'must be an environment variable name such as "WEBHOOK_SECRET"',
        description: 'Environment variable holding the HMAC signing secret (never the secret itself).',
      }),
    ),
    retries: Type.Optional(Type.Integer({ minimum: 0, maximum: 20 })),
  },
  { additionalProperties: false, description: 'Send a signed HTTP request (retried with backoff).' },
);

/** What rules do and what flow service nodes do; told apart by `type`. */
export const ActionSchema = Type.Union([CreateTodo, Notify, UpdateRecord, CreateRecord, StartFlow, Webhook], {
  description: 'An action: create_todo, notify, update_record, create_record, start_flow or webhook.',
});
export type Action = Static<typeof ActionSchema>;
export type ActionType = Action['type'];
