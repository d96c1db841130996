import { Type } from '@sinclair/typebox';
import { StringEnum } from '../common/index';
import { fieldVariant, indexedProperty, lengthProperties, uniqueProperty } from './field-base.schema';

/** Single-line text. With `maxLength` the column is `varchar(maxLength)`, otherwise `text`. */
export const TextField = fieldVariant(
  'text',
  {
    ...uniqueProperty,
    ...indexedProperty,
    ...lengthProperties,
    pattern: Type.Optional(
      Type.String({
        format: 'regex',
        description: 'A regular expression (ECMAScript) the value must match; checked by record validation.',
      }),
    ),
  },
  'Single-line text.',
);

/** Multi-line plain text (`text` column). */
export const LongTextField = fieldVariant('long_text', { ...lengthProperties }, 'Multi-line plain text.');

/** Formatted text (`text` column holding HTML or Markdown). */
export const RichTextField = fieldVariant(
  'rich_text',
  {
    format: Type.Optional(
      StringEnum(['html', 'markdown'] as const, { description: 'Storage format (default html).' }),
    ),
    maxLength: lengthProperties.maxLength,
  },
  'Formatted text.',
);

/** An e-mail address (`text`). */
export const EmailField = fieldVariant(
  'email',
  { ...uniqueProperty, ...indexedProperty },
  'An e-mail address.',
);

/** A phone number as typed, e.g. `+86 138 0000 0000` (`text`). */
export const PhoneField = fieldVariant('phone', { ...uniqueProperty, ...indexedProperty }, 'A phone number.');

/** A web address (`text`). */
export const UrlField = fieldVariant(
  'url',
  { ...uniqueProperty, ...indexedProperty },
  'A URL (http or https).',
);
