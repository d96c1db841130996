import { type Static, Type } from '@sinclair/typebox';
import { Identifier, JsonValue, StringEnum } from '../common/index.js';

const RecordCreated = Type.Object(
  { type: Type.Literal('record_created') },
  { additionalProperties: false, description: 'A record of the form is created.' },
);
const RecordUpdated = Type.Object(
  {
    type: Type.Literal('record_updated'),
    fields: Type.Optional(
      Type.Array(Identifier, {
        minItems: 1,
        uniqueItems: true,
        description: 'Only when one of these fields changed.',
      }),
    ),
  },
  { additionalProperties: false, description: 'A record of the form is updated.' },
);
const RecordDeleted = Type.Object(
  { type: Type.Literal('record_deleted') },
  { additionalProperties: false, description: 'A record of the form is deleted.' },
);
const FieldChanged = Type.Object(
  {
    type: Type.Literal('field_changed'),
    field: Identifier,
    from: Type.Optional({ ...JsonValue, description: 'Only when the old value equals this.' }),
    to: Type.Optional({ ...JsonValue, description: 'Only when the new value equals this.' }),
    onCreate: Type.Optional(
      Type.Boolean({
        description:
          'Also when a record is created with a value in the field (matching "to"; the old value counts as empty for "from"). Default false: updates only.',
      }),
    ),
  },
  {
    additionalProperties: false,
    description:
      'A field changes value on update — and, with onCreate, gets one on create (old and new value are in the context).',
  },
);
const Schedule = Type.Object(
  {
    type: Type.Literal('schedule'),
    cron: Type.String({
      pattern: '^\\S+( \\S+){4,5}$',
      patternErrorMessage: 'must be a cron expression with 5 or 6 fields, such as "0 9 * * 1-5"',
      description: 'A cron expression ("minute hour day month weekday"), e.g. "0 9 * * 1-5".',
    }),
    timezone: Type.Optional(
      Type.String({
        minLength: 1,
        description: 'An IANA time zone, e.g. "Asia/Shanghai" (default: TESSERA_TIME_ZONE).',
      }),
    ),
  },
  {
    additionalProperties: false,
    description: 'On a schedule; with a form, the condition is checked per record.',
  },
);
const DateRelative = Type.Object(
  {
    type: Type.Literal('date_relative'),
    field: {
      ...Identifier,
      description:
        'A date or datetime field of the form, or a formula, rollup or lookup whose value is a date or datetime.',
    },
    direction: StringEnum(['before', 'after'], { description: 'Before or after the date in the field.' }),
    amount: Type.Integer({ minimum: 0, description: 'How many units before/after.' }),
    unit: StringEnum(['minutes', 'hours', 'days']),
  },
  {
    additionalProperties: false,
    description:
      'N units before or after a date field ("delivery date is tomorrow" = 1 day before; "overdue by more than 5 days" = 5 days after the due date). Found by an indexed sweep; fires once per date value.',
  },
);

export const RuleTriggerSchema = Type.Union(
  [RecordCreated, RecordUpdated, RecordDeleted, FieldChanged, Schedule, DateRelative],
  { description: 'What makes the rule look at a record, told apart by `type`.' },
);
export type RuleTrigger = Static<typeof RuleTriggerSchema>;
export type RuleTriggerType = RuleTrigger['type'];
