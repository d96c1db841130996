import { type Static, Type } from '@sinclair/typebox';
import {
  documentOptions,
  Identifier,
  Label,
  PackName,
  SchemaPointer,
  SemVer,
  SemVerRange,
} from '../common/index.js';
import { MessagingSchema } from './messenger.schema.js';

/** `pack.json`: what the pack is and what it needs. */
export const PackManifestSchema = Type.Object(
  {
    $schema: SchemaPointer,
    name: PackName,
    version: SemVer,
    title: Label,
    description: Type.Optional(Label),
    app: Type.Optional({
      ...Identifier,
      description:
        'The app key (also the Postgres schema name of its tables). Default: the pack name with "-" replaced by "_".',
    }),
    requires: Type.Optional(
      Type.Object(
        {
          tessera: Type.Optional({
            ...SemVerRange,
            description: 'The Tessera versions this pack works with (e.g. "^0.1.0").',
          }),
          packs: Type.Optional(
            Type.Record(Type.String({ pattern: PackName.pattern }), SemVerRange, {
              additionalProperties: false,
              propertyNamesErrorMessage: PackName.patternErrorMessage,
              description: 'Other packs that must be installed first: { "<pack name>": "<version range>" }.',
            }),
          ),
        },
        { additionalProperties: false, description: 'What must be present before this pack is applied.' },
      ),
    ),
    author: Type.Optional(Type.String({ description: 'Who made the pack.' })),
    license: Type.Optional(Type.String({ description: 'An SPDX license id (e.g. "MIT").' })),
    homepage: Type.Optional(Type.String({ format: 'uri', description: 'Where to read about the pack.' })),
    locales: Type.Optional(
      Type.Array(Type.String(), {
        description: 'Languages the labels are written in (e.g. ["zh-CN", "en"]).',
      }),
    ),
    messaging: Type.Optional(MessagingSchema),
  },
  documentOptions(
    'pack',
    'Tessera pack manifest',
    'pack.json: the name, version and requirements of a pack.',
  ),
);
export type PackManifest = Static<typeof PackManifestSchema>;
