import { type Static, Type } from '@sinclair/typebox';

/**
 * A JSON-Logic expression (https://jsonlogic.com), e.g. `{ ">": [{ "var": "amount" }, 500000] }`.
 * The schema accepts any JSON object; which operators are allowed (and whether the variables
 * exist) is checked by packages/logic and by pack validation, not by the JSON Schema.
 */
export type JsonLogic = { [operator: string]: unknown };
export const JsonLogic = Type.Unsafe<JsonLogic>({
  type: 'object',
  description: 'A JSON-Logic expression, e.g. { ">": [{ "var": "amount" }, 500000] }.',
});

/** Any JSON value (default values, webhook bodies, chart options…). */
export const JsonValue = Type.Unknown({ description: 'Any JSON value.' });
export type JsonValue = Static<typeof JsonValue>;
