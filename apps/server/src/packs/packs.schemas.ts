import { Type } from '@sinclair/typebox';

/** The .zip upload, as the raw body or as the `file` part of a form (documented, not validated: it is binary). */
export const PackUploadBody = {
  content: {
    'application/zip': {
      schema: { description: 'The pack folder as a .zip (pack.json at the top or inside one folder).' },
    },
    'multipart/form-data': {
      schema: {
        description: 'The .zip as the "file" part; for apply, "installedHash" may be sent as a field.',
      },
    },
  },
};

export const PackRef = Type.Object({
  name: Type.String(),
  version: Type.String(),
  app: Type.String(),
});

export const ValidateOut = Type.Object({
  valid: Type.Literal(true),
  pack: PackRef,
  files: Type.Integer({ description: 'JSON files read' }),
});

export const PlanOut = Type.Object({
  app: Type.String(),
  installedHash: Type.String({
    description: 'Hash of the installed state the plan was made against: send it back to apply',
  }),
  noop: Type.Boolean(),
  text: Type.String({ description: 'The plan in words' }),
  plan: Type.Unknown({
    description: 'The plan as data: forms (with their migration plans), roles, documents',
  }),
});

export const ApplyQuery = Type.Object({
  installedHash: Type.Optional(
    Type.String({ description: 'The installedHash of the plan the admin saw (or a multipart field)' }),
  ),
});

export const ApplyOut = Type.Object({
  app: Type.String(),
  applied: Type.Boolean({ description: 'false for a no-op plan: nothing was written' }),
  pack: PackRef,
  forms: Type.Array(Type.Object({ key: Type.String(), kind: Type.String(), version: Type.Integer() })),
  roles: Type.Array(Type.Object({ key: Type.String(), kind: Type.String() })),
  documents: Type.Array(Type.Object({ kind: Type.String(), key: Type.String(), status: Type.String() })),
  installedHash: Type.String({ description: 'The installed state after the apply' }),
});

export const AppParams = Type.Object({ app: Type.String({ pattern: '^[a-z][a-z0-9_]{0,62}$' }) });
