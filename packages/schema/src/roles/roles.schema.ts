import { type Static, Type } from '@sinclair/typebox';
import {
  Description,
  documentOptions,
  IDENTIFIER_PATTERN,
  IDENTIFIER_RULE,
  Identifier,
  JsonLogic,
  KeyedRecord,
  Label,
  SchemaPointer,
  StringEnum,
} from '../common/index.js';

/**
 * What a role may do on a form. `print` is printing several records at once (a batch, one PDF):
 * like Jiandaoyun's 批量打印, granted on its own, since a batch takes many records out as export
 * does; printing the one record on screen needs only `read`.
 */
export const FORM_PERMISSIONS = [
  'create',
  'read',
  'update',
  'delete',
  'export',
  'import',
  'print',
  'design',
] as const;
export type FormPermission = (typeof FORM_PERMISSIONS)[number];

/** Which rows a role sees and changes; always applied as a SQL WHERE. Told apart by `type`. */
export const RowScopeSchema = Type.Union(
  [
    Type.Object({ type: Type.Literal('all') }, { additionalProperties: false, description: 'Every row.' }),
    Type.Object(
      {
        type: Type.Literal('own'),
        field: Type.Optional({
          ...Identifier,
          description: 'A user field naming the owner (default: created_by).',
        }),
      },
      { additionalProperties: false, description: 'Rows the user created or owns.' },
    ),
    Type.Object(
      {
        type: Type.Literal('department'),
        field: Type.Optional({
          ...Identifier,
          description: 'A user field naming the owner (default: created_by).',
        }),
      },
      { additionalProperties: false, description: "Rows owned by members of the user's department." },
    ),
    Type.Object(
      {
        type: Type.Literal('department_tree'),
        field: Type.Optional({
          ...Identifier,
          description: 'A user field naming the owner (default: created_by).',
        }),
      },
      {
        additionalProperties: false,
        description: "Rows owned by members of the user's department and those below it.",
      },
    ),
    Type.Object(
      { type: Type.Literal('filter'), filter: JsonLogic },
      {
        additionalProperties: false,
        description: 'Rows matching a JSON-Logic filter ({"var": "$user.id"} is the user).',
      },
    ),
  ],
  { description: 'Row scope: all, own, department, department_tree or filter.' },
);
export type RowScope = Static<typeof RowScopeSchema>;

/** A field key, or `<line-items key>.<row field key>` for a field inside line-item rows. */
const ROLE_FIELD_PATTERN = `${IDENTIFIER_PATTERN.slice(0, -1)}(\\.${IDENTIFIER_PATTERN.slice(1, -1)})?$`;
const ROLE_FIELD_RULE = `${IDENTIFIER_RULE}, or two such keys joined by "." (a field of line-item rows)`;

export const FormGrantSchema = Type.Object(
  {
    actions: Type.Array(StringEnum(FORM_PERMISSIONS), {
      uniqueItems: true,
      description: 'What the role may do.',
    }),
    scope: Type.Optional({ ...RowScopeSchema, description: 'Which rows (default: all).' }),
    fields: Type.Optional(
      Type.Record(Type.String({ pattern: ROLE_FIELD_PATTERN }), StringEnum(['hidden', 'read_only']), {
        additionalProperties: false,
        propertyNamesErrorMessage: ROLE_FIELD_RULE,
        description:
          'Field-level limits: { "<field key>": "hidden" | "read_only" }; a field in the rows of a line-items field is "<line-items key>.<field key>".',
      }),
    ),
  },
  { additionalProperties: false, description: 'What a role may do with one form.' },
);
export type FormGrant = Static<typeof FormGrantSchema>;

export const RoleSchema = Type.Object(
  {
    key: Identifier,
    title: Label,
    description: Type.Optional(Description),
    admin: Type.Optional(Type.Boolean({ description: 'Everything on every form of the app.' })),
    forms: Type.Optional(KeyedRecord(FormGrantSchema, { description: '{ "<form key>": grant }.' })),
    flows: Type.Optional(
      KeyedRecord(Type.Array(StringEnum(['start', 'monitor']), { uniqueItems: true }), {
        description: '{ "<flow key>": ["start", "monitor"] }: who may start a flow, who sees every instance.',
      }),
    ),
    dashboards: Type.Optional(
      Type.Array(Identifier, { uniqueItems: true, description: 'Dashboards the role sees.' }),
    ),
    reports: Type.Optional(
      Type.Array(Identifier, { uniqueItems: true, description: 'Reports the role may run.' }),
    ),
  },
  { additionalProperties: false, description: 'A role of the app.' },
);
export type RoleDefinition = Static<typeof RoleSchema>;

/** `roles.json`: the roles of the app and their permissions. */
export const RolesSchema = Type.Object(
  {
    $schema: SchemaPointer,
    roles: Type.Array(RoleSchema),
  },
  documentOptions(
    'roles',
    'Tessera roles',
    'roles.json: the roles of the app, per-form permissions and row scopes.',
  ),
);
export type RolesDefinition = Static<typeof RolesSchema>;
