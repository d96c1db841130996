import type { Label } from '@tessera/schema';
import type { ValueType } from '../model/value-type';

/** Where the display names of a column's values come from: users by id, departments by code. */
export type NameSource = 'user' | 'department';

/** A column of a report result, in select order. */
export interface ResultColumn {
  readonly key: string;
  /** `grouping` is the pivot's `__grouping` bitmask: bit i set = dimension i is totalled away. */
  readonly role: 'dimension' | 'measure' | 'grouping';
  readonly type: ValueType;
  /** Bins and cases: the groups in their natural order. */
  readonly labels?: readonly string[];
  /** Cases: each group's stable value → how it reads in each language (values stay the keys). */
  readonly valueLabels?: Readonly<Record<string, Label>>;
  /** Measures: the model's display hint (`money`, `percent`, `duration`, …). */
  readonly format?: string;
  /** A user or department dimension: its values are ids (drill-downs filter by them)… */
  readonly nameSource?: NameSource;
  /** …and these are their display names (id → name), filled in after the run. */
  readonly names?: Readonly<Record<string, string>>;
}

/** The name of the pivot's grouping column (not an identifier a user key can take). */
export const GROUPING_COLUMN = '__grouping';
