import type { ValidateFunction } from 'ajv';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import { type DocumentOf, SCHEMAS, type SchemaKind } from '../registry.js';
import { createAjv } from './ajv-instance.js';
import type { ValidationResult } from './schema-error.js';
import { translateErrors } from './translate-errors.js';

let ajv: Ajv2020 | undefined;
const compiled = new Map<SchemaKind, ValidateFunction>();

/** The compiled ajv validator of a kind (compiled on first use, then cached). */
export function validatorFor(kind: SchemaKind): ValidateFunction {
  let validator = compiled.get(kind);
  if (!validator) {
    ajv ??= createAjv();
    validator = ajv.compile(SCHEMAS[kind]);
    compiled.set(kind, validator);
  }
  return validator;
}

/**
 * Validates a parsed document against the schema of its kind. On failure, every error with
 * its JSON pointer and a plain-words message.
 */
export function validate<K extends SchemaKind>(kind: K, value: unknown): ValidationResult<DocumentOf<K>> {
  const validator = validatorFor(kind);
  if (validator(value)) return { ok: true, value: value as DocumentOf<K> };
  return { ok: false, errors: translateErrors(validator.errors ?? []) };
}

export function isSchemaKind(value: string): value is SchemaKind {
  return Object.hasOwn(SCHEMAS, value);
}
