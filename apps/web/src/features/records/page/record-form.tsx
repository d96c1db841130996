import type { AnyField } from '@tessera/logic/browser';
import { type FormDefinition, userTransitionsFrom } from '@tessera/schema';
import { Card, Col, Collapse, Row } from 'antd';
import { memo, useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { FIELD_UI } from '../../../fields/field-ui.registry';
import type { FieldScope } from '../../../fields/field-ui.types';
import { LineItemsContext } from '../../../fields/line-items/line-items.context';
import { withPicked } from '../../../fields/link/link-defaults';
import { useLabel } from '../../../i18n/use-locale';
import { MUTED_TEXT } from '../../../shared/ui/colors';
import { useFormSnapshots } from './computed-values';
import { type LayoutCellPlan, type LayoutSectionPlan, layoutPlan } from './form-layout';
import { createFormSnapshotStore, type FormSnapshotStore, useFormSlice } from './form-snapshot.store';

type Values = Record<string, unknown>;

/** Which fields the viewer may not change (from the role, or a flow node's field permissions). */
export interface FieldPermissions {
  readonly readOnly?: ReadonlySet<string>;
  readonly hidden?: ReadonlySet<string>;
}

export interface RecordFormProps {
  readonly app: string;
  readonly definition: FormDefinition;
  readonly values: Values;
  readonly onChange?: (values: Values) => void;
  readonly permissions?: FieldPermissions;
  /** Errors by path (`name`, `price.amount`, `items[2].qty`), from the server or the client check. */
  readonly errors?: Readonly<Record<string, string>>;
  readonly disabled?: boolean;
  readonly userId: string | null;
  /**
   * The record as stored (edit) or null (a new one): a read-only choice offers the changes its
   * `userTransitions` allow from the stored value. Absent: read-only fields are shown only.
   */
  readonly stored?: Values | null;
}

const NO_ERRORS: Readonly<Record<string, string>> = {};
const NONE: ReadonlySet<string> = new Set();

function errorFor(errors: Readonly<Record<string, string>>, key: string): string | undefined {
  if (errors[key]) return errors[key];
  const nested = Object.entries(errors).find(([p]) => p.startsWith(`${key}.`));
  return nested?.[1];
}

/** What every field of one rendered form shares; stable while the form's definition and mode are. */
interface FormFrame {
  readonly store: FormSnapshotStore;
  readonly scope: FieldScope;
  readonly setField: (key: string, value: unknown) => void;
  readonly editable: boolean;
  readonly disabled: boolean;
  readonly readOnly: ReadonlySet<string>;
  readonly hidden: ReadonlySet<string>;
  readonly stored: Values | null | undefined;
}

/**
 * Renders a form from its definition: sections, rows and widths from the layout, the editor of
 * each field type, visible-when / required-when and formulas live as values change, errors on
 * their fields. It fetches nothing itself — the form designer renders its live preview with it.
 *
 * The layout renders once per definition; each field and each layout row subscribes to its slice
 * of the form's snapshot (value, state, error), so a keystroke re-renders the field typed into and
 * the fields whose formulas or rules depend on it — 200 fields type as fast as one.
 */
export function RecordForm({
  app,
  definition,
  values,
  onChange,
  permissions,
  errors = NO_ERRORS,
  disabled = false,
  userId,
  stored,
}: RecordFormProps) {
  const snapshots = useFormSnapshots(definition, userId);
  const snapshot = snapshots.of(values, errors);
  const [store] = useState(() => createFormSnapshotStore(snapshot));
  // a change of the props (another record, errors from the server): before paint
  useLayoutEffect(() => store.publish(snapshot), [store, snapshot]);
  const latest = useRef({ values, onChange, errors, snapshots, definition });
  latest.current = { values, onChange, errors, snapshots, definition };
  const rendered = useRef(values);
  rendered.current = values;
  const setField = useCallback(
    (key: string, value: unknown) => {
      const current = latest.current;
      if (!current.onChange) return;
      const next = withPicked(current.definition.fields, current.values, key, value);
      current.values = next; // a second change before the next render builds on this one
      // Published here, the fields re-render in the same render as the parent taking the values:
      // one render and commit per keystroke. Published after it (the layout effect), a controlled
      // input would be committed back to its old value first, then to the new one.
      store.publish(current.snapshots.of(next, current.errors));
      current.onChange(next);
      // (after React's own flush, queued before this) a parent that did not take the values, or
      // took others, is what the fields show
      queueMicrotask(() => {
        if (rendered.current === next) return;
        const now = latest.current;
        now.values = rendered.current;
        store.publish(now.snapshots.of(rendered.current, now.errors));
      });
    },
    [store],
  );
  const sections = useMemo(() => layoutPlan(definition), [definition]);
  const readOnly = permissions?.readOnly ?? NONE;
  const hidden = permissions?.hidden ?? NONE;
  const scope = useMemo(() => ({ app, form: definition.key, fields: definition.fields }), [app, definition]);
  const editable = Boolean(onChange); // not its identity: callers pass a new function per render
  const frame = useMemo<FormFrame>(
    () => ({ store, scope, setField, editable, disabled, readOnly, hidden, stored }),
    [store, scope, setField, editable, disabled, readOnly, hidden, stored],
  );
  return (
    <LineItemsContext.Provider value={store}>
      <FormSections sections={sections} frame={frame} />
    </LineItemsContext.Provider>
  );
}

const FormSections = memo(function FormSections({
  sections,
  frame,
}: {
  sections: readonly LayoutSectionPlan[];
  frame: FormFrame;
}) {
  const label = useLabel();
  const body = (section: LayoutSectionPlan) =>
    section.rows.map((row) => (
      <LayoutRow key={row.map((c) => c.field.key).join(',')} row={row} frame={frame} />
    ));
  return sections.map((section) =>
    section.title ? (
      <Collapse
        key={section.key}
        defaultActiveKey={section.collapsed ? [] : [section.key]}
        style={{ marginBottom: 12, background: '#fff' }}
        items={[
          { key: section.key, label: <strong>{label(section.title)}</strong>, children: body(section) },
        ]}
      />
    ) : (
      <Card key={section.key} size="small" style={{ marginBottom: 12 }}>
        {body(section)}
      </Card>
    ),
  );
});

/**
 * Rows out of view skip style, layout and paint (`content-visibility: auto`, sized as last shown):
 * a keystroke in a 200-field form costs the browser what the rows on screen cost.
 */
const OFFSCREEN_SKIPPED = { contentVisibility: 'auto', containIntrinsicSize: 'auto 66px' } as const;

/** One layout row: re-renders when a cell's visibility changes (a hidden field gives its room up). */
const LayoutRow = memo(function LayoutRow({
  row,
  frame,
}: {
  row: readonly LayoutCellPlan[];
  frame: FormFrame;
}) {
  const shown = useFormSlice(frame.store, (s) =>
    row
      .filter((c) => !frame.hidden.has(c.field.key) && s.states.fields[c.field.key]?.visible !== false)
      .map((c) => c.field.key)
      .join(','),
  );
  const visible = new Set(shown.split(','));
  return (
    <Row gutter={16} style={OFFSCREEN_SKIPPED}>
      {row
        .filter((cell) => visible.has(cell.field.key))
        .map((cell) => (
          <Col
            key={cell.field.key}
            xs={24}
            md={cell.span >= 24 ? 24 : Math.max(cell.span, 12)}
            xl={cell.span}
          >
            <RecordField field={cell.field} frame={frame} />
          </Col>
        ))}
    </Row>
  );
});

/**
 * A read-only choice a person may still change from its stored value (its `userTransitions`, the
 * server's rule): the field with only the stored option and those it may become, or null.
 */
function userChoice(field: AnyField, stored: Values | null | undefined): AnyField | null {
  if (field.type !== 'single_select' || stored === undefined) return null;
  const from = stored ? stored[field.key] : field.default;
  const to = userTransitionsFrom(field, from);
  if (to.length === 0) return null;
  return { ...field, options: field.options.filter((o) => o.value === from || to.includes(o.value)) };
}

/** A field's label, editor (or display), help and error; re-renders when its own slice changes. */
const RecordField = memo(function RecordField({ field, frame }: { field: AnyField; frame: FormFrame }) {
  const label = useLabel();
  const value = useFormSlice(frame.store, (s) => s.computed[field.key]);
  const required = useFormSlice(frame.store, (s) => s.states.fields[field.key]?.required === true);
  const error = useFormSlice(frame.store, (s) => errorFor(s.errors, field.key));
  const onChange = useCallback((v: unknown) => frame.setField(field.key, v), [frame, field.key]);
  const ui = FIELD_UI[field.type];
  const id = `field-${field.key}`;
  const { editable, readOnly } = frame;
  const choice = useMemo(() => userChoice(field, frame.stored), [field, frame.stored]);
  const locked =
    frame.disabled ||
    !editable ||
    ui.computed ||
    (field.readOnly === true && !choice) ||
    readOnly.has(field.key);
  const { Input, Display } = ui;
  const text = label(field.label, field.key);
  return (
    <div
      className={`record-field${error ? ' has-error' : ''}`}
      style={{ marginBottom: 14 }}
      data-field={field.key}
    >
      <label htmlFor={id} style={{ display: 'block', fontSize: 12, color: '#5b6475', marginBottom: 4 }}>
        {text}
        {required && !ui.computed && editable && !field.readOnly && !readOnly.has(field.key) && (
          <span style={{ color: '#cf1322' }} aria-hidden>
            {' '}
            *
          </span>
        )}
      </label>
      {locked && !ui.computed && (field.type !== 'line_items' || !editable || readOnly.has(field.key)) ? (
        <div id={id} style={{ minHeight: 30, padding: '4px 0' }}>
          <Display field={field} value={value} scope={frame.scope} />
        </div>
      ) : (
        <Input
          id={id}
          field={choice ?? field}
          value={value}
          scope={frame.scope}
          disabled={locked}
          invalid={Boolean(error)}
          ariaLabel={required ? `${text} *` : undefined}
          onChange={onChange}
        />
      )}
      {field.help && !error && (
        <div style={{ color: MUTED_TEXT, fontSize: 12, marginTop: 2 }}>{label(field.help)}</div>
      )}
      {error && (
        <div role="alert" style={{ color: '#cf1322', fontSize: 12, marginTop: 2 }}>
          {error}
        </div>
      )}
    </div>
  );
});
