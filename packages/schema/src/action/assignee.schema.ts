import { type Static, Type } from '@sinclair/typebox';
import { FieldPath, Identifier, Label } from '../common/index.js';

/**
 * Who gets a task or a message. Shared by flow nodes (approvers, CC) and rule actions
 * (to-dos, notifications). Told apart by `kind`.
 */
export const AssigneeSchema = Type.Union(
  [
    Type.Object(
      { kind: Type.Literal('user'), user: Type.String({ minLength: 1, description: 'A username.' }) },
      { additionalProperties: false, description: 'One named user.' },
    ),
    Type.Object(
      { kind: Type.Literal('role'), role: Identifier },
      { additionalProperties: false, description: 'Every user with this role (a role of roles.json).' },
    ),
    Type.Object(
      {
        kind: Type.Literal('department'),
        department: Type.String({ minLength: 1, description: 'A department code.' }),
        managerOnly: Type.Optional(Type.Boolean({ description: "Only the department's manager." })),
      },
      { additionalProperties: false, description: 'The members (or the manager) of a department.' },
    ),
    Type.Object(
      {
        kind: Type.Literal('field'),
        field: FieldPath,
      },
      {
        additionalProperties: false,
        description:
          'The user (or department) held in a field of the record, e.g. "owner" or "customer.owner".',
      },
    ),
    Type.Object(
      {
        kind: Type.Literal('manager'),
        of: Type.Optional(
          Type.Union([Type.Literal('initiator'), FieldPath], {
            description: 'Whose manager: "initiator" (default) or a user field of the record.',
          }),
        ),
        level: Type.Optional(
          Type.Integer({ minimum: 1, maximum: 10, description: '1 = direct manager, 2 = their manager, …' }),
        ),
      },
      {
        additionalProperties: false,
        description: 'A manager up the chain (users have a department and a manager).',
      },
    ),
    Type.Object(
      { kind: Type.Literal('initiator') },
      { additionalProperties: false, description: 'The user who started the flow / caused the event.' },
    ),
  ],
  { description: 'Who: a user, role, department, record field, manager or the initiator.' },
);
export type Assignee = Static<typeof AssigneeSchema>;

/** Who receives a message: any assignee, or a literal e-mail address / phone number. */
export const RecipientSchema = Type.Union(
  [
    ...AssigneeSchema.anyOf,
    Type.Object(
      {
        kind: Type.Literal('address'),
        address: Type.String({ minLength: 1, description: 'An e-mail address, phone number or chat id.' }),
        name: Type.Optional(Label),
      },
      { additionalProperties: false, description: 'A literal address.' },
    ),
  ],
  {
    description:
      'Who receives a message: a user, role, department, record field (a user, e-mail or phone field), manager, the initiator, or an address.',
  },
);
export type Recipient = Static<typeof RecipientSchema>;
