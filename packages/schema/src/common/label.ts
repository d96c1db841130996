import { type Static, Type } from '@sinclair/typebox';

/**
 * A text shown to users, in each supported language: `{ "en": "Customer", "zh-CN": "客户" }`.
 * At least one language is required; a missing one falls back to the other at run time.
 */
export const Label = Type.Object(
  {
    en: Type.Optional(Type.String({ minLength: 1, description: 'English text.' })),
    'zh-CN': Type.Optional(Type.String({ minLength: 1, description: 'Simplified Chinese text.' })),
  },
  {
    additionalProperties: false,
    minProperties: 1,
    description: 'A text in each supported language, e.g. { "en": "Customer", "zh-CN": "客户" }.',
  },
);
export type Label = Static<typeof Label>;

/** The languages a {@link Label} may carry. */
export const LABEL_LANGUAGES = ['en', 'zh-CN'] as const;
export type LabelLanguage = (typeof LABEL_LANGUAGES)[number];
