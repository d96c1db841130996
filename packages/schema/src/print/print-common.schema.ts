import { Type } from '@sinclair/typebox';
import { Label, StringEnum } from '../common/index.js';

/**
 * A printed text: a string, or one per language. Either may hold placeholders `{{ path }}` or
 * `{{ path | format }}` — a field of the record (or of the table row), through links
 * (`{{ customer.name }}`), or `$page`, `$pages`, `$now`, `$user`, `$title`; formats: `capitals`
 * (大写金额), `figures` (¥12,345.67), `date` (2025年1月5日 / 5 Jan 2025), `date_iso` (2025-01-05),
 * `datetime`, `raw`.
 */
export const PrintText = Type.Union(
  [
    Type.String({ minLength: 1, description: 'The text, with {{ placeholders }}.' }),
    { ...Label, description: 'The text per language, each with {{ placeholders }}.' },
  ],
  { description: 'A text with {{ field.path }} placeholders, as a string or per language.' },
);

/** Millimetres on paper. */
export const Millimetres = (description: string, maximum = 500) =>
  Type.Number({ exclusiveMinimum: 0, maximum, description: `${description} (mm).` });

export const PrintAlign = StringEnum(['left', 'center', 'right'], {
  description: 'Horizontal alignment.',
});

/** A font size in points. */
export const FontSize = Type.Number({ minimum: 5, maximum: 48, description: 'Font size (pt).' });

/** Where an image comes from: a file of the pack's `prints/assets/` folder. */
export const PrintAsset = Type.String({
  pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}\\.(png|jpe?g)$',
  patternErrorMessage: 'must be a .png or .jpg file name of prints/assets/ (letters, digits, "_", "-", ".")',
  description: 'A PNG or JPEG file in the pack folder prints/assets/ (e.g. "logo.png").',
});

export const BARCODE_SYMBOLOGIES = ['qrcode', 'code128'] as const;
export const Symbology = StringEnum(BARCODE_SYMBOLOGIES, {
  description: 'QR code or Code 128 barcode.',
});
