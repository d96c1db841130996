/**
 * @tessera/api — the HTTP contracts: every route's request and response schemas as TypeBox, with
 * their `Static` types. The server validates by them and builds /api/openapi.json from them;
 * the web app imports the types. Browser-safe: TypeBox and @tessera/schema only, no I/O.
 */
export * from './audit.schemas';
export * from './auth.schemas';
export * from './common.schemas';
export * from './engine-checked';
export * from './files.schemas';
export * from './flows.schemas';
export * from './form-plan.schemas';
export * from './imports.schemas';
export * from './messages.schemas';
export * from './org.schemas';
export * from './pack-format.components';
export * from './pack-plan.schemas';
export * from './packs.schemas';
export * from './print.schemas';
export * from './problem.schema';
export * from './records.schemas';
export * from './report-result.schemas';
export * from './reports.schemas';
export * from './rules.schemas';
export * from './shared-schemas';
export * from './system.schemas';
export * from './values.schemas';
export * from './views.schemas';
