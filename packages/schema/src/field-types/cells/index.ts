/** Sheet cells (CSV/XLSX) by field type: the parsers people's spreadsheets need, and the codec types. */
export type {
  Cell,
  CellCodec,
  CellField,
  CellReadContext,
  CellReadScope,
  CellRefResolver,
  CellWriteContext,
  OutCell,
} from './cell-codec';
export { parseBoolean, parseOption, splitList } from './choice-cell.parser';
export { isBlankCell } from './common-cells';
export {
  excelSerialWallTime,
  offsetMs,
  parseDateCell,
  parseDateTimeCell,
  zonedToUtc,
} from './date-cell.parser';
export { normaliseLabel } from './label-name';
export { parseDecimal, parseMoney, parseNumber, parsePercent } from './number-cell.parser';
export type { Parsed } from './parsed';
export {
  JS_TRIM_CHARACTERS,
  type SqlCell,
  type SqlCellInput,
  sqlGuarded,
  sqlOptionCell,
  sqlPatternCell,
  sqlRange,
  sqlText,
  sqlTextCell,
  sqlTrim,
} from './sql-cell';
