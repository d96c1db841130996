import { type Static, type TSchema, Type } from '@sinclair/typebox';

/** An app, form, report… key (lower snake case), as in the URL. */
export const Key = Type.String({
  pattern: '^[a-z][a-z0-9_]{0,62}$',
  description: 'A key (lower snake case).',
});
export const Uuid = Type.String({ format: 'uuid' });

export const AppParams = Type.Object({ app: Key });
export type AppParams = Static<typeof AppParams>;
export const FormParams = Type.Object({ app: Key, form: Key });
export type FormParams = Static<typeof FormParams>;

/** Text by locale as the server stores it, e.g. { "en": "CRM" }. */
export const LocaleText = Type.Record(Type.String(), Type.String(), {
  description: 'Text by locale, e.g. { "en": "CRM" }.',
});
export type LocaleText = Static<typeof LocaleText>;

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** A reference to a shared schema (one with an `$id`, a component of the OpenAPI document). */
export const refTo = <T extends TSchema & { $id?: string }>(schema: T) =>
  Type.Unsafe<Static<T>>({ $ref: `${schema.$id}#` });

/** `T` with every property and array readonly: how a client holds what it read or will send. */
export type DeepReadonly<T> = T extends readonly (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;
