import { type Static, Type } from '@sinclair/typebox';
import { ISO_DURATION_PATTERN } from '@tessera/schema';

/** Route schemas of the health check and the server's (movable) clock. */
export const Health = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]),
  database: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]),
  version: Type.String(),
  busy: Type.Optional(
    Type.Boolean({
      description:
        'The embedded database is running a long statement (it runs one at a time); it answers again when that ends or is stopped at its time limit.',
    }),
  ),
  reports: Type.Optional(
    Type.Object(
      {
        status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]),
        standby: Type.Optional(Type.Boolean()),
      },
      {
        description: 'The read replica of REPORTS_DATABASE_URL (only when set); it does not change `status`.',
      },
    ),
  ),
});
export type Health = Static<typeof Health>;

export const ClockState = Type.Object({
  now: Type.String({ format: 'date-time', description: "the server's now, as every engine reads it" }),
  movable: Type.Boolean({ description: 'TESSERA_CLOCK=movable: an admin may move it forward' }),
  offsetMs: Type.Number({ description: 'how far it runs ahead of the system clock' }),
});

export const ClockMove = Type.Union(
  [
    Type.Object(
      { at: Type.String({ format: 'date-time', description: 'the instant to move to (not before now)' }) },
      { additionalProperties: false },
    ),
    Type.Object(
      {
        advance: Type.String({
          pattern: ISO_DURATION_PATTERN,
          maxLength: 40,
          description: 'an ISO 8601 duration to move forward by: P3D, PT2H, P1M',
        }),
      },
      { additionalProperties: false },
    ),
  ],
  { description: 'exactly one of at / advance' },
);
export type ClockState = Static<typeof ClockState>;
export type ClockMove = Static<typeof ClockMove>;
