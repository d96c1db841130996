/**
 * @tessera/logic/browser — what the web app may load: the compiler, the validator and the form
 * rules (visible-when, required-when, formulas) the forms engine runs on the server, so browser
 * and server compute the same. No kysely, no SQL, no database code (a test checks the bundle).
 */
export {
  type Decimal,
  decimalText,
  isDecimal,
  plainNumber,
  roundDecimal,
  toDecimal,
  wholeDigits,
} from './decimal/exact-decimal';
export type { CompileOptions } from './eval/compiled-node';
export { compile } from './eval/logic.compiler';
export { evaluateForm, type FormEvaluation } from './form/form-evaluation';
export { type AnyField, currencyKey, liveFields, truthy } from './form/form-fields';
export {
  compileFormLogic,
  computeFormulas,
  type FormLogic,
  type FormStates,
  fieldStates,
} from './form/form-logic';
export { type FormValues, logicData, setLogicValue } from './form/form-logic-data';
export { formulaResult } from './form/formula-result';
export { type LogicDependencies, logicDependencies } from './form/logic-dependencies';
export {
  compileTableLogic,
  computeTableFormulas,
  type FieldLogic,
  type FieldState,
  fieldState,
  formulaValue,
  type LineItemsLogic,
  type TableLogic,
  tableFieldStates,
} from './form/table-logic';
export {
  LogicContextError,
  LogicEmptyNumberError,
  type LogicErrorCode,
  LogicValidationError,
} from './logic.error';
export type {
  CompiledLogic,
  EvalContext,
  InvalidResult,
  LogicExpression,
  LogicIssue,
  ValidationResult,
} from './logic.types';
export {
  type Clock,
  type MovableClock,
  movableClock,
  type ShiftedClock,
  shiftedClock,
  systemClock,
} from './time/clock';
export { isTimeZone, localDate, localDay, startOfLocalDate, wallClockInstant } from './time/local-date';
export { validate } from './validate/logic.validator';
export {
  DATE_ADD_UNITS,
  type DateAddUnit,
  OPERATORS,
  type OperatorSpec,
  TRUNC_UNITS,
  type TruncUnit,
} from './validate/operator.registry';
