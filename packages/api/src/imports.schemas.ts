import { type Static, Type } from '@sinclair/typebox';
import { StringEnum } from '@tessera/schema';

const Key = Type.String({ pattern: '^[a-z][a-z0-9_]{0,62}$' });
export const ImportFormParams = Type.Object({ app: Key, form: Key });
export const ImportParams = Type.Object({ id: Type.String({ description: 'The import id (uuid).' }) });

export const ImportOptionsQuery = Type.Object({
  mapping: Type.Optional(
    Type.String({ description: 'JSON object: column header → field key (or null to skip).' }),
  ),
  key: Type.Optional(
    Type.String({ description: 'Field identifying a record (duplicates are looked up by it).' }),
  ),
  duplicates: Type.Optional(Type.String({ description: 'update | skip (default skip).' })),
  mode: Type.Optional(Type.String({ description: 'all_or_nothing (default) | valid_rows_only.' })),
  dryRun: Type.Optional(Type.String({ description: 'true: validate and report, write nothing.' })),
  chunkSize: Type.Optional(Type.String({ description: 'Rows per chunk, 1–5000 (default 2000).' })),
  fileName: Type.Optional(Type.String({ description: 'The file name of a raw upload (for the report).' })),
});

export const ReportPageQuery = Type.Object({
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
});

const Counts = Type.Object(
  {
    rowsRead: Type.Optional(Type.Integer()),
    rowsCreated: Type.Optional(Type.Integer()),
    rowsUpdated: Type.Optional(Type.Integer()),
    rowsUnchanged: Type.Optional(Type.Integer()),
    rowsSkipped: Type.Optional(Type.Integer()),
    rowsFailed: Type.Optional(Type.Integer()),
  },
  { additionalProperties: false },
);

export const ImportRowProblem = Type.Object({
  row: Type.Integer({ description: '1-based sheet row (the header is row 1); 0 = the file as a whole.' }),
  column: Type.Union([Type.String(), Type.Null()]),
  field: Type.Union([Type.String(), Type.Null()]),
  message: Type.String(),
});

export const ImportAccepted = Type.Object({
  id: Type.String(),
  status: Type.String(),
  statusUrl: Type.String(),
});

export const ImportStatusOut = Type.Object({
  id: Type.String(),
  app: Type.String(),
  form: Type.String(),
  status: StringEnum(['queued', 'running', 'done', 'failed', 'interrupted'], {
    description: 'queued | running | done | failed | interrupted (its server process ended)',
  }),
  outcome: Type.Union([StringEnum(['committed', 'rolled_back', 'dry_run', 'refused']), Type.Null()], {
    description: 'committed | rolled_back (all or nothing, some row bad) | dry_run | refused (the columns)',
  }),
  counts: Counts,
  columns: Type.Array(Type.Object({ header: Type.String(), field: Type.String() })),
  unknownColumns: Type.Array(Type.String()),
  problemCount: Type.Integer(),
  problems: Type.Array(ImportRowProblem),
  offset: Type.Integer(),
  limit: Type.Integer(),
  error: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.Union([Type.String(), Type.Null()]),
  finishedAt: Type.Union([Type.String(), Type.Null()]),
});

export const RecordExportQuery = Type.Object({
  format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('xlsx')], { default: 'csv' })),
  lang: Type.Optional(Type.Union([Type.Literal('zh-CN'), Type.Literal('en')], { default: 'zh-CN' })),
  filter: Type.Optional(Type.String({ description: 'A JSON-Logic filter (as for the list).' })),
  sort: Type.Optional(Type.String({ description: 'Field keys, comma separated, "-" for descending.' })),
  columns: Type.Optional(
    Type.String({ description: 'Field keys to export, comma separated (default: all).' }),
  ),
});

export type ImportAccepted = Static<typeof ImportAccepted>;
export type ImportStatusOut = Static<typeof ImportStatusOut>;
export type RecordExportQuery = Static<typeof RecordExportQuery>;

/** A CSV or XLSX export (records or a report result), for the OpenAPI document. */
export const SheetFile = {
  description: 'The rows as a CSV or XLSX file (Content-Disposition names it).',
  content: {
    'text/csv': { schema: { type: 'string' } },
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
      schema: { type: 'string', format: 'binary' },
    },
  },
} as const;
export type ImportRowProblem = Static<typeof ImportRowProblem>;
