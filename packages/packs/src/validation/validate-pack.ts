import { referenceScope } from '@tessera/forms';
import type {
  DashboardDefinition,
  FlowDefinition,
  FormDefinition,
  PackManifest,
  PrintTemplateDefinition,
  ReportDefinition,
  RolesDefinition,
  RuleDefinition,
  SchemaKind,
} from '@tessera/schema';
import { type CheckContext, DEFINED_IN, ErrorSink } from '../checks/check-context.js';
import { checkDashboard } from '../checks/dashboard.check.js';
import { checkFlow } from '../checks/flow.check.js';
import { checkForm } from '../checks/form.check.js';
import { checkPrint } from '../checks/print.check.js';
import type { QueryOutputs } from '../checks/query.check.js';
import { checkReport } from '../checks/report.check.js';
import { checkRoles } from '../checks/roles.check.js';
import { checkRule } from '../checks/rule.check.js';
import type { LoadedPack } from '../model/loaded-pack.js';
import type { Pack, PackAsset } from '../model/pack.js';
import type { PackError } from '../model/pack-error.js';
import { comparePackErrors } from './compare-pack-errors.js';
import { type PackFileDocument, readPackDocuments } from './read-pack-documents.js';

export type PackValidation =
  | { readonly ok: true; readonly pack: Pack }
  | { readonly ok: false; readonly errors: readonly PackError[] };

/** Files whose name matches their key first: they are "the" definition when keys clash. */
const byFileNameMatch = (a: PackFileDocument, b: PackFileDocument) =>
  Number(a.key !== a.fileKey) - Number(b.key !== b.fileKey);

/** Step 2: file names against keys, and duplicate keys across the files of one kind. */
function checkFileKeys(documents: readonly PackFileDocument[]): PackError[] {
  const errors: PackError[] = [];
  const first = new Map<string, string>();
  for (const doc of [...documents].sort(byFileNameMatch)) {
    if (doc.fileKey === undefined || doc.key === undefined) continue;
    if (doc.key !== doc.fileKey) {
      const folder = doc.file.split('/')[0];
      const message = `key '${doc.key}' does not match the file name: name the file ${folder}/${doc.key}.json or set "key": "${doc.fileKey}"`;
      errors.push({ code: 'file_name', file: doc.file, path: '/key', message });
    }
    const id = `${doc.schema}:${doc.key}`;
    const other = first.get(id);
    if (other) {
      const message = `duplicate ${doc.schema} key '${doc.key}' (also in ${other})`;
      errors.push({ code: 'duplicate_key', file: doc.file, path: '/key', message });
    } else first.set(id, doc.file);
  }
  return errors;
}

/** Step 3: what the pack defines. Invalid documents are known by key, their contents are not used. */
function buildContext(
  documents: readonly PackFileDocument[],
  dataFiles: readonly string[],
  assets: readonly PackAsset[],
): CheckContext {
  const ordered = [...documents].sort(byFileNameMatch);
  const valid = <T>(schema: SchemaKind) =>
    documents
      .filter((d) => d.schema === schema && d.valid)
      .map((d) => ({ file: d.file, value: d.value as T }));
  const keys = (schema: SchemaKind) =>
    new Set(documents.flatMap((d) => (d.schema === schema && d.key !== undefined ? [d.key] : [])));
  const rolesDoc = documents.find((d) => d.schema === 'roles');
  const pack: Pack = {
    manifest: (documents.find((d) => d.schema === 'pack' && d.valid)?.value ?? {}) as PackManifest,
    forms: valid<FormDefinition>('form'),
    flows: valid<FlowDefinition>('flow'),
    rules: valid<RuleDefinition>('rule'),
    reports: valid<ReportDefinition>('report'),
    dashboards: valid<DashboardDefinition>('dashboard'),
    prints: valid<PrintTemplateDefinition>('print'),
    roles: valid<RolesDefinition>('roles')[0],
    dataFiles,
    assets,
  };
  const forms = new Map<string, FormDefinition | undefined>();
  for (const d of ordered) {
    if (d.schema !== 'form' || d.key === undefined || forms.has(d.key)) continue;
    forms.set(d.key, d.valid ? (d.value as FormDefinition) : undefined);
  }
  // No roles.json: no role exists. An invalid roles.json: cannot tell, role references are not checked.
  const roles = !rolesDoc
    ? new Set<string>()
    : rolesDoc.valid
      ? new Set(pack.roles?.value.roles.map((r) => r.key))
      : undefined;
  const scope = referenceScope(forms, {
    named: {
      flow: keys('flow'),
      report: keys('report'),
      dashboard: keys('dashboard'),
      ...(roles ? { role: roles } : {}),
    },
    missing: DEFINED_IN,
    // An invalid pack.json: cannot tell which messengers exist, `via` is not checked against them.
    ...(documents.some((d) => d.schema === 'pack' && d.valid)
      ? { messaging: pack.manifest.messaging ?? {} }
      : {}),
  });
  return { pack, ...scope };
}

/** Step 4: every cross-file reference of the valid documents. */
function checkReferences(ctx: CheckContext): PackError[] {
  const { pack } = ctx;
  const sink = new ErrorSink();
  for (const doc of pack.forms) checkForm(ctx, sink, doc);
  for (const doc of pack.flows) checkFlow(ctx, sink, doc);
  for (const doc of pack.rules) checkRule(ctx, sink, doc);
  const reportOutputs = new Map<string, QueryOutputs>();
  for (const doc of pack.reports) reportOutputs.set(doc.value.key, checkReport(ctx, sink, doc));
  for (const doc of pack.dashboards) checkDashboard(ctx, sink, doc, reportOutputs);
  for (const doc of pack.prints) checkPrint(ctx, sink, doc);
  if (pack.roles) checkRoles(ctx, sink, pack.roles);
  for (const file of pack.dataFiles) {
    const form = file.slice('data/'.length, -'.csv'.length);
    if (!ctx.forms.has(form))
      sink.at(file)('', `data for an unknown form '${form}': the pack has no forms/${form}.json`);
  }
  return sink.errors;
}

/**
 * Validates a loaded pack folder in pure code: the layout (unknown files, a missing pack.json),
 * each file's JSON syntax and JSON Schema, file names against keys, duplicate keys across files,
 * and every cross-file reference. Returns the typed pack, or every error with its file, JSON
 * path and (when known) line, in document order.
 */
export function validatePack(loaded: LoadedPack): PackValidation {
  const read = readPackDocuments(loaded);
  const ctx = buildContext(read.documents, read.dataFiles, read.assets);
  const errors = [...read.errors, ...checkFileKeys(read.documents), ...checkReferences(ctx)].map((e) =>
    e.line === undefined ? { ...e, ...read.locate(e.file, e.path) } : e,
  );
  if (errors.length > 0) return { ok: false, errors: errors.sort(comparePackErrors) };
  return { ok: true, pack: ctx.pack };
}
