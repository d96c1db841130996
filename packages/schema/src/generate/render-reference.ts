import {
  Description,
  FIELD_PATH_PATTERN,
  FieldPath,
  IDENTIFIER_PATTERN,
  Identifier,
  ISO_DURATION_PATTERN,
  IsoDuration,
  JsonLogic,
  JsonValue,
  Label,
  PACK_NAME_PATTERN,
  PackName,
  SEMVER_PATTERN,
  SEMVER_RANGE_PATTERN,
  SemVer,
  SemVerRange,
  STABLE_ID_PATTERN,
  StableId,
} from '../common/index.js';
import { REFERENCE_SECTIONS, type ReferenceSection } from './reference-sections.js';

type AnySchema = Record<string, any>;

/** Named string kinds, explained once in the doc's "Building blocks" section. */
const PATTERN_NAMES: Record<string, string> = {
  [IDENTIFIER_PATTERN]: 'key',
  [STABLE_ID_PATTERN]: 'id',
  [FIELD_PATH_PATTERN]: 'field path',
  [ISO_DURATION_PATTERN]: 'duration',
  [PACK_NAME_PATTERN]: 'pack name',
  [SEMVER_PATTERN]: 'semver',
  [SEMVER_RANGE_PATTERN]: 'semver range',
};

/** Descriptions of the building blocks: not repeated on every property that uses one. */
const GENERIC_DESCRIPTIONS = new Set(
  [
    Description,
    FieldPath,
    Identifier,
    IsoDuration,
    JsonLogic,
    JsonValue,
    Label,
    PackName,
    SemVer,
    SemVerRange,
    StableId,
  ].map((s) => (s as AnySchema).description as string),
);
const isLabel = (schema: AnySchema) => Boolean(schema.properties?.en && schema.properties?.['zh-CN']);

const anchor = (title: string) =>
  title
    .toLowerCase()
    .replace(/[^a-z0-9 -]/g, '')
    .replace(/ /g, '-');

/** Structural identity of a schema, ignoring its description (spreads add their own). */
const fingerprint = (schema: AnySchema) => {
  const { description: _d, ...rest } = schema;
  return JSON.stringify(rest);
};

const code = (value: unknown) => `\`${typeof value === 'string' ? value : JSON.stringify(value)}\``;
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function discriminator(branches: AnySchema[]): string | undefined {
  const first = branches[0]?.properties;
  if (!first) return undefined;
  return Object.keys(first).find((k) => branches.every((b) => b.properties?.[k]?.const !== undefined));
}

class Renderer {
  private readonly named = new Map<string, string>();

  constructor(sections: readonly ReferenceSection[]) {
    for (const s of sections) this.named.set(fingerprint(s.schema as AnySchema), s.title);
  }

  /** The "type" column: a short, linked description of what a value must be. */
  typeOf(schema: AnySchema, self?: string): string {
    const name = this.named.get(fingerprint(schema));
    if (name && name !== self) return `[${name.toLowerCase()}](#${anchor(name)})`;
    if (isLabel(schema)) return '[label](#building-blocks)';
    if (schema.enum) return `one of ${schema.enum.map(code).join(', ')}`;
    if (schema.const !== undefined) return code(schema.const);
    if (schema.anyOf) {
      const branches = schema.anyOf as AnySchema[];
      if (branches.every((b) => b.const !== undefined || b.enum)) {
        return `one of ${branches
          .flatMap((b) => b.enum ?? [b.const])
          .map(code)
          .join(', ')}`;
      }
      return branches.map((b) => this.typeOf(b)).join(' or ');
    }
    switch (schema.type) {
      case 'string': {
        const named = schema.pattern ? PATTERN_NAMES[schema.pattern] : undefined;
        if (named) return `[${named}](#building-blocks)`;
        if (schema.format) return `string (${schema.format})`;
        return 'string';
      }
      case 'integer':
      case 'number': {
        const bounds = [
          schema.minimum !== undefined ? `≥ ${schema.minimum}` : '',
          schema.exclusiveMinimum !== undefined ? `> ${schema.exclusiveMinimum}` : '',
          schema.maximum !== undefined ? `≤ ${schema.maximum}` : '',
        ].filter(Boolean);
        return bounds.length ? `${schema.type} ${bounds.join(', ')}` : schema.type;
      }
      case 'boolean':
        return 'boolean';
      case 'array': {
        const limits = schema.minItems ? ` (at least ${schema.minItems})` : '';
        return `array of ${this.typeOf(schema.items ?? {})}${limits}`;
      }
      case 'object': {
        if (schema.patternProperties) {
          const [pattern, value] = Object.entries(schema.patternProperties as Record<string, AnySchema>)[0]!;
          const key = PATTERN_NAMES[pattern] ?? 'name';
          return `object { ${key}: ${this.typeOf(value)} }`;
        }
        if (!schema.properties || Object.keys(schema.properties).length === 0) {
          return /JSON-Logic/.test(schema.description ?? '') ? '[JSON-Logic](#building-blocks)' : 'object';
        }
        return 'object (below)';
      }
      default:
        return schema.description && /JSON value/.test(schema.description) ? 'any JSON value' : 'any';
    }
  }

