import { type Static, Type } from '@sinclair/typebox';
import { MESSENGER_VENDORS, StringEnum } from '@tessera/schema';
import { Nullable } from './common.schemas';

/** Route schemas of notifications (in-app), the mail outbox and the message (IM/SMS) outbox. */
export const NotificationOut = Type.Object({
  id: Type.Integer(),
  kind: Type.Union([Type.Literal('todo'), Type.Literal('info')]),
  title: Type.String(),
  body: Nullable(Type.String()),
  link: Type.Union([
    Type.Object({ app: Type.String(), form: Nullable(Type.String()), recordId: Nullable(Type.String()) }),
    Type.Null(),
  ]),
  dueAt: Nullable(Type.String()),
  createdAt: Type.String(),
  doneAt: Nullable(Type.String()),
});
export type NotificationOut = Static<typeof NotificationOut>;
export const NotificationListQuery = Type.Object({
  status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('done'), Type.Literal('all')])),
  kind: Type.Optional(Type.Union([Type.Literal('todo'), Type.Literal('info')])),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
});
export const NotificationIdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
export const MAIL_STATUSES = ['held', 'queued', 'sent', 'dead'] as const;
export const MailOut = Type.Object({
  id: Type.Integer(),
  to: Type.String(),
  toName: Nullable(Type.String()),
  locale: Type.String(),
  subject: Type.String(),
  body: Type.String(),
  status: StringEnum(MAIL_STATUSES),
  attempts: Type.Integer(),
  lastError: Nullable(Type.String()),
  createdAt: Type.String(),
  sentAt: Nullable(Type.String()),
});
export type MailOut = Static<typeof MailOut>;
export const MailQuery = Type.Object({
  status: Type.Optional(Type.Union(MAIL_STATUSES.map((s) => Type.Literal(s)))),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
});
export const MessageOut = Type.Object({
  id: Type.Integer(),
  appKey: Type.String(),
  channel: Type.Union([Type.Literal('im'), Type.Literal('sms')]),
  messengerKey: Type.String(),
  vendor: StringEnum(MESSENGER_VENDORS),
  destination: Type.String({
    description:
      "the group robot (the messenger's key), or the SMS numbers masked — never a webhook or secret",
  }),
  title: Type.String(),
  text: Type.String(),
  status: StringEnum(MAIL_STATUSES),
  attempts: Type.Integer(),
  lastError: Nullable(Type.String()),
  createdAt: Type.String(),
  sentAt: Nullable(Type.String()),
});
export type MessageOut = Static<typeof MessageOut>;
export const MessageRequeuedOut = Type.Object({ id: Type.Integer(), status: Type.Literal('queued') });
export const MessageQuery = Type.Object({
  ...MailQuery.properties,
  app: Type.Optional(Type.String({ minLength: 1 })),
});

export const NotificationListOut = Type.Object({ items: Type.Array(NotificationOut) });
export type NotificationList = Static<typeof NotificationListOut>;
export type MailStatus = NonNullable<Static<typeof MailQuery>['status']>;
export const MailOutboxOut = Type.Object({
  items: Type.Array(MailOut),
  scope: Type.Union([Type.Literal('all'), Type.Literal('mine')], {
    description: 'all: an administrator reads every mail; mine: the mail to the caller’s own address',
  }),
});
export type MailOutbox = Static<typeof MailOutboxOut>;
export const MessageListOut = Type.Object({ items: Type.Array(MessageOut) });
export type MessageList = Static<typeof MessageListOut>;
export type MessageRequeued = Static<typeof MessageRequeuedOut>;
