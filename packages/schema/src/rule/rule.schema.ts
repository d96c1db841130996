import { type Static, Type } from '@sinclair/typebox';
import { ActionSchema } from '../action/action.schema.js';
import {
  Description,
  documentOptions,
  Identifier,
  JsonLogic,
  Label,
  SchemaPointer,
  StringEnum,
} from '../common/index.js';
import { RuleTriggerSchema } from './rule-trigger.schema.js';

/**
 * `rules/<key>.json`: when (trigger, or several triggers) and if (condition), do (actions), at
 * most once per … — exactly one of `trigger` / `triggers`.
 */
export const RuleSchema = Type.Object(
  {
    $schema: SchemaPointer,
    key: Identifier,
    title: Label,
    description: Type.Optional(Description),
    enabled: Type.Optional(Type.Boolean({ description: 'Default true.' })),
    form: Type.Optional({
      ...Identifier,
      description: 'The form whose records the rule watches (required except for a plain schedule).',
    }),
    trigger: Type.Optional(RuleTriggerSchema),
    triggers: Type.Optional(
      Type.Array(RuleTriggerSchema, {
        minItems: 1,
        maxItems: 10,
        description:
          'Several triggers instead of one: the rule looks at a record when any of them does, and still fires once per occurrence (an event matching two of them fires once). Give exactly one of "trigger" and "triggers".',
      }),
    ),
    condition: Type.Optional({
      ...JsonLogic,
      description:
        'JSON-Logic over the record ({"var": "amount"}), linked records ({"var": "customer.credit_level"}), old values ({"var": "old.status"}), the user and now.',
    }),
    actions: Type.Array(ActionSchema, { minItems: 1 }),
    once: Type.Optional(
      StringEnum(['occurrence', 'record', 'day'], {
        description:
          'Fire at most once per occurrence of the trigger (default: per event / per date value), once per record ever, or once per record per day.',
      }),
    ),
    runAs: Type.Optional(
      StringEnum(['system', 'initiator'], {
        description:
          'Whose permissions the actions run with: the system (default) or the user who caused the event.',
      }),
    ),
  },
  {
    ...documentOptions(
      'rule',
      'Tessera rule',
      'rules/<key>.json: trigger, condition, actions and once-policy.',
    ),
    oneOf: [
      { required: ['trigger'], properties: { trigger: {} } },
      { required: ['triggers'], properties: { triggers: {} } },
    ],
    oneOfErrorMessage: "needs exactly one of 'trigger' (one trigger) and 'triggers' (a list of them)",
  },
);
export type RuleDefinition = Static<typeof RuleSchema>;
