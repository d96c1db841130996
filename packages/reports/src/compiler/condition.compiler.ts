import { type ColumnResolver, toSql } from '@tessera/logic';
import { sql } from 'kysely';
import type { ReportIssue } from '../model/report.error';
import type { ReportClock } from '../model/report-context';
import { logicType } from '../model/value-type';
import { isResolved, type RowScope } from './row-scope';
import type { Sql } from './sql-parts';

/** The scope's fields as a `@tessera/logic` column resolver. */
export function logicResolver(scope: RowScope): ColumnResolver {
  return (path) => {
    const resolved = scope.resolve(path);
    if (!isResolved(resolved)) return { error: resolved.error };
    return { sql: resolved.sql, type: logicType(resolved.type) };
  };
}

/**
 * A JSON-Logic condition as SQL, through `@tessera/logic`'s `toSql` (never a translator of our
 * own): fields resolve through the scope, literals and `today` become parameters. Problems are
 * pushed to `errors` with `path` prefixed.
 */
export function compileCondition(
  expr: unknown,
  scope: RowScope,
  clock: ReportClock,
  path: string,
  errors: ReportIssue[],
): Sql | null {
  const translated = toSql(expr, logicResolver(scope), { now: clock.now, timeZone: clock.timeZone });
  if (!translated.ok) {
    for (const e of translated.errors)
      errors.push({ path: e.path ? `${path}/${e.path}` : path, message: e.message });
    return null;
  }
  return sql`(${translated.expression})`;
}
