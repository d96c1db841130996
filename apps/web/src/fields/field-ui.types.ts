import type { AnyField } from '@tessera/logic/browser';
import type { FieldType } from '@tessera/schema';
import type { ComponentType } from 'react';

/** Where a field is shown: the app, its form and the form's fields (lookups and links read them). */
export interface FieldScope {
  readonly app: string;
  /** The key of the form whose fields these are (uploads name it). */
  readonly form: string;
  readonly fields: readonly AnyField[];
  /** Inside a row of line items: `<line items key>.`, what a field's path starts with. */
  readonly fieldPrefix?: string;
}

export interface DisplayProps {
  readonly field: AnyField;
  readonly value: unknown;
  readonly scope: FieldScope;
  /** In a list cell: one line, no wrapping. */
  readonly compact?: boolean;
}

export interface InputProps {
  readonly field: AnyField;
  readonly value: unknown;
  readonly onChange: (value: unknown) => void;
  readonly scope: FieldScope;
  readonly id: string;
  readonly disabled?: boolean;
  readonly invalid?: boolean;
  /** Labels the control for assistive technology where no visible label points at it (grid cells). */
  readonly ariaLabel?: string;
}

/** How one field type is shown and edited. A new field type is one folder and one row in FIELD_UI. */
export interface FieldUi {
  readonly Display: ComponentType<DisplayProps>;
  readonly Input: ComponentType<InputProps>;
  /** Numbers align right in tables. */
  readonly align?: 'left' | 'right';
  /** Default list column width in pixels. */
  readonly width?: number;
  /** Computed by the engine: shown, never edited. */
  readonly computed?: boolean;
}

export type FieldUiTable = Record<FieldType, FieldUi>;
