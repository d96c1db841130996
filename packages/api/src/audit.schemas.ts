import { type Static, Type } from '@sinclair/typebox';
import { refTo } from './common.schemas';
import { engineChecked } from './engine-checked';
import { JsonValueRef } from './values.schemas';

/** Route schemas of the audit log (admins): who did what, when. */
export const AuditQuery = Type.Object(
  {
    action: Type.Optional(
      Type.String({
        pattern: '^[a-z_]+(\\.[a-z_]+)*(\\.\\*)?$',
        description: 'an action such as `auth.login_failed`, or a prefix such as `record.*`',
      }),
    ),
    actor: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'a user id or user name' })),
    targetType: Type.Optional(
      Type.String({ maxLength: 40, description: 'user, department, role, record, form, app' }),
    ),
    targetId: Type.Optional(
      Type.String({ maxLength: 200, description: 'e.g. a record id, a user id, `crm.customer` for a form' }),
    ),
    app: Type.Optional(Type.String({ pattern: '^[a-z][a-z0-9_]{0,58}$' })),
    form: Type.Optional(Type.String({ pattern: '^[a-z][a-z0-9_]{0,62}$' })),
    from: Type.Optional(Type.String({ format: 'date-time', description: 'inclusive' })),
    to: Type.Optional(Type.String({ format: 'date-time', description: 'exclusive' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 200, description: 'the `next` of the previous page' })),
  },
  { additionalProperties: false },
);

export const AuditEntry = Type.Object(
  {
    id: Type.String({ description: 'stable id of the entry: source and key' }),
    at: Type.String({ format: 'date-time' }),
    action: Type.String({
      description: 'e.g. auth.login, record.updated, form.published, role.member_added',
    }),
    actor: Type.Union(
      [
        Type.Object({
          id: Type.Union([Type.String(), Type.Null()]),
          username: Type.Union([Type.String(), Type.Null()]),
        }),
        Type.Null(),
      ],
      { description: 'who; null for the system (e.g. a pack applied from the command line)' },
    ),
    target: Type.Union([
      Type.Object({ type: Type.String(), id: Type.Union([Type.String(), Type.Null()]) }),
      Type.Null(),
    ]),
    app: Type.Union([Type.String(), Type.Null()]),
    form: Type.Union([Type.String(), Type.Null()]),
    ip: Type.Union([Type.String(), Type.Null()]),
    detail: Type.Object(
      {},
      { additionalProperties: engineChecked(JsonValueRef), description: 'what changed (per action)' },
    ),
  },
  { $id: 'AuditEntry' },
);
export const AuditPage = Type.Object({
  items: Type.Array(refTo(AuditEntry)),
  next: Type.Union([Type.String(), Type.Null()], { description: 'pass as `cursor` for older entries' }),
});
export type AuditEntry = Static<typeof AuditEntry>;
export type AuditPage = Static<typeof AuditPage>;
