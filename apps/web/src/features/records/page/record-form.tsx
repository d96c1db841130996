import { type AnyField, compileFormLogic, computeFormulas, fieldStates } from '@tessera/logic/browser';
import type { FormDefinition } from '@tessera/schema';
import { Card, Col, Collapse, Row } from 'antd';
import { useMemo } from 'react';
import { FIELD_UI } from '../../../fields/field-ui.registry';
import { LineItemsContext } from '../../../fields/line-items/line-items.context';
import { useLabel } from '../../../i18n/use-locale';
import { platformClock } from '../../../shared/platform-clock';
import { MUTED_TEXT } from '../../../shared/ui/colors';
import { layoutPlan } from './form-layout';

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
}

/** The values as the engine will store them: formulas (rows first) computed in the browser. */
export function useComputedValues(definition: FormDefinition, values: Values, userId: string | null) {
  const logic = useMemo(() => compileFormLogic(definition), [definition]);
  return useMemo(() => {
    const computed = computeFormulas(logic, values, { id: userId }, platformClock());
    return { computed, states: fieldStates(logic, computed, { id: userId }, platformClock()) };
  }, [logic, values, userId]);
}

function errorFor(errors: Readonly<Record<string, string>>, key: string): string | undefined {
  if (errors[key]) return errors[key];
  const nested = Object.entries(errors).find(([p]) => p.startsWith(`${key}.`));
  return nested?.[1];
}

/**
 * Renders a form from its definition: sections, rows and widths from the layout, the editor of
 * each field type, visible-when / required-when and formulas live as values change, errors on
 * their fields. It fetches nothing itself — the form designer renders its live preview with it.
 */
export function RecordForm({
  app,
  definition,
  values,
  onChange,
  permissions,
  errors = {},
  disabled,
  userId,
}: RecordFormProps) {
  const label = useLabel();
  const { computed, states } = useComputedValues(definition, values, userId);
  const sections = useMemo(() => layoutPlan(definition), [definition]);
  const scope = useMemo(() => ({ app, fields: definition.fields }), [app, definition]);
  const readOnly = permissions?.readOnly ?? new Set<string>();
  const hidden = permissions?.hidden ?? new Set<string>();
  const rowsInfo = useMemo(
    () => ({ states: states.rows, errors, readOnlyFields: readOnly }),
    [states.rows, errors, readOnly],
  );

  const renderField = (field: AnyField) => {
    const state = states.fields[field.key];
    if (hidden.has(field.key) || state?.visible === false) return null;
    const ui = FIELD_UI[field.type];
    const id = `field-${field.key}`;
    const error = errorFor(errors, field.key);
    const locked = disabled || !onChange || ui.computed || field.readOnly === true || readOnly.has(field.key);
    const { Input, Display } = ui;
    return (
      <div
        className={`record-field${error ? ' has-error' : ''}`}
        style={{ marginBottom: 14 }}
        data-field={field.key}
      >
        <label htmlFor={id} style={{ display: 'block', fontSize: 12, color: '#5b6475', marginBottom: 4 }}>
          {label(field.label, field.key)}
          {state?.required && !ui.computed && onChange && !field.readOnly && !readOnly.has(field.key) && (
            <span style={{ color: '#cf1322' }} aria-hidden>
              {' '}
              *
            </span>
          )}
        </label>
        {locked && !ui.computed && (field.type !== 'line_items' || !onChange || readOnly.has(field.key)) ? (
          <div id={id} style={{ minHeight: 30, padding: '4px 0' }}>
            <Display field={field} value={computed[field.key]} scope={scope} />
          </div>
        ) : (
          <Input
            id={id}
            field={field}
            value={computed[field.key]}
            scope={scope}
            disabled={locked}
            invalid={Boolean(error)}
            ariaLabel={state?.required ? `${label(field.label, field.key)} *` : undefined}
            onChange={(v) => onChange?.({ ...values, [field.key]: v })}
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
  };

  const body = (rows: (typeof sections)[number]['rows']) =>
    rows.map((row) => (
      <Row key={row.map((c) => c.field.key).join(',')} gutter={16}>
        {row.map((cell) => {
          const content = renderField(cell.field);
          return content ? (
            <Col
              key={cell.field.key}
              xs={24}
              md={cell.span >= 24 ? 24 : Math.max(cell.span, 12)}
              xl={cell.span}
            >
              {content}
            </Col>
          ) : null;
        })}
      </Row>
    ));

  return (
    <LineItemsContext.Provider value={rowsInfo}>
      {sections.map((section) =>
        section.title ? (
          <Collapse
            key={section.key}
            defaultActiveKey={section.collapsed ? [] : [section.key]}
            style={{ marginBottom: 12, background: '#fff' }}
            items={[
              {
                key: section.key,
                label: <strong>{label(section.title)}</strong>,
                children: body(section.rows),
              },
            ]}
          />
        ) : (
          <Card key={section.key} size="small" style={{ marginBottom: 12 }}>
            {body(section.rows)}
          </Card>
        ),
      )}
    </LineItemsContext.Provider>
  );
}
