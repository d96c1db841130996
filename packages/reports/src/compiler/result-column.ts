import type { ValueType } from '../model/value-type';

/** A column of a report result, in select order. */
export interface ResultColumn {
  readonly key: string;
  /** `grouping` is the pivot's `__grouping` bitmask: bit i set = dimension i is totalled away. */
  readonly role: 'dimension' | 'measure' | 'grouping';
  readonly type: ValueType;
  /** Bins and cases: the groups in their natural order. */
  readonly labels?: readonly string[];
  /** Measures: the model's display hint (`money`, `percent`, `duration`, …). */
  readonly format?: string;
}

/** The name of the pivot's grouping column (not an identifier a user key can take). */
export const GROUPING_COLUMN = '__grouping';
