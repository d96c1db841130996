/**
 * @tessera/logic — JSON-Logic with platform operators: validate an expression, compile it to a
 * closure for fast in-memory evaluation, translate a filter to a kysely SQL expression.
 */
export { compile } from './eval/logic.compiler';
export { LogicContextError, type LogicErrorCode, LogicValidationError } from './logic.error';
export type {
  CompiledLogic,
  EvalContext,
  InvalidResult,
  LogicExpression,
  LogicIssue,
  ValidationResult,
} from './logic.types';
export { type SqlTranslation, toSql, toSqlOrThrow } from './sql/logic-sql.translator';
export type { ColumnResolver, ResolvedColumn, SqlValueType } from './sql/sql-operand';
export { validate } from './validate/logic.validator';
export {
  DATE_ADD_UNITS,
  type DateAddUnit,
  OPERATORS,
  type OperatorSpec,
  TRUNC_UNITS,
  type TruncUnit,
} from './validate/operator.registry';
