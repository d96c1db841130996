import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { fullFormats } from 'ajv-formats/dist/formats.js';

// ajv-formats is CommonJS: its default export arrives wrapped under some loaders.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as typeof addFormatsModule;

/**
 * Annotation keywords the schemas carry besides the standard ones. `patternErrorMessage` is
 * understood by VS Code; the others are read by our error translator.
 */
export const MESSAGE_KEYWORDS = [
  'patternErrorMessage',
  'propertyNamesErrorMessage',
  'oneOfErrorMessage',
  'patternErrorCode',
] as const;

/**
 * One ajv instance for the pack format: draft 2020-12, every error (allErrors), `verbose` so the
 * translator sees the failing schema and data, formats from ajv-formats. Compiling is the costly
 * part: compile each schema once and keep the function (see validate.ts).
 */
export function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    verbose: true,
    strict: true,
    allowUnionTypes: true,
    // The form schema's field unions generate ~1.5 MB of validator code; ajv's optimizer passes
    // over it take seconds (3.2 s → 1.4 s to compile the form schema without them, measured on
    // this machine), while validation speed barely changes.
    code: { optimize: false },
  });
  addFormats(ajv);
  // RFC 3339 allows year 0000; Postgres (and the ISO calendar the platform shows) start at 0001.
  ajv.addFormat('date', fromYearOne(fullFormats.date));
  ajv.addFormat('date-time', fromYearOne(fullFormats['date-time']));
  for (const keyword of MESSAGE_KEYWORDS) ajv.addKeyword({ keyword, schemaType: 'string' });
  // the params of a record value's patternErrorCode (field-error-code.ts), read by the records engine
  ajv.addKeyword({ keyword: 'patternErrorParams', schemaType: 'object' });
  return ajv;
}

type StringFormat = { validate: RegExp | ((value: string) => boolean); compare?: unknown };

/** The ajv-formats definition, and the year is not 0000 (the first four digits of a date or date-time). */
function fromYearOne(format: unknown): { type: 'string'; validate: (value: string) => boolean } {
  const check = (format as StringFormat).validate;
  const valid = typeof check === 'function' ? check : (value: string) => check.test(value);
  return { type: 'string', validate: (value) => valid(value) && !value.startsWith('0000') };
}
