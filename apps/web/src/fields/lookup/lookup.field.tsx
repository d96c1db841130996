import { useFormDefinition } from '../../api/forms.queries';
import { FIELD_UI } from '../field-ui.registry';
import type { DisplayProps, FieldUi } from '../field-ui.types';
import { linkTarget } from '../link/link.hooks';
import { computedUi } from '../shared/computed-display';
import { EmptyValue, isBlank } from '../shared/empty-value';

/**
 * A value read from the linked record (e.g. the customer's credit level), shown as that record's
 * field shows it: an option by its label, money with its currency.
 */
function LookupDisplay({ field, value, scope, compact }: DisplayProps) {
  const linkKey = 'link' in field ? (field.link as string) : undefined;
  const sourceKey = 'field' in field ? (field.field as string) : undefined;
  const link = scope.fields.find((f) => f.key === linkKey);
  const target = link ? linkTarget(link) : undefined;
  const definition = useFormDefinition(scope.app, target);
  const source = definition.data?.fields.find((f) => f.key === sourceKey);
  if (isBlank(value)) return <EmptyValue />;
  // until the linked form is known, not its raw value (an option's key such as "good")
  if (target && definition.isPending) return <span style={{ color: '#b0b7c3' }}>…</span>;
  if (!source || source.type === 'lookup')
    return <span>{typeof value === 'object' ? '' : String(value)}</span>;
  const { Display } = FIELD_UI[source.type];
  return (
    <Display
      field={source}
      value={value}
      scope={{ app: scope.app, form: target ?? '', fields: definition.data!.fields }}
      compact={compact}
    />
  );
}

export const lookupField: FieldUi = computedUi(LookupDisplay, { width: 130 });
