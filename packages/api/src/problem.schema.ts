import { type Static, Type } from '@sinclair/typebox';
import { ERROR_CATALOGUE, type ErrorCode } from '@tessera/schema';
import { engineChecked } from './engine-checked';
import { JsonValueRef } from './values.schemas';

/** Every error answer (see docs/errors.md); routes name it as the response of their error statuses. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String({ description: "the code's message, in the request's language (Accept-Language)" }),
    status: Type.Integer(),
    code: Type.Unsafe<ErrorCode>({
      type: 'string',
      enum: Object.keys(ERROR_CATALOGUE),
      description: 'stable machine-readable error code (docs/errors.md)',
    }),
    detail: Type.Optional(Type.String({ description: 'what happened this time (English)' })),
    errors: Type.Array(
      Type.Object({
        path: Type.String(),
        message: Type.String({ description: 'English' }),
        code: Type.Optional(
          Type.String({
            description: 'stable code of a field error, translated by clients (docs/errors.md)',
          }),
        ),
        params: Type.Optional(
          Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]), {
            description: 'the values the code’s message names (a limit, the options)',
          }),
        ),
      }),
      { description: 'field errors by path' },
    ),
    details: Type.Optional(
      Type.Object(
        {},
        {
          additionalProperties: engineChecked(JsonValueRef),
          description: 'structured facts, e.g. { index } of a bulk item',
        },
      ),
    ),
  },
  { $id: 'Problem', description: 'RFC 9457 problem details' },
);
export type Problem = Static<typeof ProblemSchema>;

/** The response schema of an error status. */
export const Problem = Type.Unsafe<Problem>({ $ref: 'Problem#' });
