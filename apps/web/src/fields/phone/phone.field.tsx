import type { DisplayProps, FieldUi, InputProps } from '../field-ui.types';
import { EmptyValue, isBlank } from '../shared/empty-value';
import { TextInput } from '../shared/text-inputs';

/** A phone number: a tel link (a tap dials on a phone). */
export const phoneField: FieldUi = {
  Display: ({ value }: DisplayProps) =>
    isBlank(value) ? (
      <EmptyValue />
    ) : (
      <a href={`tel:${String(value).replace(/[^\d+]/g, '')}`} className="tabular">
        {String(value)}
      </a>
    ),
  Input: (props: InputProps) => <TextInput {...props} type="tel" />,
  width: 140,
};
