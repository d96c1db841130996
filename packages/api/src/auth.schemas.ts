import { type Static, Type } from '@sinclair/typebox';

/** Route schemas of signing in and out, the session's user, and changing one's password. */
export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
);
export const UserOut = Type.Object({
  id: Type.String({ format: 'uuid' }),
  username: Type.String(),
  displayName: Type.String(),
  email: Type.Union([Type.String(), Type.Null()]),
  isAdmin: Type.Boolean(),
  locale: Type.String(),
});
export const SessionOut = Type.Object({ user: UserOut, csrfToken: Type.String() }, { $id: 'SessionInfo' });
const UserRef = Type.Object({
  id: Type.String({ format: 'uuid' }),
  username: Type.String(),
  displayName: Type.String(),
});
export const MeOut = Type.Object(
  {
    user: Type.Object({
      ...UserOut.properties,
      department: Type.Union([
        Type.Object({ id: Type.String({ format: 'uuid' }), code: Type.String(), name: Type.String() }),
        Type.Null(),
      ]),
      manager: Type.Union([UserRef, Type.Null()], {
        description:
          'who approves "my manager" steps: the direct manager, else the nearest department manager',
      }),
      roles: Type.Array(Type.String(), { description: 'role keys' }),
    }),
    csrfToken: Type.String(),
    timeZone: Type.String({
      description:
        'the platform\'s IANA zone (TESSERA_TIME_ZONE): "today" of defaults and formulas in the browser',
    }),
  },
  { $id: 'MeInfo' },
);
/** The languages the web app ships (its UI strings exist in exactly these). */
export const UI_LOCALES = ['zh-CN', 'en'] as const;
export const MePatch = Type.Object(
  {
    locale: Type.Union(
      UI_LOCALES.map((l) => Type.Literal(l)),
      { description: 'The UI language.' },
    ),
  },
  { additionalProperties: false },
);

export const PasswordChange = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 256 }),
    newPassword: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
);

export type LoginBody = Static<typeof LoginBody>;
export type SessionInfo = Static<typeof SessionOut>;
export type MeInfo = Static<typeof MeOut>;
export type MePatch = Static<typeof MePatch>;
export type PasswordChange = Static<typeof PasswordChange>;
