import { type Static, Type } from '@sinclair/typebox';
import { engineChecked } from './engine-checked';
import { PackPlanRef } from './pack-plan.schemas';

/** The .zip upload, as the raw body or as the `file` part of a form (documented; the body is binary, read by the route). */
export const PackUploadBody = {
  content: {
    'application/zip': {
      schema: engineChecked(
        Type.Unsafe<Uint8Array>({
          type: 'string',
          format: 'binary',
          description: 'The pack folder as a .zip (pack.json at the top or inside one folder).',
        }),
      ),
    },
    'multipart/form-data': {
      schema: engineChecked(
        Type.Object(
          {
            file: Type.Unsafe<unknown>({
              type: 'string',
              format: 'binary',
              description: 'The pack folder as a .zip.',
            }),
            installedHash: Type.Optional(
              Type.String({ description: 'apply: the installedHash of the plan the admin saw.' }),
            ),
          },
          { description: 'The .zip as the "file" part; for apply, "installedHash" may be sent as a field.' },
        ),
      ),
    },
  },
};

export const PackRef = Type.Object({
  name: Type.String(),
  version: Type.String(),
  app: Type.String(),
});

export const PackValidateOut = Type.Object({
  valid: Type.Literal(true),
  pack: PackRef,
  files: Type.Integer({ description: 'JSON files read' }),
});

export const PackPlanOut = Type.Object({
  app: Type.String(),
  installedHash: Type.String({
    description: 'Hash of the installed state the plan was made against: send it back to apply',
  }),
  noop: Type.Boolean(),
  text: Type.String({ description: 'The plan in words' }),
  plan: engineChecked(PackPlanRef),
});

export const PackApplyQuery = Type.Object({
  installedHash: Type.Optional(
    Type.String({ description: 'The installedHash of the plan the admin saw (or a multipart field)' }),
  ),
});

export const PackApplyOut = Type.Object({
  app: Type.String(),
  applied: Type.Boolean({ description: 'false for a no-op plan: nothing was written' }),
  pack: PackRef,
  forms: Type.Array(Type.Object({ key: Type.String(), kind: Type.String(), version: Type.Integer() })),
  roles: Type.Array(Type.Object({ key: Type.String(), kind: Type.String() })),
  documents: Type.Array(Type.Object({ kind: Type.String(), key: Type.String(), status: Type.String() })),
  installedHash: Type.String({ description: 'The installed state after the apply' }),
});

export type PackValidateOut = Static<typeof PackValidateOut>;
export type PackPlanOut = Static<typeof PackPlanOut>;
export type PackApplyOut = Static<typeof PackApplyOut>;
