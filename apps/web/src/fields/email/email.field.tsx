import type { DisplayProps, FieldUi, InputProps } from '../field-ui.types';
import { EmptyValue, isBlank } from '../shared/empty-value';
import { TextInput } from '../shared/text-inputs';

/** An e-mail address: a mailto link. */
export const emailField: FieldUi = {
  Display: ({ value }: DisplayProps) =>
    isBlank(value) ? <EmptyValue /> : <a href={`mailto:${value}`}>{String(value)}</a>,
  Input: (props: InputProps) => <TextInput {...props} type="email" />,
  width: 200,
};
