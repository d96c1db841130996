import { Type } from '@sinclair/typebox';
import { fieldVariant, indexedProperty } from './field-base.schema';

const multiple = Type.Optional(
  Type.Boolean({ description: 'Several values (an array column). Default: one value.' }),
);

/** A platform user (`uuid` of tessera.users, or `uuid[]` when `multiple`). */
export const UserField = fieldVariant('user', { multiple }, 'A user of the platform.');

/** A department, by key (`text`, or `text[]` when `multiple`). */
export const DepartmentField = fieldVariant(
  'department',
  { multiple, ...indexedProperty },
  'A department of the organisation.',
);

/** A role, by key (`text`, or `text[]` when `multiple`). */
export const RoleField = fieldVariant('role', { multiple, ...indexedProperty }, 'A role of the platform.');