  /** Table rows of an object; nested anonymous objects are expanded with dotted names. */
  rows(schema: AnySchema, prefix = '', self?: string): string[] {
    const required = new Set<string>(schema.required ?? []);
    const rows: string[] = [];
    for (const [key, value] of Object.entries((schema.properties ?? {}) as Record<string, AnySchema>)) {
      if (key === '$schema') continue;
      const name = `${prefix}${key}`;
      const description = GENERIC_DESCRIPTIONS.has(value.description) ? '' : (value.description ?? '');
      rows.push(
        `| \`${name}\` | ${cell(this.typeOf(value, self))} | ${required.has(key) ? 'yes' : ''} | ${cell(description)} |`,
      );
      const named = this.named.has(fingerprint(value)) || isLabel(value);
      if (!named && value.type === 'object' && value.properties && Object.keys(value.properties).length > 0) {
        rows.push(...this.rows(value, `${name}.`));
      }
      const items = value.items as AnySchema | undefined;
      if (
        !named &&
        items &&
        !this.named.has(fingerprint(items)) &&
        items.type === 'object' &&
        items.properties
      ) {
        rows.push(...this.rows(items, `${name}[].`));
      }
    }
    return rows;
  }

  table(schema: AnySchema, self?: string): string {
    return [
      '| property | type | required | description |',
      '| --- | --- | --- | --- |',
      ...this.rows(schema, '', self),
    ].join('\n');
  }

  section(section: ReferenceSection): string {
    const schema = section.schema as AnySchema;
    const out = [`### ${section.title}`, ''];
    if (schema.description) out.push(schema.description, '');
    if (schema.anyOf) {
      const branches = schema.anyOf as AnySchema[];
      const by = discriminator(branches);
      for (const branch of branches) {
        const heading = by
          ? `\`${by}: ${JSON.stringify(branch.properties[by].const)}\``
          : (branch.title ?? 'variant');
        out.push(`#### ${section.title}: ${heading}`, '');
        if (branch.description) out.push(branch.description, '');
        out.push(this.table(branch, section.title), '');
      }
    } else {
      out.push(this.table(schema, section.title), '');
    }
    return out.join('\n');
  }
}

/** The generated text of each marker of docs/pack-format.md. */
export function renderReference(): Record<string, string> {
  const renderer = new Renderer(Object.values(REFERENCE_SECTIONS).flat());
  const out: Record<string, string> = {};
  for (const [marker, sections] of Object.entries(REFERENCE_SECTIONS)) {
    out[marker] = sections
      .map((s) => renderer.section(s))
      .join('\n')
      .trimEnd();
  }
  return out;
}

/** Replaces the text between each `<!-- generated:x -->` / `<!-- /generated:x -->` pair. */
export function fillReference(doc: string): string {
  const rendered = renderReference();
  return doc.replace(
    /(<!-- generated:([a-z]+) -->)[\s\S]*?(<!-- \/generated:\2 -->)/g,
    (whole, open: string, marker: string, close: string) =>
      rendered[marker] === undefined ? whole : `${open}\n\n${rendered[marker]}\n\n${close}`,
  );
}

/** Markdown with table padding removed (the repository's formatter aligns table columns). */
function withoutTablePadding(text: string): string {
  return text
    .split('\n')
    .map((line) => (line.startsWith('|') ? line.replace(/ {2,}/g, ' ').replace(/-{3,}/g, '---') : line))
    .join('\n');
}

/** Are the doc's generated tables what the source renders (ignoring the formatter's padding)? */
export function referenceUpToDate(doc: string): boolean {
  return withoutTablePadding(fillReference(doc)) === withoutTablePadding(doc);
}
