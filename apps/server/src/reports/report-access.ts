import { checkReportQuery, formAccessOf, rowCondition } from '@tessera/access';
import type { QueryOptions, ReportCatalog } from '@tessera/reports';
import { type SqlBool, sql } from 'kysely';
import type { Authorization } from '../access/authorize';
import { ApiError } from '../errors/api-error';

/**
 * The report engine's hooks for a caller (admins: none). `guard` refuses a query (or a dashboard
 * widget's) that reads a form the caller may not read or names a field hidden from them — 403
 * naming it; `rowFilter` ANDs the caller's read scope of the source AND of every joined form
 * into the statement (WHERE for the source, each join's ON), so aggregates only ever see rows
 * the caller could list.
 */
export function reportAccess(who: Authorization, catalog: ReportCatalog | null): QueryOptions {
  const app = who.app;
  if (!app || app.admin || !catalog) return {};
  return {
    guard: (query, loaded) => {
      const issues = checkReportQuery(query, loaded.forms, (form) => formAccessOf(app, form));
      if (issues.length > 0) {
        throw new ApiError('FORBIDDEN', 'The report reads data hidden from you.', issues);
      }
    },
    rowFilter: (form, alias) => {
      const definition = Object.hasOwn(catalog.forms, form) ? catalog.forms[form] : undefined;
      if (!definition) return sql<SqlBool>`false`;
      return (
        rowCondition(formAccessOf(app, form).rows.read, { fields: definition.fields, alias }) ?? undefined
      );
    },
  };
}

/** Drill-down rows without the source form's hidden columns (a money field's currency too). */
export function withoutHiddenColumns<
  T extends { columns: readonly { key: string }[]; rows: readonly Record<string, unknown>[] },
>(result: T, who: Authorization, form: string | undefined): T {
  if (!who.app || who.app.admin || !form) return result;
  const hidden = formAccessOf(who.app, form).hidden;
  if (hidden.length === 0) return result;
  const isHidden = (key: string) => hidden.some((h) => key === h || key.startsWith(`${h}__`));
  return {
    ...result,
    columns: result.columns.filter((c) => !isHidden(c.key)),
    rows: result.rows.map((row) => Object.fromEntries(Object.entries(row).filter(([key]) => !isHidden(key)))),
  };
}
