import { type Static, Type } from '@sinclair/typebox';
import { FormGrantSchema } from '@tessera/schema';
import { engineChecked } from './engine-checked';

/** Route schemas of the organisation admin API (TypeBox → the OpenAPI document). */

const Uuid = Type.String({ format: 'uuid' });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Key = Type.String({ pattern: '^[a-z][a-z0-9_]{0,62}$', description: 'A key (lower snake case).' });

export const OrgIdParams = Type.Object({ id: Uuid });
export const RoleParams = Type.Object({ app: Key, role: Key });
export const RoleMemberParams = Type.Object({ app: Key, role: Key, userId: Uuid });

export const UserRef = Type.Object({ id: Uuid, username: Type.String(), displayName: Type.String() });
export const DepartmentRef = Type.Object({ id: Uuid, code: Type.String(), name: Type.String() });
const UserRefOrNull = Type.Union([UserRef, Type.Null()]);
const DepartmentRefOrNull = Type.Union([DepartmentRef, Type.Null()]);

const Mobile = Type.String({
  maxLength: 32,
  pattern: '^\\+?\\d[\\d\\s-]{4,}\\d$',
  description:
    'a mobile number, e.g. "13800000001" or "+86 138 0000 0001": IM robots @-mention it, SMS goes to it',
});
const ImId = Type.String({ minLength: 1, maxLength: 128 });
export const ImIds = Type.Object(
  {
    dingtalk: Type.Optional({ ...ImId, description: 'the DingTalk userId (钉钉 userid)' }),
    wecom: Type.Optional({ ...ImId, description: 'the WeCom userid (企业微信 账号)' }),
    feishu: Type.Optional({ ...ImId, description: 'the Feishu / Lark open_id ("ou_…")' }),
  },
  {
    additionalProperties: false,
    description: "the user's ids in DingTalk, WeCom and Feishu: IM robot messages to them @-mention them",
  },
);

export const OrgUser = Type.Object(
  {
    id: Uuid,
    username: Type.String(),
    displayName: Type.String(),
    email: Type.Union([Type.String(), Type.Null()]),
    mobile: Type.Union([Type.String(), Type.Null()]),
    imIds: ImIds,
    isAdmin: Type.Boolean(),
    status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]),
    locale: Type.String(),
    department: DepartmentRefOrNull,
    manager: Type.Union([UserRef, Type.Null()], { description: 'the direct manager, if set' }),
    effectiveManager: Type.Union([UserRef, Type.Null()], {
      description: 'who approves "my manager" steps: the direct manager, else the nearest department manager',
    }),
    roles: Type.Array(Type.String(), { description: 'role keys the user is a member of' }),
    createdAt: Type.String({ format: 'date-time' }),
    lastLoginAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { $id: 'OrgUser' },
);
export type OrgUser = Static<typeof OrgUser>;

export const UserListQuery = Type.Object(
  {
    q: Type.Optional(
      Type.String({ maxLength: 100, description: 'part of the user name, display name or e-mail' }),
    ),
    department: Type.Optional(Uuid),
    role: Type.Optional(Key),
    status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('disabled')])),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
    after: Type.Optional(Type.String({ maxLength: 64, description: 'the `next` of the previous page' })),
  },
  { additionalProperties: false },
);
export const UserPage = Type.Object({
  items: Type.Array(Type.Unsafe<OrgUser>({ $ref: 'OrgUser#' })),
  next: Type.Union([Type.String(), Type.Null()], { description: 'pass as `after` for the next page' }),
});

const Email = Type.String({ maxLength: 254, pattern: '^[^@\\s]+@[^@\\s]+$' });
export const NewOrgUser = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    email: Type.Optional(Nullable(Email)),
    mobile: Type.Optional(Nullable(Mobile)),
    imIds: Type.Optional(ImIds),
    isAdmin: Type.Optional(Type.Boolean()),
    locale: Type.Optional(Type.String({ pattern: '^[a-z]{2}(-[A-Z]{2})?$' })),
    departmentId: Type.Optional(Nullable(Uuid)),
    managerId: Type.Optional(Nullable(Uuid)),
  },
  { additionalProperties: false },
);
export type NewOrgUser = Static<typeof NewOrgUser>;

export const OrgUserPatch = Type.Object(
  {
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    email: Type.Optional(Nullable(Email)),
    mobile: Type.Optional(Nullable(Mobile)),
    imIds: Type.Optional({ ...ImIds, description: `${ImIds.description} (replaces the ids set before)` }),
    isAdmin: Type.Optional(Type.Boolean()),
    status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('disabled')])),
    locale: Type.Optional(Type.String({ pattern: '^[a-z]{2}(-[A-Z]{2})?$' })),
    departmentId: Type.Optional(Nullable(Uuid)),
    managerId: Type.Optional(Nullable(Uuid)),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type OrgUserPatch = Static<typeof OrgUserPatch>;

export const PasswordReset = Type.Object(
  { password: Type.String({ minLength: 1, maxLength: 256 }) },
  { additionalProperties: false },
);

export const Department = Type.Object(
  {
    id: Uuid,
    code: Type.String(),
    name: Type.String(),
    parentId: Type.Union([Uuid, Type.Null()]),
    manager: UserRefOrNull,
    depth: Type.Integer({ description: '0 for a top-level department' }),
    memberCount: Type.Integer(),
    childCount: Type.Integer(),
  },
  { $id: 'OrgDepartment' },
);
export type Department = Static<typeof Department>;

const DepartmentCode = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$' });
export const NewDepartment = Type.Object(
  {
    code: DepartmentCode,
    name: Type.String({ minLength: 1, maxLength: 200 }),
    parentId: Type.Optional(Nullable(Uuid)),
    managerId: Type.Optional(Nullable(Uuid)),
  },
  { additionalProperties: false },
);
export type NewDepartment = Static<typeof NewDepartment>;
export const DepartmentPatch = Type.Object(
  {
    code: Type.Optional(DepartmentCode),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    parentId: Type.Optional(Nullable(Uuid)),
    managerId: Type.Optional(Nullable(Uuid)),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type DepartmentPatch = Static<typeof DepartmentPatch>;

export const AppRole = Type.Object(
  {
    key: Type.String(),
    title: Type.Record(Type.String(), Type.String()),
    description: Type.Union([Type.String(), Type.Null()]),
    grants: Type.Object(
      {},
      {
        additionalProperties: engineChecked(FormGrantSchema),
        description: "per form: actions, row scope and field rules, as the pack's roles.json defines them",
      },
    ),
    memberCount: Type.Integer(),
  },
  { $id: 'OrgAppRole' },
);
export type AppRole = Static<typeof AppRole>;

export const RoleMember = Type.Object({
  id: Type.String({ format: 'uuid' }),
  username: Type.String(),
  displayName: Type.String(),
  status: Type.String(),
});
export type RoleMember = Static<typeof RoleMember>;

/** Names for everyone signed in: users and departments by id (user fields, department fields). */
export const DirectoryOut = Type.Object({
  users: Type.Array(
    Type.Object({ id: Type.String({ format: 'uuid' }), username: Type.String(), displayName: Type.String() }),
  ),
  departments: Type.Array(
    Type.Object({ id: Type.String({ format: 'uuid' }), code: Type.String(), name: Type.String() }),
  ),
});
export type DirectoryOut = Static<typeof DirectoryOut>;
